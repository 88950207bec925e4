import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  form,
  type Harness,
  harness,
  MARKET_ROWS,
  POLICE_ROWS,
  seededBatch,
  workbook,
} from './test-support/harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

describe('documentation', () => {
  it('serves an OpenAPI 3.1 document and the reference page', async () => {
    const doc = await h.call('anonymous', 'GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/batches',
        '/api/batches/{batchId}/imports',
        '/api/batches/{batchId}/materials/{materialId}/review',
        '/api/batches/{batchId}/transitions',
        '/api/batches/{batchId}/publications/{version}/json',
        '/api/audit',
      ]),
    );
    const docs = await h.app.request('/docs');
    expect(docs.status).toBe(200);
    const html = await docs.text();
    // Every script is the app's own: no CDN, no inline code.
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => /src="([^"]+)"/.exec(m[1] ?? '')?.[1]);
    expect(scripts).toHaveLength(2);
    expect(scripts.every((src) => src?.startsWith('/docs/assets/'))).toBe(true);
    const init = await h.app.request(scripts[1] as string);
    expect(await init.text()).toContain('/openapi.json');
    const bundle = await h.app.request(scripts[0] as string);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    expect((await h.app.request('/docs/assets/standalone.0000.js')).status).toBe(404);
  });
});

describe('authentication', () => {
  it('401 for anonymous, malformed and unknown tokens, as problem+json without a stack', async () => {
    const anon = await h.call('anonymous', 'GET', '/api/batches');
    expect(anon.status).toBe(401);
    expect(anon.headers.get('content-type')).toContain('application/problem+json');
    expect(anon.body).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    for (const header of ['Bearer not a token!', 'Basic abc', 'Bearer jz_unknown']) {
      const res = await h.app.request('/api/batches', { headers: { authorization: header } });
      expect(res.status).toBe(401);
      const text = await res.text();
      expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
    }
  });
});

describe('batches', () => {
  it('creates, lists and reads a batch with its allowed actions', async () => {
    const created = await h.call('reviewer', 'POST', '/api/batches', {
      title: '第一批',
      departments: ['市公安局'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: '第一批', stage: 'draft', allowedActions: ['submit'] });
    expect(created.body.jurisdiction.code).toBe('341300');
    const id = created.body.id;
    expect(created.headers.get('location')).toBe(`/api/batches/${id}`);
    expect((await h.call('legal', 'GET', '/api/batches')).body.map((b: { id: string }) => b.id)).toEqual([
      id,
    ]);
    expect((await h.call('police', 'GET', `/api/batches/${id}`)).body.id).toBe(id);
    expect((await h.call('admin', 'GET', '/api/batches/nope')).status).toBe(404);
  });

  it('validates the body with zod issue paths (400) and refuses a taken id (409)', async () => {
    const bad = await h.call('admin', 'POST', '/api/batches', { title: '', departments: [], extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const paths = bad.body.issues.map((i: { path: string[] }) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['body.title', 'body.departments']));
    const broken = await h.call('admin', 'POST', '/api/batches', '{"title":');
    expect(broken.status).toBe(400);
    expect(broken.headers.get('content-type')).toContain('problem+json');
    await h.call('admin', 'POST', '/api/batches', { id: 'x1', title: 'a', departments: ['d'] });
    const again = await h.call('admin', 'POST', '/api/batches', { id: 'x1', title: 'a', departments: ['d'] });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_EXISTS');
  });

  it('refuses a JSON body over the JSON limit with 413', async () => {
    const res = await h.call('admin', 'POST', '/api/batches', {
      title: '长'.repeat(600_000),
      departments: ['d'],
    });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await h.call('admin', 'GET', '/api/batches')).body).toEqual([]);
  });

  it('refuses batch creation to legal, department and anonymous callers', async () => {
    const body = { title: 't', departments: ['d'] };
    expect((await h.call('legal', 'POST', '/api/batches', body)).status).toBe(403);
    expect((await h.call('police', 'POST', '/api/batches', body)).status).toBe(403);
    expect((await h.call('anonymous', 'POST', '/api/batches', body)).status).toBe(401);
    expect((await h.call('admin', 'GET', '/api/batches')).body).toEqual([]);
  });
});

describe('import', () => {
  it('imports several workbooks, each evaluated, and reports per file', async () => {
    const body = await seededBatch(h);
    expect(
      body.files.map((f: { file: string; ok: boolean; added: number }) => [f.file, f.ok, f.added]),
    ).toEqual([
      ['公安局.xlsx', true, POLICE_ROWS.length],
      ['市场监管局.xlsx', true, MARKET_ROWS.length],
    ]);
    const list = await h.call('reviewer', 'GET', '/api/batches/b1/materials');
    expect(list.body.total).toBe(POLICE_ROWS.length + MARKET_ROWS.length);
    expect(list.body.items[0].decision.trace.length).toBeGreaterThan(5);
  });

  it('a failing file changes nothing and returns its issues (422); the good file still imports', async () => {
    await seededBatch(h);
    const before = await h.store.allMaterials('b1');
    const res = await h.call(
      'admin',
      'POST',
      '/api/batches/b1/imports',
      form(
        { name: 'broken.xlsx', bytes: new TextEncoder().encode('not a workbook at all') },
        { name: '公安局.xlsx', bytes: await workbook('市公安局', POLICE_ROWS.slice(0, 2)) },
      ),
    );
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('IMPORT_FAILED');
    const broken = res.body.files.find((f: { file: string }) => f.file === 'broken.xlsx');
    expect(broken.ok).toBe(false);
    expect(broken.issues[0].message).toContain('broken.xlsx');
    const good = res.body.files.find((f: { file: string }) => f.file === '公安局.xlsx');
    expect(good).toMatchObject({ ok: true, removed: 2 });
    expect((await h.store.allMaterials('b1')).length).toBe(before.length - 2);
  });

  it('refuses a workbook of a department outside the batch (422, nothing written)', async () => {
    await h.call('admin', 'POST', '/api/batches', { id: 'b2', title: 't', departments: ['市公安局'] });
    const res = await h.call(
      'admin',
      'POST',
      '/api/batches/b2/imports',
      form({ name: 'm.xlsx', bytes: await workbook('市民政局', MARKET_ROWS) }),
    );
    expect(res.status).toBe(422);
    expect(res.body.files[0].issues.at(-1).code).toBe('UNKNOWN_DEPARTMENT');
    expect(await h.store.allMaterials('b2')).toEqual([]);
  });

  it('a department token imports its own workbook; another department → 403 and nothing changed', async () => {
    await seededBatch(h);
    const own = await h.call(
      'police',
      'POST',
      '/api/batches/b1/imports',
      form({ name: 'p.xlsx', bytes: await workbook('市公安局', POLICE_ROWS) }),
    );
    expect(own.status).toBe(200);
    const before = JSON.stringify(await h.store.allMaterials('b1'));
    const auditBefore = (await h.store.listAudit()).total;
    const other = await h.call(
      'police',
      'POST',
      '/api/batches/b1/imports',
      form(
        { name: 'p.xlsx', bytes: await workbook('市公安局', POLICE_ROWS.slice(0, 1)) },
        { name: 'm.xlsx', bytes: await workbook('市市场监督管理局', MARKET_ROWS.slice(0, 1)) },
      ),
    );
    expect(other.status).toBe(403);
    expect(other.body.detail).toContain('市市场监督管理局');
    expect(JSON.stringify(await h.store.allMaterials('b1'))).toBe(before);
    expect((await h.store.listAudit()).total).toBe(auditBefore);
    expect(
      (
        await h.call(
          'legal',
          'POST',
          '/api/batches/b1/imports',
          form({ name: 'p.xlsx', bytes: await workbook('市公安局', POLICE_ROWS) }),
        )
      ).status,
    ).toBe(403);
  });

  it('re-upload keeps a reviewed decision whose stable id still exists', async () => {
    await seededBatch(h);
    const list = await h.call('reviewer', 'GET', '/api/batches/b1/materials?department=市公安局&q=申请书');
    const target = list.body.items[0];
    const reviewed = await h.call(
      'reviewer',
      'POST',
      `/api/batches/b1/materials/${target.material.id}/review`,
      { action: 'override', verdict: 'cancel', category: 'not-necessary', note: '可由窗口代填' },
      { 'if-match': target.etag },
    );
    expect(reviewed.status).toBe(200);
    const again = await h.call(
      'police',
      'POST',
      '/api/batches/b1/imports',
      form({ name: 'p.xlsx', bytes: await workbook('市公安局', POLICE_ROWS) }),
    );
    expect(again.body.files[0].keptDecisions).toBe(1);
    const after = await h.call('reviewer', 'GET', `/api/batches/b1/materials/${target.material.id}`);
    expect(after.body.decision).toMatchObject({
      status: 'overridden',
      verdict: 'cancel',
      note: '可由窗口代填',
    });
  });

  it('refuses an upload over the size limit with 413 and writes nothing', async () => {
    const small = await harness({ limits: { uploadBytes: 2048 } });
    try {
      await small.call('admin', 'POST', '/api/batches', { id: 'b1', title: 't', departments: ['市公安局'] });
      const big = new Uint8Array(10_000).fill(65);
      const res = await small.call(
        'admin',
        'POST',
        '/api/batches/b1/imports',
        form({ name: 'big.xlsx', bytes: big }),
      );
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      expect(res.body.detail).toContain('上限');
      expect(await small.store.allMaterials('b1')).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('400 when no file is sent', async () => {
    await h.call('admin', 'POST', '/api/batches', { id: 'b1', title: 't', departments: ['市公安局'] });
    const res = await h.call('admin', 'POST', '/api/batches/b1/imports', new FormData());
    expect(res.status).toBe(400);
    expect(res.body.issues[0].path).toEqual(['body', 'files']);
  });
});
