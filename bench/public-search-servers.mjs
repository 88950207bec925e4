// The servers of public-search.bench.mjs, in ONE process: the jianzheng API over the given SQLite
// file, and a bare Hono route answering, per query, the bytes the API answered. Prints one JSON
// line once ready (after a first search has built every list's index).
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

const started = performance.now();
const first = await fetch(`${api.url}${path(queries[0])}`);
if (!first.ok) throw new Error(`${first.status} ${await first.text()}`);
await first.arrayBuffer();
const warmMs = performance.now() - started;

const bodies = new Map();
const matches = {};
const bytes = {};
for (const q of queries) {
  const res = await fetch(`${api.url}${path(q)}`);
  const body = Buffer.from(await res.arrayBuffer());
  bodies.set(q, body);
  matches[q] = JSON.parse(body.toString()).matches;
  bytes[q] = body.length;
}
// The floor: the same bytes from memory, no store, no index, no validation.
const bare = new Hono();
bare.get('/:q', (c) => {
  const body = bodies.get(c.req.param('q'));
  return body ? c.body(body, 200, { 'content-type': 'application/json' }) : c.notFound();
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
process.stdout.write(`${JSON.stringify({ api: api.url, bare: bareUrl, warmMs, rssMb, matches, bytes })}\n`);
