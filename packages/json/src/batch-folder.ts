import { join } from 'node:path';
import { PublicationInputError } from './errors';

/** A batch id becomes a folder name: refuse anything that could leave `dir` or hide the folder. */
export function batchFolder(dir: string, batchId: string): string {
  if (
    !batchId ||
    /[/\\\u0000-\u001f:*?"<>|]/.test(batchId) ||
    batchId.startsWith('.') ||
    batchId.trim() !== batchId
  )
    throw new PublicationInputError([
      {
        path: 'batch.id',
        message: `批次编号 “${batchId}” 不能用作文件夹名（不得含 / \\ : * ? " < > | 或控制字符，不得以 . 开头或含首尾空格）`,
        messageEn: `batch id "${batchId}" cannot be a folder name (no / \\ : * ? " < > |, control characters, leading dot or surrounding spaces)`,
      },
    ]);
  return join(dir, batchId);
}
