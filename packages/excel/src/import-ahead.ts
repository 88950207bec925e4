import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { createImportWorker, type ImportTask, type ImportTaskReply, resultOf } from './import-threads';
import type { ImportResult } from './import-workbook';
import type { ImportOptions } from './stream-workbook';

/** One file for `importWorkbooksAhead`: a path or the file's bytes, and its import options. */
export interface AheadSource {
  input: string | Uint8Array;
  options?: Omit<ImportOptions, 'onProgress'>;
}

export interface ImportAheadOptions {
  /**
   * Worker threads importing (default: one fewer than the cores, at least 1), each one file at a
   * time. The caller's own thread keeps a core for what it does with each result.
   */
  threads?: number;
  /** Rows read so far in the file at `index` (as `ImportOptions.onProgress`, per file). */
  onProgress?: (index: number, rows: number) => void;
}

/** Worker threads `importWorkbooksAhead` uses by default: the cores but the caller's. */
export function defaultAheadThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

/**
 * Imports the files on worker threads while the caller works on the ones before, and yields each
 * file's result in the order given, exactly as `importWorkbook` gives it. A pipeline that
 * evaluates and publishes file by file (the CLI's `publish`) then overlaps reading the next files
 * with its own work instead of waiting for each. Memory stays bounded: a file is started only
 * when at most `threads` results are waiting for the caller. Leaving the loop early stops the
 * workers. A worker that fails unexpectedly (not a bad workbook: that is an `ok: false` result)
 * makes the iteration throw when its file's turn comes.
 */
export async function* importWorkbooksAhead(
  sources: readonly AheadSource[],
  options: ImportAheadOptions = {},
): AsyncGenerator<ImportResult, void, undefined> {
  if (sources.length === 0) return;
  const threads = Math.max(1, Math.min(options.threads ?? defaultAheadThreads(), sources.length));
  // Answers are kept as they came (a file's materials packed) and unpacked when their turn comes:
  // unpacked on arrival, the Material objects of the files waiting lived through the young
  // generation's collections and were copied into the old one, only to die there.
  const done = new Map<number, Extract<ImportTaskReply, { type: 'done' }> | Error>();
  let wake: (() => void) | undefined;
  let fatal: unknown;
  let started = 0;
  let yielded = 0;
  // Files handed to each worker and not answered yet. A worker holds up to two, the second queued
  // on it: when it finishes one it starts the next at once. Handing the next over only once its
  // answer had been read left it idle while this thread was busy with an earlier file (about 1 s
  // of the 1M pipeline's import worker, the slowest stage until the last file is read).
  const pending = new Map<Worker, number>();

  const notify = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  // A file starts when a worker has room for it and the results not yet taken leave room for it.
  const startNext = () => {
    while (started < sources.length && started - yielded < threads + 1) {
      const worker = leastBusy();
      if (worker === undefined) return;
      pending.set(worker, pending.get(worker)! + 1);
      const index = started++;
      const { input, options: own = {} } = sources[index]!;
      worker.postMessage({ index, input, options: own } satisfies ImportTask);
    }
  };
  const leastBusy = (): Worker | undefined => {
    let best: Worker | undefined;
    for (const [worker, count] of pending)
      if (count < 2 && (best === undefined || count < pending.get(best)!)) best = worker;
    return best;
  };
  const workers = Array.from({ length: threads }, () => {
    // A young generation of 32 MB. At 4 MB (chosen for ~40 MB less RSS) the worker spent 2.6–3.2 s
    // of its ~14 s importing the 1M bench files in scavenges, copying a file's half-built rows
    // again and again; at 32 MB 1.1 s (cpu profiles of the worker, 2 runs each; RSS +25 MB).
    // In `jianzheng publish` this worker is the slowest stage until the last file is read.
    const worker = createImportWorker({ maxYoungGenerationSizeMb: 32 });
    worker.on('message', (reply: ImportTaskReply) => {
      if (reply.type === 'progress') {
        options.onProgress?.(reply.index, reply.rows);
        return;
      }
      done.set(reply.index, reply.type === 'done' ? reply : new Error(reply.message));
      pending.set(worker, pending.get(worker)! - 1);
      startNext();
      notify();
    });
    worker.on('error', (error) => {
      fatal ??= error;
      notify();
    });
    pending.set(worker, 0);
    return worker;
  });
  try {
    startNext();
    while (yielded < sources.length) {
      const result = done.get(yielded);
      if (result === undefined) {
        if (fatal !== undefined) throw fatal;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      done.delete(yielded);
      yielded++;
      startNext();
      if (result instanceof Error) throw result;
      yield resultOf(result);
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
