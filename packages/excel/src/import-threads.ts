import { availableParallelism } from 'node:os';
import type { ResourceLimits, Worker } from 'node:worker_threads';
import { type PackedMaterials, unpackMaterials } from './import-transfer';
import { type ImportResult, importWorkbook } from './import-workbook';
import type { WorkbookInput } from './open-input';
import type { ImportOptions } from './stream-workbook';
import { startWorker, workerUrl } from './worker-entry';

/** One file for a worker: a path or bytes (a stream cannot cross threads) and its options. */
export interface ImportTask {
  index: number;
  input: string | Uint8Array;
  options: Omit<ImportOptions, 'onProgress'>;
  /**
   * Whether the worker reports the rows read (default true). Off when no one listens: a message
   * every 1,000 rows was 1 % of a worker's time, and woke the receiving thread as often.
   */
  progress?: boolean;
}

export type ImportTaskReply =
  | { type: 'progress'; index: number; rows: number }
  /** `packed`, when present, holds the materials (`result.materials` is then empty). */
  | { type: 'done'; index: number; result: ImportResult; packed?: PackedMaterials }
  | { type: 'failed'; index: number; message: string };

/** A worker's result with its materials unpacked (import-transfer.ts), as importWorkbook gives it. */
export function resultOf(reply: Extract<ImportTaskReply, { type: 'done' }>): ImportResult {
  const { result, packed } = reply;
  if (packed !== undefined) result.materials = unpackMaterials(packed, result.items);
  return result;
}

export const importWorkerUrl = () => workerUrl('import-worker');

/** A worker running import-worker.ts, for `importOnThreads` and `importWorkbooksAhead`. */
export function createImportWorker(resourceLimits?: ResourceLimits): Worker {
  return startWorker('import-worker', resourceLimits);
}

/** How many threads `importWorkbooks` uses by default: one per core. */
export function defaultImportThreads(): number {
  return availableParallelism();
}

/**
 * Imports the files on up to `threads` worker threads (one file at a time each) and returns the
 * results in the order of `inputs`, exactly as importing them one after another gives. A stream
 * input is imported on this thread. `onProgress(index, rows)` reports each file's rows read.
 */
export async function importOnThreads(
  inputs: ReadonlyArray<{ input: WorkbookInput; options: ImportOptions }>,
  threads: number,
  onProgress?: (index: number, rows: number) => void,
): Promise<ImportResult[]> {
  const results: ImportResult[] = new Array(inputs.length);
  const queue: number[] = [];
  for (const [index, { input, options }] of inputs.entries()) {
    if (typeof input === 'string' || input instanceof Uint8Array) queue.push(index);
    else {
      results[index] = await importWorkbook(input, {
        ...options,
        ...(onProgress ? { onProgress: (rows: number) => onProgress(index, rows) } : {}),
      });
    }
  }
  const count = Math.max(1, Math.min(threads, queue.length));
  const run = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const next = () => {
        const index = queue.shift();
        if (index === undefined) return resolve();
        const { input, options } = inputs[index]!;
        const { onProgress: _ignored, ...plain } = options;
        worker.postMessage({
          index,
          input: input as string | Uint8Array,
          options: plain,
          progress: onProgress !== undefined,
        } satisfies ImportTask);
      };
      worker.on('message', (reply: ImportTaskReply) => {
        if (reply.type === 'progress') onProgress?.(reply.index, reply.rows);
        else if (reply.type === 'failed') reject(new Error(reply.message));
        else {
          results[reply.index] = resultOf(reply);
          next();
        }
      });
      worker.on('error', reject);
      next();
    });
  const workers = Array.from({ length: count }, () => createImportWorker());
  try {
    await Promise.all(workers.map(run));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}
