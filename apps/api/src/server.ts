import { type ServerType, serve } from '@hono/node-server';
import type { JianzhengStore } from '@jianzheng/core';
import { createSqliteStore } from '@jianzheng/store-sqlite';
import { type CreateAppOptions, createApp } from './app';

export interface StartServerOptions extends Omit<CreateAppOptions, 'store'> {
  /**
   * The store to serve (any adapter of the port, e.g. `createPostgresStore` for several
   * instances); closed with the server. Give either this or `dbPath`.
   */
  store?: JianzhengStore;
  /** SQLite file, created and migrated on first start, when no `store` is given. */
  dbPath?: string;
  /** TCP port (default 8787; 0 picks a free one). */
  port?: number;
  /** Interface to listen on (default 127.0.0.1: put a reverse proxy in front for the public). */
  host?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Stops listening and closes the database. */
  close(): Promise<void>;
}

/** Opens the database and serves the app on @hono/node-server. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { dbPath, store: _store, port = 8787, host = '127.0.0.1', ...appOptions } = options;
  const store = options.store ?? createSqliteStore({ filename: dbPath! });
  const app = createApp({ ...appOptions, store });
  let server: ServerType | undefined;
  const address = await new Promise<{ port: number }>((resolve, reject) => {
    server = serve({ fetch: app.fetch, port, hostname: host }, (info) => resolve(info));
    server.once('error', reject);
  });
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    async close() {
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      await store.close();
    },
  };
}
