import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, harness, seededBatch } from './test-support/harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
  await seededBatch(h);
});
afterEach(async () => {
  await h.close();
});

async function first(department: string) {
  const list = await h.call(
    'reviewer',
    'GET',
    `/api/batches/b1/materials?department=${encodeURIComponent(department)}`,
  );
  return list.body.items[0];
}

describe('browse', () => {
  it('filters by department, verdict, category, agreement and text, and paginates', async () => {
    const all = await h.call('legal', 'GET', '/api/batches/b1/materials?pageSize=2');
    expect(all.body).toMatchObject({ total: 6, page: 1, pageSize: 2 });
    expect(all.body.items).toHaveLength(2);
    const last = await h.call('legal', 'GET', '/api/batches/b1/materials?pageSize=4&page=2');
    expect(last.body.items).toHaveLength(2);
    const police = await h.call('legal', 'GET', '/api/batches/b1/materials?department=市公安局');
    expect(police.body.total).toBe(4);
    const cancelled = await h.call('legal', 'GET', '/api/batches/b1/materials?verdict=cancel');
    expect(cancelled.body.total).toBeGreaterThan(0);
    for (const m of cancelled.body.items) expect(m.decision.verdict).toBe('cancel');
    const shared = await h.call('legal', 'GET', '/api/batches/b1/materials?category=information-sharing');
    expect(shared.body.items.map((m: { material: { name: string } }) => m.material.name)).toContain(
      '居民身份证复印件',
    );
    const disagree = await h.call('legal', 'GET', '/api/batches/b1/materials?agreement=engine-cancels');
    for (const m of disagree.body.items) expect(m.decision.agreement).toBe('engine-cancels');
    const text = await h.call('legal', 'GET', '/api/batches/b1/materials?q=户口');
    expect(text.body.total).toBe(3);
    const bad = await h.call('legal', 'GET', '/api/batches/b1/materials?verdict=maybe&page=0');
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string[] }) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['query.verdict', 'query.page']),
    );
    expect((await h.call('anonymous', 'GET', '/api/batches/b1/materials')).status).toBe(401);
  });

  it('reads one material with its full trace and ETag; 404 for an unknown id', async () => {
    const m = await first('市公安局');
    const one = await h.call('police', 'GET', `/api/batches/b1/materials/${m.material.id}`);
    expect(one.status).toBe(200);
    expect(one.headers.get('etag')).toBe('"1"');
    expect(one.body.decision.trace.map((t: { ruleId: string }) => t.ruleId)).toContain('shared-data');
    expect((await h.call('police', 'GET', '/api/batches/b1/materials/0000')).status).toBe(404);
  });
});

describe('review', () => {
  it('confirms with If-Match, returns the new ETag, and audits before/after', async () => {
    const m = await first('市公安局');
    const res = await h.call(
      'reviewer',
      'POST',
      `/api/batches/b1/materials/${m.material.id}/review`,
      { action: 'confirm', note: '同意引擎意见' },
      { 'if-match': m.etag },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(res.body.decision).toMatchObject({ status: 'confirmed', note: '同意引擎意见' });
    const audit = await h.call('reviewer', 'GET', '/api/audit?action=decision.review');
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ target: m.material.id, role: 'reviewer' });
    expect(audit.body.items[0].before.status).toBe('proposed');
    expect(audit.body.items[0].after.status).toBe('confirmed');
  });

  it('409 on a stale ETag and nothing is overwritten', async () => {
    const m = await first('市公安局');
    const ok = await h.call(
      'reviewer',
      'POST',
      `/api/batches/b1/materials/${m.material.id}/review`,
      { action: 'override', verdict: 'retain', note: '第一位审核员' },
      { 'if-match': m.etag },
    );
    expect(ok.status).toBe(200);
    const stale = await h.call(
      'admin',
      'POST',
      `/api/batches/b1/materials/${m.material.id}/review`,
      { action: 'override', verdict: 'cancel', category: 'duplicate', note: '第二位' },
      { 'if-match': m.etag },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const now = await h.call('reviewer', 'GET', `/api/batches/b1/materials/${m.material.id}`);
    expect(now.body.decision).toMatchObject({ verdict: 'retain', note: '第一位审核员' });
    expect((await h.call('reviewer', 'GET', '/api/audit?action=decision.review')).body.total).toBe(1);
  });

  it('a repeated identical confirm is a no-op: 200 with the current record, no new version, no audit entry', async () => {
    const m = await first('市公安局');
    const url = `/api/batches/b1/materials/${m.material.id}/review`;
    const confirm = { action: 'confirm', note: '同意引擎意见' };
    const once = await h.call('reviewer', 'POST', url, confirm, { 'if-match': m.etag });
    expect(once.status).toBe(200);
    // Ten more clicks, with the ETag the page had and with the new one.
    for (const etag of [m.etag, once.headers.get('etag')!, m.etag, once.headers.get('etag')!]) {
      const again = await h.call('reviewer', 'POST', url, confirm, { 'if-match': etag });
      expect(again.status).toBe(200);
      expect(again.headers.get('etag')).toBe('"2"');
      expect(again.body).toEqual(once.body);
    }
    expect((await h.call('reviewer', 'GET', '/api/audit?action=decision.review')).body.total).toBe(1);
    // A different note is a different settlement: written and audited.
    const changed = await h.call(
      'reviewer',
      'POST',
      url,
      { action: 'confirm', note: '复核后同意' },
      { 'if-match': '"2"' },
    );
    expect(changed.headers.get('etag')).toBe('"3"');
    expect((await h.call('reviewer', 'GET', '/api/audit?action=decision.review')).body.total).toBe(2);
  });

  it('428 without If-Match; 400 without a note; 422 for a cancel without category', async () => {
    const m = await first('市市场监督管理局');
    const url = `/api/batches/b1/materials/${m.material.id}/review`;
    expect((await h.call('reviewer', 'POST', url, { action: 'confirm', note: 'x' })).status).toBe(428);
    const noNote = await h.call('reviewer', 'POST', url, { action: 'confirm' }, { 'if-match': m.etag });
    expect(noNote.status).toBe(400);
    expect(noNote.body.issues[0].path).toEqual(['body', 'note']);
    const retained = (await h.call('reviewer', 'GET', '/api/batches/b1/materials?verdict=retain')).body
      .items[0];
    const noCategory = await h.call(
      'reviewer',
      'POST',
      `/api/batches/b1/materials/${retained.material.id}/review`,
      { action: 'override', verdict: 'cancel', note: '取消' },
      { 'if-match': retained.etag },
    );
    expect(noCategory.status).toBe(422);
    expect(noCategory.body.issues[0].path).toEqual(['category']);
  });

  it('only reviewers and admins settle decisions', async () => {
    const m = await first('市公安局');
    const url = `/api/batches/b1/materials/${m.material.id}/review`;
    const body = { action: 'confirm', note: 'x' };
    expect((await h.call('legal', 'POST', url, body, { 'if-match': m.etag })).status).toBe(403);
    expect((await h.call('police', 'POST', url, body, { 'if-match': m.etag })).status).toBe(403);
    expect((await h.call('anonymous', 'POST', url, body, { 'if-match': m.etag })).status).toBe(401);
    expect((await h.call('admin', 'GET', `/api/batches/b1/materials/${m.material.id}`)).body.version).toBe(1);
  });

  it('a department annotates its own material; another department gets 403 and nothing changes', async () => {
    const own = await first('市公安局');
    const res = await h.call(
      'police',
      'PUT',
      `/api/batches/b1/materials/${own.material.id}/annotation`,
      { note: '本局已与大数据局对接' },
      { 'if-match': own.etag },
    );
    expect(res.status).toBe(200);
    expect(res.body.annotation.note).toBe('本局已与大数据局对接');
    const foreign = await first('市市场监督管理局');
    const denied = await h.call(
      'police',
      'PUT',
      `/api/batches/b1/materials/${foreign.material.id}/annotation`,
      { note: '越权' },
      { 'if-match': foreign.etag },
    );
    expect(denied.status).toBe(403);
    const after = await h.call('admin', 'GET', `/api/batches/b1/materials/${foreign.material.id}`);
    expect(after.body).toMatchObject({ version: 1, annotation: null });
  });
});
