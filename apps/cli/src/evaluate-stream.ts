import { type Decision, type Engine, itemKey, type Material } from '@jianzheng/core';
import { type ImportIssue, type ImportLimits, streamWorkbook } from '@jianzheng/excel';
import type { WorkbookFile } from './evaluate-file-by-file';
import type { OutputStream } from './io';
import type { Progress } from './progress';

/**
 * How many items keep their numbering state while a file streams: an item that comes back after
 * more items than this would restart its ids, so it is generous (about 40 MB at the most).
 */
const TRACKED_ITEMS = 200_000;

export interface StreamPass {
  /** Per file: whether it imported (a file with an error contributes nothing). */
  ok: boolean[];
  issues: ImportIssue[];
  /** An item found in two files (their ids must be numbered as one: the batch is imported whole). */
  spansFiles?: { item: string; files: [string, string] };
}

export interface StreamPassOptions {
  limits?: ImportLimits;
  progress?: Progress;
  /** Files to read (by index); the others are skipped. Default: all. */
  include?: (index: number) => boolean;
  /** Look for items in two files (the first pass does; the printing pass knows already). */
  findSpans?: boolean;
  /** False: only read (a check before a second pass); `visit` then gets no decisions. */
  evaluate?: boolean;
}

/**
 * Streams the workbooks item by item, evaluating each item's materials as it completes, so that
 * only one item's Material and Decision objects are alive at a time whatever the files' size.
 * `visit` gets every item of every read file, also of a file that turns out to fail at its end
 * (the caller decides from `ok` what to keep; a second pass reads only the good files).
 */
export async function streamEvaluate(
  files: readonly WorkbookFile[],
  engine: Engine,
  options: StreamPassOptions,
  visit: (materials: readonly Material[], decisions: readonly Decision[], file: number) => unknown,
): Promise<StreamPass> {
  const ok: boolean[] = files.map(() => false);
  const issues: ImportIssue[] = [];
  const fileOfItem = options.findSpans ? new Map<string, number>() : undefined;
  let spansFiles: StreamPass['spansFiles'];
  let rowsBefore = 0;
  for (const [index, file] of files.entries()) {
    if (options.include && !options.include(index)) continue;
    options.progress?.file(index);
    let rows = 0;
    for await (const event of streamWorkbook(file.path, {
      fileName: file.fileName,
      maxTrackedItems: TRACKED_ITEMS,
      ...(options.limits ? { limits: options.limits } : {}),
      onProgress: (count) => {
        rows = count;
        options.progress?.rows(rowsBefore + count);
      },
    })) {
      if (event.type === 'end') {
        ok[index] = event.ok;
        issues.push(...event.issues);
        continue;
      }
      if (fileOfItem !== undefined && spansFiles === undefined) {
        const key = itemKey(event.item);
        const earlier = fileOfItem.get(key);
        if (earlier === undefined) fileOfItem.set(key, index);
        else if (earlier !== index)
          spansFiles = { item: event.item.name, files: [files[earlier]!.fileName, file.fileName] };
      }
      const decisions = options.evaluate === false ? [] : engine.evaluate(event.materials);
      const result = visit(event.materials, decisions, index);
      if (result instanceof Promise) await result;
    }
    rowsBefore += rows;
  }
  return { ok, issues, ...(spansFiles ? { spansFiles } : {}) };
}

/**
 * Writes text to a stream in 64 KiB pieces and waits when the stream says its buffer is full
 * (`write` returning false): a million lines piped to a slow reader must not pile up in memory.
 */
export class ChunkedWriter {
  private buffer = '';

  constructor(private readonly stream: OutputStream) {}

  async write(text: string): Promise<void> {
    this.buffer += text;
    if (this.buffer.length >= 64 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer;
    this.buffer = '';
    const accepted = this.stream.write(chunk);
    const emitter = this.stream as { once?: (event: string, listener: () => void) => unknown };
    if (accepted === false && typeof emitter.once === 'function') {
      await new Promise<void>((resolve) => emitter.once!('drain', resolve));
    }
  }
}
