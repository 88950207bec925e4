import { stat } from 'node:fs/promises';
import { type Decision, type Engine, evaluateInSlices, itemKey, type Material } from '@jianzheng/core';
import {
  type ImportIssue,
  type ImportLimits,
  type ImportResult,
  importWorkbook,
  importWorkbooksAhead,
} from '@jianzheng/excel';
import { streamEvaluate } from './evaluate-stream';
import type { Progress } from './progress';

/**
 * Files up to this size are imported whole (one file's objects in memory); larger ones are read
 * twice, streaming: once to check they import, then item by item into `take`.
 */
const WHOLE_FILE_BYTES = 8 * 1024 * 1024;

/** One workbook: where it is and the name its issues carry. */
export interface WorkbookFile {
  path: string;
  fileName: string;
}

export type FileByFileOutcome =
  /** Every file was read; `failed` names those that did not import (their materials were not taken). */
  | { kind: 'done'; failed: string[]; issues: ImportIssue[] }
  /** An item is in two files: its materials must be numbered and compared as one item. */
  | { kind: 'item-spans-files'; item: string; files: [string, string] };

export interface FileByFileOptions {
  /** Stop evaluating after the first file that fails to import (a publication is all or nothing). */
  allOrNothing?: boolean;
  /** What one file may hold (`--max-rows` …); absent keys take @jianzheng/excel's defaults. */
  limits?: ImportLimits;
  /** Files up to this many bytes are imported whole; larger ones stream (default 8 MiB). */
  wholeFileBytes?: number;
  /**
   * Worker threads importing the next whole files while this thread evaluates the current one
   * (default: @jianzheng/excel's `defaultAheadThreads`, the cores but this one); 0 imports each
   * file on this thread when its turn comes.
   */
  importThreads?: number;
}

/**
 * The whole files' import results in order: on worker threads ahead of the caller, or (threads 0)
 * each on this thread when asked for.
 */
function importWhole(
  files: readonly WorkbookFile[],
  threads: number | undefined,
  limits: { limits?: ImportLimits },
  onProgress: (index: number, rows: number) => void,
): AsyncGenerator<ImportResult, void, undefined> {
  if (threads !== 0)
    return importWorkbooksAhead(
      files.map((file) => ({ input: file.path, options: { fileName: file.fileName, ...limits } })),
      { ...(threads === undefined ? {} : { threads }), onProgress },
    );
  return (async function* () {
    for (const [index, file] of files.entries())
      yield await importWorkbook(file.path, {
        fileName: file.fileName,
        ...limits,
        onProgress: (rows) => onProgress(index, rows),
      });
  })();
}

/**
 * Imports and evaluates one workbook at a time and hands each good file's materials and decisions
 * to `take` a slice of whole items at a time (core's `evaluateInSlices`), so that only one file's
 * Material objects and one slice's Decision objects are alive at once (the next files that worker
 * threads import meanwhile wait packed) — a national list of 1,000,000 materials otherwise holds
 * about 1 GB of them. Rules look only inside an item
 * and ids are numbered per item, so what `take` receives is exactly the whole batch's result,
 * unless an item spans two files: that is answered as `item-spans-files` (nothing more is taken)
 * and the caller imports the batch whole, the only way to number such an item as one.
 */
export async function evaluateFileByFile(
  files: readonly WorkbookFile[],
  engine: Engine,
  progress: Progress,
  take: (materials: readonly Material[], decisions: readonly Decision[]) => void,
  options: FileByFileOptions = {},
): Promise<FileByFileOutcome> {
  const issues: ImportIssue[] = [];
  const failed: string[] = [];
  const fileOfItem = new Map<string, string>();
  const wholeBytes = options.wholeFileBytes ?? WHOLE_FILE_BYTES;
  const sizes = await Promise.all(files.map(async (file) => (await stat(file.path)).size));
  const whole = files.filter((_, index) => sizes[index]! <= wholeBytes);
  // Rows read per whole file, as the workers report them (a file ahead reports before its turn).
  const rowsOfWhole = whole.map(() => 0);
  let streamedRows = 0;
  const rowsSoFar = () => streamedRows + rowsOfWhole.reduce((a, b) => a + b, 0);
  const limits = options.limits ? { limits: options.limits } : {};
  const imported = importWhole(whole, options.importThreads, limits, (index, rows) => {
    rowsOfWhole[index] = rows;
    progress.rows(rowsSoFar());
  });
  try {
    for (const [index, file] of files.entries()) {
      progress.file(index);
      if (sizes[index]! > wholeBytes) {
        const spans = await streamLargeFile(
          file,
          engine,
          progress,
          rowsSoFar(),
          fileOfItem,
          options,
          (ok) => (ok ? failed.length === 0 || !options.allOrNothing : false),
          take,
        );
        streamedRows += spans.fileRows;
        issues.push(...spans.issues);
        if (!spans.ok) failed.push(file.fileName);
        if (spans.spansFiles)
          return {
            kind: 'item-spans-files',
            item: spans.spansFiles[0],
            files: [spans.spansFiles[1], file.fileName],
          };
        continue;
      }
      const next = await imported.next();
      if (next.done) throw new Error(`no import result for ${file.fileName}`);
      const result = next.value;
      issues.push(...result.issues);
      if (!result.ok) {
        // The other files are still read, so that every file's problems are reported at once.
        failed.push(file.fileName);
        continue;
      }
      for (const item of result.items) {
        const key = itemKey(item);
        const earlier = fileOfItem.get(key);
        if (earlier !== undefined)
          return { kind: 'item-spans-files', item: item.name, files: [earlier, file.fileName] };
        fileOfItem.set(key, file.fileName);
      }
      // A slice of whole items at a time: the same decisions, while fewer of them are alive at once.
      if (failed.length === 0 || !options.allOrNothing) evaluateInSlices(engine, result.materials, take);
    }
  } finally {
    // Stops the workers still importing files ahead when the walk ends early.
    await imported.return();
  }
  return { kind: 'done', failed, issues };
}

/**
 * A large file, in bounded memory: streamed once to check it imports (and to note its items),
 * then, when `wanted`, streamed again item by item into `take`. Only one item's objects live at once.
 */
async function streamLargeFile(
  file: WorkbookFile,
  engine: Engine,
  progress: Progress,
  rowsBefore: number,
  fileOfItem: Map<string, string>,
  options: FileByFileOptions,
  wanted: (ok: boolean) => boolean,
  take: (materials: readonly Material[], decisions: readonly Decision[]) => void,
): Promise<{ ok: boolean; issues: ImportIssue[]; fileRows: number; spansFiles?: [string, string] }> {
  let rows = 0;
  const counting: Progress = {
    file: () => {},
    done: () => {},
    rows: (count) => {
      rows = count;
      progress.rows(rowsBefore + count);
    },
  };
  const keys = new Set<string>();
  let spansFiles: [string, string] | undefined;
  const limits = options.limits ? { limits: options.limits } : {};
  const check = await streamEvaluate(
    [file],
    engine,
    { ...limits, progress: counting, evaluate: false },
    (materials) => {
      const key = itemKey(materials[0]!.item);
      const earlier = fileOfItem.get(key);
      if (earlier !== undefined && earlier !== file.fileName && spansFiles === undefined)
        spansFiles = [materials[0]!.item.name, earlier];
      keys.add(key);
    },
  );
  const ok = check.ok[0] === true;
  if (ok) for (const key of keys) fileOfItem.set(key, file.fileName);
  if (ok && spansFiles === undefined && wanted(ok)) {
    await streamEvaluate([file], engine, limits, (materials, decisions) => take(materials, decisions));
  }
  return { ok, issues: check.issues, fileRows: rows, ...(spansFiles ? { spansFiles } : {}) };
}
