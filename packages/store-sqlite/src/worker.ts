// The writer thread of an off-thread SQLite store (`createSqliteStore({ offThread: true })`): it
// owns the connection every write goes through and answers one call at a time, in order, so the
// writes keep SQLite's single-writer order without ever holding the caller's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { createSqliteStore, type SqliteStoreOptions } from './create-sqlite-store';
import { toThreadError } from './thread-errors';

export interface WriterCall {
  id: number;
  method: string;
  args: unknown[];
}

export type WriterReply =
  | { id: number; value: unknown }
  | { id: number; error: ReturnType<typeof toThreadError> };

const port = parentPort;
if (port) {
  const store = createSqliteStore(workerData as SqliteStoreOptions) as unknown as Record<
    string,
    (...args: unknown[]) => Promise<unknown>
  >;
  const answer = async ({ id, method, args }: WriterCall) => {
    let reply: WriterReply;
    try {
      const call = store[method];
      if (typeof call !== 'function') throw new TypeError(`unknown store method ${method}`);
      reply = { id, value: await call(...args) };
    } catch (error) {
      reply = { id, error: toThreadError(error) };
    }
    port.postMessage(reply);
    if (method === 'close' && !('error' in reply)) port.close();
  };
  // One call at a time, even if a method awaits inside: a write never interleaves with another.
  let queue = Promise.resolve();
  port.on('message', (call: WriterCall) => {
    queue = queue.then(() => answer(call));
  });
}
