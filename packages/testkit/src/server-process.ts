import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A server running in its own node process, as an operator runs it. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  port: number;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** True while the process has not exited. */
  alive(): boolean;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
  /** SIGKILL (no chance to clean up), then waits for the exit. */
  kill(): Promise<void>;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface StartServerProcessOptions {
  /** The script to run with node, e.g. apps/api/dist/bin.js. */
  script: string;
  /** Arguments after the script; `{port}` is replaced by the chosen port. */
  args: readonly string[];
  /** Waits until this text appears on stderr or stdout (default `127.0.0.1:{port}`). */
  readyText?: string;
  /** Default 30 s. */
  timeoutMs?: number;
  env?: Record<string, string>;
}

/** Starts `node script args…` on a free port and resolves once it says it listens. */
export async function startServerProcess(options: StartServerProcessOptions): Promise<ServerProcess> {
  const port = await freePort();
  const args = options.args.map((a) => a.replaceAll('{port}', String(port)));
  const child = spawn(process.execPath, [options.script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let err = '';
  let out = '';
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => {
    exited = true;
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  const ready = (options.readyText ?? '127.0.0.1:{port}').replaceAll('{port}', String(port));
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (!err.includes(ready) && !out.includes(ready)) {
    if (exited) throw new Error(`server exited before it was ready:\n${err}${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready after ${options.timeoutMs ?? 30_000} ms:\n${err}${out}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const signal = async (name: NodeJS.Signals) => {
    if (!exited) child.kill(name);
    await exit;
  };
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    stderr: () => err,
    alive: () => !exited,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
  };
}
