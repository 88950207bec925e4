import { type Engine, itemKey, type Publication } from '@jianzheng/core';
import { type ImportIssue, importWorkbook } from '@jianzheng/excel';
import { createPublicationBuilder, type PublicationHeadInput } from '@jianzheng/json';
import type { Progress } from './progress';

/** One workbook to publish: where it is and the name its issues carry. */
export interface PublishSource {
  path: string;
  fileName: string;
}

export type FileByFileOutcome =
  | { kind: 'published'; publication: Publication; issues: ImportIssue[] }
  | { kind: 'import-failed'; failed: string[]; issues: ImportIssue[] }
  /** An item is in two files: its materials must be numbered and compared as one item. */
  | { kind: 'item-spans-files'; item: string; files: [string, string] };

/**
 * Imports, evaluates and adds to the publication one workbook at a time, so that only one
 * file's Material and Decision objects are alive at once — a national list of 1,000,000
 * materials otherwise holds about 1 GB of them. Rules look only inside an item and ids are
 * numbered per item, so the result is byte for byte the whole-batch one, unless an item spans
 * two files: that is answered as `item-spans-files` and the caller imports the batch whole.
 */
export async function publishFileByFile(
  sources: readonly PublishSource[],
  engine: Engine,
  head: PublicationHeadInput,
  progress: Progress,
): Promise<FileByFileOutcome> {
  const builder = createPublicationBuilder(head);
  const issues: ImportIssue[] = [];
  const failed: string[] = [];
  const fileOfItem = new Map<string, string>();
  let rowsBefore = 0;
  for (const [index, source] of sources.entries()) {
    progress.file(index);
    let rows = 0;
    const result = await importWorkbook(source.path, {
      fileName: source.fileName,
      onProgress: (count) => {
        rows = count;
        progress.rows(rowsBefore + count);
      },
    });
    rowsBefore += rows;
    issues.push(...result.issues);
    if (!result.ok) {
      // The other files are still read, so that every file's problems are reported at once.
      failed.push(source.fileName);
      continue;
    }
    for (const item of result.items) {
      const key = itemKey(item);
      const earlier = fileOfItem.get(key);
      if (earlier !== undefined)
        return { kind: 'item-spans-files', item: item.name, files: [earlier, source.fileName] };
      fileOfItem.set(key, source.fileName);
    }
    if (failed.length === 0) builder.add(result.materials, engine.evaluate(result.materials));
  }
  if (failed.length > 0) return { kind: 'import-failed', failed, issues };
  return { kind: 'published', publication: builder.finish(), issues };
}
