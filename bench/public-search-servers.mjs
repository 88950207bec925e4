// The servers of public-search.bench.mjs, in ONE process: the jianzheng API over the given SQLite
// file, and a bare Hono route answering, per query, the bytes AND headers the API answered (the
// security headers included: the same bytes on the wire). Prints one JSON line once ready: the
// server indexes the lists in the background from its start, and answers searches 503 until the
// first index is built; `warmMs` is the time from start until the first 200. Both routes answer
// in BENCH_SEARCH_ENCODING (default br, what browsers ask for; `identity` for none): the bare route
// sends the bytes the API sent on the wire, compressed as they were.
import { get } from 'node:http';
import { serve } from '@hono/node-server';
import { startServer } from '@jianzheng/api';
import { createSqliteStore } from '@jianzheng/store-sqlite';
import { Hono } from 'hono';

const [dbPath, ...queries] = process.argv.slice(2);
const api = await startServer({
  store: createSqliteStore({ filename: dbPath }),
  port: 0,
  host: '127.0.0.1',
  log: () => {},
});
const path = (q) => `/api/public/search?q=${encodeURIComponent(q)}&limit=20`;
const ENCODING = process.env.BENCH_SEARCH_ENCODING ?? 'br';

/** The answer's bytes as sent (fetch would decompress them) and its headers. */
const raw = (url) =>
  new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': ENCODING } }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ body: Buffer.concat(chunks), headers: res.headers }));
      res.on('error', reject);
    }).on('error', reject);
  });

const started = performance.now();
let unavailable = 0;
// /health is asked meanwhile: the index is built in the background, the server must keep answering.
let healthMaxMs = 0;
let building = true;
const health = (async () => {
  while (building) {
    const t = performance.now();
    await (await fetch(`${api.url}/health`)).arrayBuffer();
    healthMaxMs = Math.max(healthMaxMs, performance.now() - t);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
})();
for (;;) {
  const first = await fetch(`${api.url}${path(queries[0])}`);
  await first.arrayBuffer();
  if (first.ok) break;
  if (first.status !== 503 || !first.headers.get('retry-after')) throw new Error(`${first.status}`);
  unavailable++;
  await new Promise((resolve) => setTimeout(resolve, 200));
}
building = false;
await health;
const warmMs = performance.now() - started;

const bodies = new Map();
const matches = {};
const bytes = {};
let headers;
for (const q of queries) {
  const sent = await raw(`${api.url}${path(q)}`);
  headers = Object.fromEntries(
    Object.entries(sent.headers).filter(
      ([name]) => !['date', 'content-length', 'connection', 'keep-alive', 'transfer-encoding'].includes(name),
    ),
  );
  bodies.set(q, sent.body);
  const page = await (await fetch(`${api.url}${path(q)}`)).json();
  matches[q] = page.matches;
  bytes[q] = sent.body.length;
}
// The floor: the same bytes and headers from memory, no store, no index, no validation.
const bare = new Hono();
// CPU time of this process, read between runs (the bench's per-request CPU, robust to load).
bare.get('/__cpu', (c) => c.json(process.cpuUsage()));
bare.get('/:q', (c) => {
  const body = bodies.get(c.req.param('q'));
  // A plain header object: the node server's fastest path (no Headers object is built).
  return body ? new Response(body, { status: 200, headers }) : c.notFound();
});
const bareUrl = await new Promise((resolve) => {
  const server = serve({ fetch: bare.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
    resolve(`http://127.0.0.1:${info.port}`),
  );
  process.once('SIGTERM', () => {
    server.close();
    api.close().then(() => process.exit(0));
  });
});
const rssMb = Math.round(process.memoryUsage().rss / 1048576);
process.stdout.write(
  `${JSON.stringify({ api: api.url, bare: bareUrl, warmMs, unavailable, healthMaxMs, rssMb, matches, bytes, headers })}\n`,
);
