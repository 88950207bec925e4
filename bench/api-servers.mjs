// The servers of api-load.bench.mjs, in ONE process (so both pay the same Node and machine
// costs): the jianzheng API over a real SQLite file holding a published list, and a bare Hono
// route answering the same bytes. Prints one JSON line with their URLs once ready.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { serve } from '@hono/node-server';
import { createToken, startServer } from '@jianzheng/api';
import { writeSyntheticWorkbooks } from '@jianzheng/testkit';
import { Hono } from 'hono';

const MATERIALS = Number(process.env.BENCH_API_MATERIALS ?? 5000);
const JURISDICTION = { code: '341300', name: '宿州市', level: 'city' };
const dir = mkdtempSync(join(tmpdir(), 'jz-bench-api-'));
const dbPath = join(dir, 'jianzheng.db');
const admin = (await createToken({ dbPath, role: 'admin', label: 'bench' })).token;
const legal = (await createToken({ dbPath, role: 'legal', label: 'bench' })).token;
const api = await startServer({
  dbPath,
  port: 0,
  host: '127.0.0.1',
  config: { jurisdiction: JURISDICTION },
  log: () => {},
});

async function call(token, method, path, body) {
  const headers = { authorization: `Bearer ${token}` };
  let payload;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${api.url}${path}`, { method, headers, body: payload });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res;
}

// A city-sized published list: seeded workbooks, imported over HTTP, walked to published.
const manifest = await writeSyntheticWorkbooks({
  dir: join(dir, 'in'),
  materials: MATERIALS,
  departments: 11,
  workbooks: 11,
});
const departments = manifest.workbooks.flatMap((w) => w.departments);
await call(admin, 'POST', '/api/batches', { id: 'bench', title: '第一批', departments });
const form = new FormData();
for (const w of manifest.workbooks) form.append('files', new File([readFileSync(w.path)], basename(w.path)));
await call(admin, 'POST', '/api/batches/bench/imports', form);
for (const [token, body] of [
  [admin, { action: 'submit' }],
  [admin, { action: 'confirm', signer: '各部门负责人', signedAt: '2018-08-20' }],
  [admin, { action: 'open-comment', start: '2018-08-21', end: '2018-08-27', channel: '政府网站' }],
  [legal, { action: 'legal-review', result: 'passed', notes: '合法' }],
  [admin, { action: 'approve', meetingDate: '2018-08-31' }],
  [admin, { action: 'publish', documentNumber: '宿政办秘〔2018〕1号', publishedAt: '2018-09-04' }],
]) {
  await call(token, 'POST', '/api/batches/bench/transitions', body);
}
const LIST = '/api/batches/bench/publications/latest/json';
const SEARCH = `/api/batches/bench/materials?q=${encodeURIComponent('身份证')}&pageSize=50`;
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
    materials: manifest.materials,
    listBytes: listBytes.length,
    searchBytes: searchBytes.length,
  })}\n`,
);
