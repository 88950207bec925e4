import { parsePublication } from '@jianzheng/json';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, harness, seededBatch } from './test-support/harness';

let h: Harness;
beforeEach(async () => {
  h = await harness({ limits: { commentsPerWindow: 3 } });
  await seededBatch(h);
});
afterEach(async () => {
  await h.close();
});

const step = (who: Parameters<Harness['call']>[0], body: Record<string, unknown>) =>
  h.call(who, 'POST', '/api/batches/b1/transitions', body);

const STEPS = {
  submit: { action: 'submit' },
  confirm: { action: 'confirm', signer: '王局长', signedAt: '2018-08-10' },
  comment: { action: 'open-comment', start: '2018-08-11', end: '2018-08-20', channel: '宿州市人民政府网' },
  legalPass: { action: 'legal-review', result: 'passed', notes: '未发现违法设定' },
  approve: { action: 'approve', meetingDate: '2018-08-30' },
  publish: { action: 'publish', documentNumber: '宿政办秘〔2018〕100号', publishedAt: '2018-09-04' },
};

async function toPublicComment() {
  expect((await step('reviewer', STEPS.submit)).status).toBe(200);
  expect((await step('reviewer', STEPS.confirm)).status).toBe(200);
  expect((await step('reviewer', STEPS.comment)).status).toBe(200);
}

async function anyMaterial() {
  return (await h.call('reviewer', 'GET', '/api/batches/b1/materials')).body.items[0];
}

describe('stage transitions', () => {
  it('refuses a transition the stage does not allow (409) and validates required fields (400)', async () => {
    const wrong = await step('admin', STEPS.publish);
    expect(wrong.status).toBe(409);
    expect(wrong.body).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', allowed: ['submit'] });
    await step('reviewer', STEPS.submit);
    const missing = await step('reviewer', { action: 'confirm', signedAt: '2018-13-45' });
    expect(missing.status).toBe(400);
    expect(missing.body.issues.map((i: { path: string[] }) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['body.signer', 'body.signedAt']),
    );
    expect((await h.call('admin', 'GET', '/api/batches/b1')).body.stage).toBe('centralized-review');
  });

  it('enforces who may take each step', async () => {
    expect((await step('police', STEPS.submit)).status).toBe(403);
    expect((await step('legal', STEPS.submit)).status).toBe(403);
    expect((await step('anonymous', STEPS.submit)).status).toBe(401);
    await toPublicComment();
    expect((await step('reviewer', STEPS.legalPass)).status).toBe(403);
    expect((await step('legal', STEPS.legalPass)).status).toBe(200);
    expect((await step('reviewer', STEPS.approve)).status).toBe(403);
    expect((await step('admin', STEPS.approve)).status).toBe(200);
    expect((await step('reviewer', STEPS.publish)).status).toBe(403);
    expect((await h.call('admin', 'GET', '/api/batches/b1')).body.stage).toBe('approved');
  });

  it('unanswered comments block the legal review until answered', async () => {
    await toPublicComment();
    const m = await anyMaterial();
    h.setNow('2018-08-15T09:00:00+08:00');
    const posted = await h.call('anonymous', 'POST', `/api/batches/b1/materials/${m.material.id}/comments`, {
      body: '建议取消该材料',
      author: '市民',
    });
    expect(posted.status).toBe(201);
    h.setNow('2018-08-21T09:00:00+08:00');
    const blocked = await step('legal', STEPS.legalPass);
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({ code: 'GUARD_FAILED', guard: 'comments-answered' });
    const open = await h.call('reviewer', 'GET', '/api/batches/b1/comments?unanswered=true');
    expect(open.body).toHaveLength(1);
    const answered = await h.call('reviewer', 'POST', `/api/batches/b1/comments/${posted.body.id}/answer`, {
      answer: '已采纳',
    });
    expect(answered.status).toBe(200);
    expect(answered.body.answer).toBe('已采纳');
    expect((await step('legal', STEPS.legalPass)).status).toBe(200);
  });

  it('a failed legal review returns the batch to centralized review; no approval without a passed one', async () => {
    await toPublicComment();
    const failed = await step('legal', { action: 'legal-review', result: 'failed', notes: '第3项缺少依据' });
    expect(failed.status).toBe(200);
    expect(failed.body.batch).toMatchObject({ stage: 'centralized-review', allowedActions: ['confirm'] });
    expect(failed.body.batch.details.legalReview).toMatchObject({ result: 'failed', notes: '第3项缺少依据' });
    const publish = await step('admin', STEPS.publish);
    expect(publish.status).toBe(409);
  });

  it('freezes the list under legal review: imports and reviews are refused (409)', async () => {
    await toPublicComment();
    await step('legal', STEPS.legalPass);
    const m = await anyMaterial();
    const res = await h.call(
      'reviewer',
      'POST',
      `/api/batches/b1/materials/${m.material.id}/review`,
      { action: 'confirm', note: 'x' },
      { 'if-match': m.etag },
    );
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('STAGE_LOCKED');
  });
});

describe('comments', () => {
  it('are refused outside the comment period, limited in size, and rate-limited per client (429, zh-CN)', async () => {
    const m = await anyMaterial();
    const url = `/api/batches/b1/materials/${m.material.id}/comments`;
    // A list the public has never seen answers as an unknown one would (no stage given away).
    const unseen = await h.call('anonymous', 'POST', url, { body: '意见' });
    expect(unseen.status).toBe(404);
    expect(JSON.stringify(unseen.body)).not.toMatch(/draft|centralized-review|阶段/);
    await toPublicComment();
    // The period is 2018-08-11 to 2018-08-20 in Asia/Shanghai, both days included.
    for (const [instant, status] of [
      ['2018-08-10T15:59:59Z', 409], // 08-10 23:59:59 in Shanghai: not started
      ['2018-08-10T16:00:00Z', 201], // 08-11 00:00 in Shanghai: the first day
      ['2018-08-20T15:00:00Z', 201], // 23:00 on the last day
      ['2018-08-20T16:00:00Z', 409], // 08-21 in Shanghai: over
    ] as const) {
      h.setNow(instant);
      const res = await h.call('anonymous', 'POST', url, { body: `意见 ${instant}` });
      expect(res.status, instant).toBe(status);
      if (status === 409) {
        expect(res.body.code).toBe('COMMENT_PERIOD');
        expect(res.body.detail).toContain('2018-08-11 至 2018-08-20');
      }
    }
    // Still the last day; a later window than the posts above (clocks only move forward).
    h.setNow('2018-08-20T15:30:00Z');
    const long = await h.call('anonymous', 'POST', url, { body: '长'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(long.body.issues[0].path).toEqual(['body', 'body']);
    for (let i = 0; i < 3; i++)
      expect((await h.call('anonymous', 'POST', url, { body: `意见${i}` })).status).toBe(201);
    const limited = await h.call('anonymous', 'POST', url, { body: '再来一条' });
    expect(limited.status).toBe(429);
    expect(limited.body.detail).toMatch(/提交过于频繁，请 \d+ 分钟后再试/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Three in this window, and the two on the period's first and last day.
    expect((await h.call('reviewer', 'GET', '/api/batches/b1/comments')).body).toHaveLength(5);
    expect((await h.call('anonymous', 'GET', '/api/batches/b1/comments')).status).toBe(401);
    expect(
      (await h.call('police', 'POST', '/api/batches/b1/comments/1/answer', { answer: 'x' })).status,
    ).toBe(403);
    expect(
      (await h.call('reviewer', 'POST', '/api/batches/b1/comments/999/answer', { answer: 'x' })).status,
    ).toBe(404);
  });
});

describe('publication', () => {
  it('publishes JSON and Excel at stable URLs, then an adjustment makes version 2 with its diff', async () => {
    await toPublicComment();
    await step('legal', STEPS.legalPass);
    await step('admin', STEPS.approve);
    const published = await step('admin', STEPS.publish);
    expect(published.status).toBe(200);
    expect(published.body.batch.stage).toBe('published');
    expect(published.body.publication).toMatchObject({ version: 1, documentNumber: '宿政办秘〔2018〕100号' });

    const json = await h.app.request(published.body.publication.links.json);
    expect(json.status).toBe(200);
    const text = await json.text();
    const pub = parsePublication(text);
    expect(pub).toMatchObject({ version: 1, batch: { id: 'b1', documentNumber: '宿政办秘〔2018〕100号' } });
    expect(pub.summary.materials).toBe(6);
    expect(json.headers.get('etag')).toBe(`"${pub.sha256}"`);
    // Saved under a name that says where, which list and which version (RFC 6266, UTF-8).
    const day = '20180904';
    expect(json.headers.get('content-disposition')).toBe(
      `attachment; filename="b1-v1-${day}.json"; filename*=UTF-8''${encodeURIComponent(`宿州市-第一批-第1版-${day}.json`)}`,
    );
    const xlsx = await h.app.request('/api/batches/b1/publications/1/xlsx');
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(xlsx.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent(`宿州市-第一批-第1版-${day}.xlsx`)}`,
    );
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');

    // Adjustment: a reviewer restores a cancelled material, then version 2 records it.
    const cancelled = (await h.call('reviewer', 'GET', '/api/batches/b1/materials?verdict=cancel')).body
      .items[0];
    await h.call(
      'reviewer',
      'POST',
      `/api/batches/b1/materials/${cancelled.material.id}/review`,
      { action: 'override', verdict: 'retain', note: '恢复' },
      { 'if-match': cancelled.etag },
    );
    expect((await step('admin', { action: 'adjust' })).status).toBe(400);
    // Restoring a cancelled material (边减边增) needs a legal review of the adjustment first (§5).
    const refused = await step('admin', { action: 'adjust', reason: '上级部门要求恢复' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'GUARD_FAILED', guard: 'adjustment-legal-review' });
    const batchNow = (await h.call('reviewer', 'GET', '/api/batches/b1')).body;
    expect(batchNow.details.adjustment).toMatchObject({ openedBy: expect.any(String) });
    expect(
      (await step('legal', { action: 'review-adjustment', result: 'passed', notes: '恢复有据' })).status,
    ).toBe(200);
    const adjusted = await step('admin', { action: 'adjust', reason: '上级部门要求恢复' });
    expect(adjusted.status).toBe(200);
    expect(adjusted.body.publication).toMatchObject({ version: 2, reason: '上级部门要求恢复' });
    const v2 = parsePublication(
      await (await h.app.request('/api/batches/b1/publications/latest/json')).text(),
    );
    expect(v2.version).toBe(2);
    expect(v2.summary.cancelled).toBe(pub.summary.cancelled - 1);
    const diff = await h.call('anonymous', 'GET', '/api/batches/b1/publications/2/diff');
    expect(diff.body.restored.map((r: { id: string }) => r.id)).toEqual([cancelled.material.id]);
    const md = await h.app.request('/api/batches/b1/publications/2/diff', {
      headers: { accept: 'text/markdown' },
    });
    expect(await md.text()).toContain('边减边增');
    // Version 1 is unchanged.
    expect(await (await h.app.request('/api/batches/b1/publications/1/json')).text()).toBe(text);
    const list = await h.call('anonymous', 'GET', '/api/publications');
    expect(list.body.map((p: { version: number }) => p.version)).toEqual([1, 2]);
    expect((await h.call('anonymous', 'GET', '/api/batches/b1/publications/9/json')).status).toBe(404);
    expect((await h.call('anonymous', 'GET', '/api/batches/b1/publications/1/diff')).status).toBe(404);
  });
});

describe('audit log', () => {
  it('records every write with actor and before/after, is readable by reviewers only, and cannot be edited', async () => {
    await toPublicComment();
    const log = await h.call('reviewer', 'GET', '/api/audit?batchId=b1&pageSize=100');
    const actions = log.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual([
      'batch.create',
      'import',
      'import',
      'transition.submit',
      'transition.confirm',
      'transition.open-comment',
    ]);
    const confirm = log.body.items[4];
    expect(confirm.before.stage).toBe('centralized-review');
    expect(confirm.after.stage).toBe('department-confirmed');
    expect(confirm.after.details.confirmation.signer).toBe('王局长');
    expect(confirm.actor).toContain('reviewer');
    expect((await h.call('police', 'GET', '/api/audit')).status).toBe(403);
    expect((await h.call('anonymous', 'GET', '/api/audit')).status).toBe(401);
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      expect((await h.call('admin', method, '/api/audit')).status).toBe(404);
    }
    expect((await h.call('admin', 'GET', '/api/audit?batchId=b1')).body.total).toBe(6);
  });
});

describe('tokens', () => {
  it('admins create tokens shown once; the store keeps only the hash', async () => {
    const res = await h.call('admin', 'POST', '/api/tokens', { role: 'department', department: '市民政局' });
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^jz_[A-Za-z0-9_-]{43}$/);
    const ok = await h.app.request('/api/batches', {
      headers: { authorization: `Bearer ${res.body.token}` },
    });
    expect(ok.status).toBe(200);
    expect((await h.call('reviewer', 'POST', '/api/tokens', { role: 'admin' })).status).toBe(403);
    const missing = await h.call('admin', 'POST', '/api/tokens', { role: 'department' });
    expect(missing.status).toBe(422);
    const { existsSync, readFileSync } = await import('node:fs');
    const hash = (await import('./tokens')).hashToken(res.body.token);
    const files = [h.file, `${h.file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f));
    // The hash is on disk (so the check can find stored text at all), the token never is.
    expect(files.some((bytes) => bytes.includes(Buffer.from(hash)))).toBe(true);
    expect(files.some((bytes) => bytes.includes(Buffer.from(res.body.token)))).toBe(false);
  });
});
