import { type Engine, itemKey, type Publication } from '@jianzheng/core';
import { createWorkerImporter, type ImportIssue, type ImportResult } from '@jianzheng/excel';
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
 * The next file is imported on a worker thread while this one is evaluated and added, so the
 * two halves of the work share the machine's cores.
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
  let rowsOfFile = 0;
  const importer = createWorkerImporter();
  const load = (index: number): Promise<ImportResult> => {
    progress.file(index);
    const base = rowsBefore;
    return importer.importWorkbook(sources[index]!.path, {
      fileName: sources[index]!.fileName,
      onProgress: (count) => {
        rowsOfFile = count;
        progress.rows(base + count);
      },
    });
  };
  let next = sources.length > 0 ? load(0) : undefined;
  try {
    for (let index = 0; index < sources.length; index++) {
      const result = await next!;
      rowsBefore += rowsOfFile;
      rowsOfFile = 0;
      next = index + 1 < sources.length ? load(index + 1) : undefined;
      const source = sources[index]!;
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
  } finally {
    // An import still running (after an early return) is abandoned with the worker.
    next?.catch(() => undefined);
    await importer.close();
  }
  if (failed.length > 0) return { kind: 'import-failed', failed, issues };
  return { kind: 'published', publication: builder.finish(), issues };
}
