import { type ResourceLimits, Worker } from 'node:worker_threads';

// This package's worker threads run its built entries (tsup.config.ts): from dist/ the sibling
// file; from src/ (tests run the sources) the built one.
export const workerUrl = (entry: string): URL =>
  import.meta.url.endsWith('.ts')
    ? new URL(`../dist/${entry}.js`, import.meta.url)
    : new URL(`./${entry}.js`, import.meta.url);

/** A worker running one of this package's entries (`import-worker`, `attachment-worker`). */
export function startWorker(entry: string, resourceLimits?: ResourceLimits): Worker {
  return new Worker(workerUrl(entry), {
    // A worker inherits the process's flags; `--input-type` (node -e scripts) would refuse its file.
    execArgv: process.execArgv.filter((flag) => !flag.startsWith('--input-type')),
    ...(resourceLimits ? { resourceLimits } : {}),
  });
}
