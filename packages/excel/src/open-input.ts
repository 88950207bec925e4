import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFormatError, ZipSource } from './zip-source';

/** A workbook to import: a file path, the file's bytes, or a readable stream of them. */
export type WorkbookInput = string | Uint8Array | Readable;

/** Why an input is not a readable xlsx, found from its first and last bytes. */
export interface InputProblem {
  code:
    | 'FILE_NOT_FOUND'
    | 'FILE_UNREADABLE'
    | 'NOT_A_WORKBOOK'
    | 'ENCRYPTED_WORKBOOK'
    | 'LEGACY_XLS'
    | 'CORRUPT_WORKBOOK'
    | 'WORKBOOK_TOO_LARGE';
  zh: string;
  en: string;
}

export interface OpenedInput {
  zip: ZipSource;
  /** Closes the file and removes the temp copy of a stream. */
  close(): Promise<void>;
}

const CHUNK = 64 * 1024;
// The end-of-central-directory record sits in the last 22 bytes plus at most a 64 KiB comment.
const TAIL = 22 + 0xffff;
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export async function openInput(input: WorkbookInput): Promise<OpenedInput | InputProblem> {
  if (typeof input === 'string') return openPath(input, async () => {});
  if (input instanceof Uint8Array) {
    const problem = sniff(
      input.subarray(0, CHUNK),
      input.length,
      input.subarray(Math.max(0, input.length - TAIL)),
    );
    if (problem) return problem;
    return openZip(
      () => ZipSource.fromBuffer(input),
      async () => {},
    );
  }
  if (input && typeof (input as Readable).pipe === 'function') return openStream(input as Readable);
  return {
    code: 'NOT_A_WORKBOOK',
    zh: '输入既不是文件路径，也不是文件内容或数据流',
    en: 'the input is neither a file path, nor file bytes, nor a stream',
  };
}

async function openZip(
  create: () => Promise<ZipSource>,
  cleanup: () => Promise<void>,
): Promise<OpenedInput | InputProblem> {
  try {
    const zip = await create();
    const expanded = declaredSize(zip);
    if (expanded > MAX_UNCOMPRESSED_BYTES) {
      await zip.close();
      await cleanup();
      return tooLargeProblem(expanded);
    }
    return {
      zip,
      close: async () => {
        await zip.close();
        await cleanup();
      },
    };
  } catch (error) {
    await cleanup();
    if (error instanceof ZipFormatError) return truncatedProblem();
    const code = (error as NodeJS.ErrnoException).code;
    return {
      code: 'FILE_UNREADABLE',
      zh: `无法读取文件（${code ?? '未知错误'}）`,
      en: `cannot read file (${code})`,
    };
  }
}

/**
 * Most an xlsx may expand to, summed over its parts as the central directory declares them. A
 * zip bomb is a small file that inflates past any memory (shared strings are held in memory):
 * it is refused before a byte is inflated. 1 GiB is far above a 1,000,000-row sheet.
 */
export const MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024;

function declaredSize(zip: ZipSource): number {
  let total = 0;
  for (const entry of zip.entries.values())
    total += entry.size === 0xffffffff ? Number.POSITIVE_INFINITY : entry.size;
  return total;
}

function tooLargeProblem(total: number): InputProblem {
  const mib = (n: number) => (Number.isFinite(n) ? `${Math.round(n / 1048576)} MiB` : '超过 4 GiB');
  return {
    code: 'WORKBOOK_TOO_LARGE',
    zh: `文件解压后过大（${mib(total)}，上限 ${mib(MAX_UNCOMPRESSED_BYTES)}），可能是恶意构造的压缩包（zip 炸弹），已拒绝读取；如确为正常数据，请拆分为多个工作簿`,
    en: `the workbook would expand to ${Number.isFinite(total) ? `${Math.round(total / 1048576)} MiB` : 'more than 4 GiB'} (limit ${MAX_UNCOMPRESSED_BYTES / 1048576} MiB): possibly a zip bomb, refused; split genuine data into several workbooks`,
  };
}

async function openPath(path: string, cleanup: () => Promise<void>): Promise<OpenedInput | InputProblem> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      return { code: 'FILE_UNREADABLE', zh: '这不是一个文件（可能是文件夹）', en: 'not a file (a folder?)' };
    }
    size = info.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { code: 'FILE_NOT_FOUND', zh: '文件不存在', en: 'file not found' };
    return {
      code: 'FILE_UNREADABLE',
      zh: `无法读取文件（${code ?? '未知错误'}）`,
      en: `cannot read file (${code})`,
    };
  }
  let head: Uint8Array;
  let tail: Uint8Array;
  try {
    const handle = await open(path, 'r');
    try {
      head = await readAt(handle, 0, Math.min(size, CHUNK));
      tail = await readAt(handle, Math.max(0, size - TAIL), Math.min(size, TAIL));
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      code: 'FILE_UNREADABLE',
      zh: `无法读取文件（${code ?? '未知错误'}）`,
      en: `cannot read file (${code})`,
    };
  }
  const problem = sniff(head, size, tail);
  if (problem) {
    await cleanup();
    return problem;
  }
  return openZip(() => ZipSource.fromFile(path), cleanup);
}

async function readAt(handle: import('node:fs/promises').FileHandle, position: number, length: number) {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/**
 * A stream has no central directory to seek to: it is copied to a temp file first (bounded
 * memory), after a look at its first bytes so that a CSV or an .xls is refused at once.
 */
async function openStream(source: Readable): Promise<OpenedInput | InputProblem> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  let first: Buffer;
  try {
    const step = await iterator.next();
    first = step.done ? Buffer.alloc(0) : toBuffer(step.value);
  } catch (error) {
    return {
      code: 'FILE_UNREADABLE',
      zh: `读取数据流失败：${(error as Error).message}`,
      en: `reading the stream failed: ${(error as Error).message}`,
    };
  }
  const problem = sniff(first.subarray(0, CHUNK), first.length === 0 ? 0 : Number.POSITIVE_INFINITY);
  if (problem) {
    source.destroy();
    return problem;
  }
  const dir = await mkdtemp(join(tmpdir(), 'jianzheng-import-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const path = join(dir, 'upload.xlsx');
  try {
    await pipeline(
      Readable.from(
        (async function* () {
          yield first;
          while (true) {
            const step = await iterator.next();
            if (step.done) return;
            yield toBuffer(step.value);
          }
        })(),
      ),
      createWriteStream(path),
    );
  } catch (error) {
    await cleanup();
    return {
      code: 'FILE_UNREADABLE',
      zh: `读取数据流失败：${(error as Error).message}`,
      en: `reading the stream failed: ${(error as Error).message}`,
    };
  }
  return openPath(path, cleanup);
}

function toBuffer(value: Buffer | string | Uint8Array): Buffer {
  if (Buffer.isBuffer(value)) return value;
  return typeof value === 'string'
    ? Buffer.from(value)
    : Buffer.from(value.buffer, value.byteOffset, value.length);
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  if (bytes.length < signature.length) return false;
  return signature.every((byte, i) => bytes[i] === byte);
}

function truncatedProblem(): InputProblem {
  return {
    code: 'CORRUPT_WORKBOOK',
    zh: '文件不完整或已损坏（压缩包缺少结尾目录，可能下载或复制时被截断），请重新获取原文件',
    en: 'the file is incomplete or corrupt (the zip has no central directory; it was probably cut short)',
  };
}

/** What the first bytes say the file is; `undefined` when it looks like a zip (xlsx). */
export function sniff(head: Uint8Array, size: number, tail?: Uint8Array): InputProblem | undefined {
  if (size === 0 || head.length === 0) {
    return { code: 'NOT_A_WORKBOOK', zh: '文件是空的', en: 'the file is empty' };
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return undefined;
  if (startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    return {
      code: 'NOT_A_WORKBOOK',
      zh: '文件是一个空的压缩包，不是 Excel 工作簿',
      en: 'the file is an empty zip archive, not an Excel workbook',
    };
  }
  if (startsWith(head, OLE)) {
    // OLE compound files hold either an encrypted xlsx (streams EncryptionInfo and
    // EncryptedPackage) or an old binary .xls (stream Workbook or Book); names are UTF-16LE.
    const encrypted = (bytes: Uint8Array) =>
      containsUtf16(bytes, 'EncryptionInfo') || containsUtf16(bytes, 'EncryptedPackage');
    if (encrypted(head) || (tail !== undefined && encrypted(tail))) {
      return {
        code: 'ENCRYPTED_WORKBOOK',
        zh: '工作簿设置了打开密码（已加密），无法读取。请在 Excel 中取消密码后另存为 .xlsx 再导入',
        en: 'the workbook is password-protected (encrypted); remove the password, save as .xlsx and import again',
      };
    }
    return {
      code: 'LEGACY_XLS',
      zh: '这是旧版 Excel 97-2003 (.xls) 文件或加密的工作簿，无法读取。请在 Excel 中另存为 .xlsx（并取消密码）后再导入',
      en: 'this is an old Excel 97-2003 (.xls) file or an encrypted workbook; save it as .xlsx (without password) and import again',
    };
  }
  const sample = Buffer.from(head.subarray(0, 4096)).toString('utf8');
  if (!sample.includes('\u0000')) {
    const trimmed = sample
      .replace(/^\ufeff/, '')
      .trimStart()
      .toLowerCase();
    if (trimmed.startsWith('<')) {
      return {
        code: 'NOT_A_WORKBOOK',
        zh: '这是网页或 XML 文本（常见于系统导出的“伪 .xls”），不是 .xlsx 工作簿。请在 Excel 中打开并另存为 .xlsx',
        en: 'this is HTML or XML text (a "fake .xls" export), not an .xlsx workbook; open it in Excel and save as .xlsx',
      };
    }
    const lines = sample.split(/\r?\n/).filter((line) => /[,\t]/.test(line));
    const kind = lines.length >= 2 ? ' CSV 或制表符分隔的文本' : '纯文本';
    return {
      code: 'NOT_A_WORKBOOK',
      zh: `这是${kind}文件，不是 .xlsx 工作簿（可能只是改了扩展名）。请在 Excel 中打开并另存为 .xlsx`,
      en: 'this is a text (CSV) file, not an .xlsx workbook (perhaps only renamed); open it in Excel and save as .xlsx',
    };
  }
  return {
    code: 'NOT_A_WORKBOOK',
    zh: '文件不是 Excel 工作簿（.xlsx）',
    en: 'the file is not an Excel workbook (.xlsx)',
  };
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const needle = Buffer.from(text, 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes(needle);
}
