import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread that keeps the process's Node flags where it can. By default a worker inherits
 * them, V8 flags (`--max-old-space-size`, `--stack-size` …) included; only a `node -e` script's
 * own flags (`--input-type`, `-e <code>`) would make it refuse its file. An explicit flag list, the
 * only way to drop those, may not carry V8 or per-process flags (ERR_WORKER_INVALID_EXEC_ARGV):
 * then the worker starts without flags rather than not at all.
 */
export function startWorkerThread(url: URL, options: Omit<WorkerOptions, 'execArgv'> = {}): Worker {
  const inherited = process.execArgv;
  if (!inherited.some((flag) => flag.startsWith('--input-type'))) return new Worker(url, options);
  try {
    return new Worker(url, { ...options, execArgv: withoutScriptFlags(inherited) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw error;
    return new Worker(url, { ...options, execArgv: [] });
  }
}

/** The flags that say what the main script is (`--input-type`, `-e <code>` …), not how to run it. */
const SCRIPT_FLAGS = new Set(['--input-type', '-e', '--eval', '-p', '--print']);

function withoutScriptFlags(flags: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i]!;
    const name = flag.split('=', 1)[0]!;
    if (!SCRIPT_FLAGS.has(name)) kept.push(flag);
    // `--input-type module` and `-e <code>` are two arguments, `--input-type=module` one.
    else if (!flag.includes('=')) i++;
  }
  return kept;
}
