import { type ServerType, serve } from '@hono/node-server';
import type { JianzhengStore } from '@jianzheng/core';
import { type CreateAppOptions, createApp, publicListsOfApp } from './app';

export interface StartServerOptions extends Omit<CreateAppOptions, 'store'> {
  /**
   * The store to serve: any adapter of the port (`createSqliteStore` for one instance,
   * `createPostgresStore` for several). Closed with the server.
   */
  store: JianzhengStore;
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

/** Serves the app over the given store on @hono/node-server. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { port = 8787, host = '127.0.0.1', ...appOptions } = options;
  const { store } = options;
  const app = createApp(appOptions);
  const lists = publicListsOfApp(app);
  // Index the published lists now, in the background: requests are answered meanwhile (a search,
  // 503 with Retry-After until the first build is done), never made to build it themselves.
  lists?.start();
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
      await lists?.settled();
      await store.close();
    },
  };
}
