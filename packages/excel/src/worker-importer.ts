import { Worker } from 'node:worker_threads';
import { JianzhengError } from '@jianzheng/core';
import type { ImportResult } from './import-workbook';
import type { ImportRequest } from './import-worker';
import type { ImportOptions } from './stream-workbook';

/** A worker thread that imports workbooks while the calling thread does other work. */
export interface WorkerImporter {
  /**
   * `importWorkbook` on the worker thread: same result, same issues (it never rejects for bad
   * input). The result is copied back (structured clone), so materials of one item still share
   * one item object. Requests are served in order.
   */
  importWorkbook(input: string | Uint8Array, options?: ImportOptions): Promise<ImportResult>;
  /** Stops the worker; pending imports reject. */
  close(): Promise<void>;
}

/** The worker stopped or failed outside an import (out of memory, killed). */
export class ImportWorkerError extends JianzhengError {
  constructor(detail: string, cause?: unknown) {
    super('IMPORT_WORKER_FAILED', `导入线程异常退出：${detail}`, {
      messageEn: `the import worker failed: ${detail}`,
      cause,
    });
  }
}

interface Pending {
  resolve: (result: ImportResult) => void;
  reject: (error: Error) => void;
  onProgress?: (rows: number) => void;
}

/**
 * Starts one worker thread for importing workbooks. On a machine with two cores a pipeline can
 * import the next file there while this thread evaluates and publishes the previous one; the
 * import (XML parsing) is the larger half of that work, so the two overlap well.
 *
 * ```ts
 * const importer = createWorkerImporter();
 * let next = importer.importWorkbook(files[0]);
 * for (let i = 0; i < files.length; i++) {
 *   const result = await next;
 *   if (i + 1 < files.length) next = importer.importWorkbook(files[i + 1]);
 *   // … evaluate and publish result.materials
 * }
 * await importer.close();
 * ```
 */
export function createWorkerImporter(): WorkerImporter {
  const worker = new Worker(new URL('./import-worker.js', import.meta.url));
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure = error;
    for (const entry of pending.values()) entry.reject(error);
    pending.clear();
  };
  worker.on('message', (message: { id: number; rows?: number; result?: ImportResult; error?: string }) => {
    const entry = pending.get(message.id);
    if (entry === undefined) return;
    if (message.rows !== undefined) {
      entry.onProgress?.(message.rows);
      return;
    }
    pending.delete(message.id);
    if (message.error !== undefined) entry.reject(new ImportWorkerError(message.error));
    else entry.resolve(message.result!);
  });
  worker.on('error', (error) => failAll(new ImportWorkerError(error.message, error)));
  worker.on('exit', (code) => failAll(new ImportWorkerError(`exit code ${code}`)));
  // An idle importer must not keep the process alive.
  worker.unref();
  return {
    importWorkbook(input, options = {}) {
      if (failure !== undefined) return Promise.reject(failure);
      const id = nextId++;
      const { onProgress, ...rest } = options;
      return new Promise<ImportResult>((resolve, reject) => {
        pending.set(id, { resolve, reject, ...(onProgress ? { onProgress } : {}) });
        const request: ImportRequest = {
          id,
          input,
          options: { ...rest, progress: onProgress !== undefined },
        };
        worker.ref();
        worker.postMessage(request);
      }).finally(() => {
        if (pending.size === 0) worker.unref();
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
