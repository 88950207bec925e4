import { JianzhengError } from '@jianzheng/core';
import { startWorkerThread } from '@jianzheng/core/node';
import type { SqliteStore, SqliteStoreOptions } from './create-sqlite-store';
import { fromThreadError } from './thread-errors';
import type { WriterCall, WriterReply } from './worker';

type StoreMethod = {
  [K in keyof SqliteStore]: SqliteStore[K] extends (...args: never[]) => unknown ? K : never;
}[keyof SqliteStore];

/**
 * Where each method runs. `caller`: on the caller's thread from its own connection — in WAL mode a
 * reader sees the last committed state and never waits for the writer. `writer`: on the writer
 * thread, one call at a time in call order. Every method of the store is listed (a new one does
 * not compile until it is placed here on purpose).
 */
export const SQLITE_METHOD_THREADS = {
  schemaVersions: 'caller',
  getBatch: 'caller',
  listBatches: 'caller',
  listMaterials: 'caller',
  allMaterials: 'caller',
  summarizeMaterials: 'caller',
  countLegalLevels: 'caller',
  pageMaterials: 'caller',
  getMaterial: 'caller',
  listTransitions: 'caller',
  listPublications: 'caller',
  getPublication: 'caller',
  listComments: 'caller',
  countUnansweredComments: 'caller',
  listAudit: 'caller',
  findTokenByHash: 'caller',
  listTokens: 'caller',
  getCase: 'caller',
  listCases: 'caller',
  getProgramme: 'caller',
  listProgrammes: 'caller',
  summarizeProgramme: 'caller',
  exportSnapshot: 'caller',
  createBatch: 'writer',
  importMaterials: 'writer',
  updateMaterial: 'writer',
  transitionBatch: 'writer',
  addComment: 'writer',
  answerComment: 'writer',
  createToken: 'writer',
  revokeToken: 'writer',
  touchToken: 'writer',
  hitRateLimit: 'writer',
  createCase: 'writer',
  answerCase: 'writer',
  closeCase: 'writer',
  createProgramme: 'writer',
  updateProgramme: 'writer',
  importSnapshot: 'writer',
  close: 'writer',
} as const satisfies Record<StoreMethod, 'caller' | 'writer'>;

/** A method the table places on the caller's thread (anything else goes to the writer). */
export const answeredOnCallerThread = (method: string) =>
  (SQLITE_METHOD_THREADS as Readonly<Record<string, string | undefined>>)[method] === 'caller';

/** The writer thread stopped (crashed, or was terminated) while calls were waiting on it. */
export class StoreWriterStoppedError extends JianzhengError {
  constructor(filename: string, cause?: unknown) {
    super('STORE_WRITER_STOPPED', `数据库 ${filename} 的写入线程已停止，写入未完成，请重启服务`, {
      messageEn: `the writer thread of ${filename} stopped; the write was not done, restart the service`,
      cause,
    });
  }
}

// From dist/ the writer is the sibling entry; from src/ (tests run the sources) the built one.
const workerUrl = () =>
  import.meta.url.endsWith('.ts')
    ? new URL('../dist/worker.js', import.meta.url)
    : new URL('./worker.js', import.meta.url);

/**
 * Wraps a store opened on this thread (`reads`) so that its writes run on a worker thread with a
 * connection of its own. The worker is unreferenced while no call waits on it, so an idle store
 * does not keep the process alive.
 */
export function offThreadStore(reads: SqliteStore, options: SqliteStoreOptions): SqliteStore {
  const { now: _now, offThread: _offThread, ...transferable } = options;
  const worker = startWorkerThread(workerUrl(), {
    // The writer opens the file on the driver this thread resolved, never another.
    workerData: { ...transferable, driver: reads.driver },
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  let next = 0;
  let stopped: Error | undefined;
  worker.unref();

  const settleAll = (error: Error) => {
    stopped = error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.on('message', (reply: WriterReply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if ('error' in reply) waiting.reject(fromThreadError(reply.error));
    else waiting.resolve(reply.value);
  });
  worker.on('error', (error) => settleAll(new StoreWriterStoppedError(options.filename, error)));
  worker.on('exit', () => settleAll(new StoreWriterStoppedError(options.filename)));

  const call = (method: string, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      if (stopped) return reject(stopped);
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, method, args } satisfies WriterCall);
    });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      try {
        if (!stopped) await call('close', []);
      } catch {
        // A writer that already stopped has nothing left to close.
      }
      await worker.terminate();
      await reads.close();
    })();
    return closing;
  };

  return new Proxy(reads, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key === 'close') return close;
      if (typeof key !== 'string' || typeof value !== 'function' || answeredOnCallerThread(key)) return value;
      return (...args: unknown[]) => call(key, args);
    },
  });
}
