// The servers of api-load.bench.mjs, in ONE process (so both pay the same Node and machine
// costs): the jianzheng API over a real SQLite file holding a published list, and a bare Hono
// route answering the same bytes. Prints one JSON line with their URLs once ready.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { startServer } from '@jianzheng/api';
import { createSqliteStore } from '@jianzheng/store-sqlite';
import { Hono } from 'hono';
import { benchTokens, JURISDICTION, LIST, SEARCH, seedPublishedList } from './seed-published.mjs';

const MATERIALS = Number(process.env.BENCH_API_MATERIALS ?? 5000);
const dir = mkdtempSync(join(tmpdir(), 'jz-bench-api-'));
const store = createSqliteStore({ filename: join(dir, 'jianzheng.db') });
const { admin, legal } = await benchTokens(store);
const api = await startServer({
  store,
  port: 0,
  host: '127.0.0.1',
  config: { jurisdiction: JURISDICTION },
  log: () => {},
});

// A city-sized published list: seeded workbooks, imported over HTTP, walked to published.
const { materials, call } = await seedPublishedList({
  url: api.url,
  admin,
  legal,
  dir,
  materials: MATERIALS,
});
const listResponse = await fetch(`${api.url}${LIST}`);
const listEtag = listResponse.headers.get('etag');
const listBytes = Buffer.from(await listResponse.arrayBuffer());
const searchBytes = Buffer.from(await (await call(admin, 'GET', SEARCH)).arrayBuffer());

// The bare route: the same bytes, no store, no auth, no validation — the floor of Hono on Node.
const bare = new Hono();
bare.get('/list', (c) => c.body(listBytes, 200, { 'content-type': 'application/json; charset=utf-8' }));
// A client revalidating its copy: the same tag comparison the API makes, then an empty 304.
bare.get('/list-revalidate', (c) =>
  c.req.header('if-none-match') === listEtag
    ? c.body(null, 304, { etag: listEtag })
    : c.body(listBytes, 200, { 'content-type': 'application/json; charset=utf-8', etag: listEtag }),
);
bare.get('/search', (c) => c.body(searchBytes, 200, { 'content-type': 'application/json; charset=utf-8' }));
const bareUrl = await new Promise((resolve) => {
  const server = serve({ fetch: bare.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
    resolve(`http://127.0.0.1:${info.port}`),
  );
  process.once('SIGTERM', () => {
    server.close();
    api.close().then(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  });
});

process.stdout.write(
  `${JSON.stringify({
    api: api.url,
    bare: bareUrl,
    token: admin,
    list: LIST,
    listEtag,
    search: SEARCH,
    materials,
    listBytes: listBytes.length,
    searchBytes: searchBytes.length,
  })}\n`,
);
