import type { ResourceLimits, Worker } from 'node:worker_threads';
import { startWorkerThread } from '@jianzheng/core/node';

// This package's worker threads run its built entries (tsup.config.ts): from dist/ the sibling
// file; from src/ (tests run the sources) the built one.
export const workerUrl = (entry: string): URL =>
  import.meta.url.endsWith('.ts')
    ? new URL(`../dist/${entry}.js`, import.meta.url)
    : new URL(`./${entry}.js`, import.meta.url);

/** A worker running one of this package's entries (`import-worker`, `attachment-worker`). */
export function startWorker(entry: string, resourceLimits?: ResourceLimits): Worker {
  return startWorkerThread(workerUrl(entry), resourceLimits ? { resourceLimits } : {});
}
