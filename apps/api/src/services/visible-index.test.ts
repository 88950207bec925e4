import type { JianzhengStore } from '@jianzheng/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, publicListsOfApp } from '../app';
import { type Harness, harness, seededBatch } from '../test-support/harness';

let h: Harness;
afterEach(async () => {
  await publicListsOfApp(h.app)?.settled();
  await h.close();
});

const COMMENT_STEPS: Array<Record<string, string>> = [
  { action: 'submit' },
  { action: 'confirm', signer: '张三', signedAt: '2018-08-20' },
  { action: 'open-comment', start: '2018-08-21', end: '2018-08-28', channel: '政府网站' },
];
const PUBLISH_STEPS = (id: string): Array<Record<string, string>> => [
  { action: 'legal-review', result: 'passed', notes: '合法' },
  { action: 'approve', meetingDate: '2018-08-31' },
  { action: 'publish', documentNumber: `宿政办〔2018〕${id}号`, publishedAt: '2018-09-04' },
];

async function steps(id: string, list: Array<Record<string, string>>) {
  for (const step of list) {
    const role = step.action?.includes('review') ? 'legal' : 'admin';
    const res = await h.call(role, 'POST', `/api/batches/${id}/transitions`, step);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
}

/** What the public set holds now, read without any request (no search builds anything). */
function visible() {
  const set = publicListsOfApp(h.app)!.current();
  return set?.entries.map((e) => `${e.list.batchId} ${e.list.stage} v${e.list.version ?? '-'}`);
}

const search = async (q: string) => {
  const res = await h.call('anonymous', 'GET', `/api/public/search?q=${encodeURIComponent(q)}&limit=100`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { matches: number; items: Array<{ batchId: string; version: number | null }> };
};

describe('the index of the visible lists', () => {
  it('is built when a list enters public comment and when it is published, before any search', async () => {
    h = await harness();
    await seededBatch(h, 'd1');
    await steps('d1', COMMENT_STEPS);
    // The transition's request built it: no search has been made yet.
    expect(visible()).toEqual(['d1 public-comment v-']);
    const commentSet = publicListsOfApp(h.app)!.current();
    expect((await search('证明')).items.every((i) => i.batchId === 'd1')).toBe(true);
    // The search was answered from that set, not from one it built.
    expect(publicListsOfApp(h.app)!.current()).toBe(commentSet);
    await steps('d1', PUBLISH_STEPS('1'));
    expect(visible()).toEqual(['d1 published v1']);
  });

  it('is ONE index over every visible list; a list leaving public comment or superseded drops out', async () => {
    h = await harness();
    await seededBatch(h, 'p1');
    await steps('p1', [...COMMENT_STEPS, ...PUBLISH_STEPS('1')]);
    await seededBatch(h, 'd1');
    await steps('d1', COMMENT_STEPS);
    const set = publicListsOfApp(h.app)!.current()!;
    expect(set.index.size.lists).toBe(2);
    expect(visible()).toEqual(['p1 published v1', 'd1 public-comment v-']);
    const both = await search('证明');
    expect(new Set(both.items.map((i) => i.batchId))).toEqual(new Set(['p1', 'd1']));

    // d1 moves on to legal review: it is no longer public.
    await steps('d1', [{ action: 'legal-review', result: 'passed', notes: '合法' }]);
    expect(visible()).toEqual(['p1 published v1']);
    const one = await search('证明');
    expect(one.items.map((i) => i.batchId)).toEqual(one.items.map(() => 'p1'));
    expect(one.matches).toBe(both.matches / 2);

    // p1 is adjusted: version 2 replaces version 1 in the index.
    const cancelled = (await h.call('reviewer', 'GET', '/api/batches/p1/materials?verdict=cancel')).body
      .items[0];
    await h.call(
      'reviewer',
      'POST',
      `/api/batches/p1/materials/${cancelled.material.id}/review`,
      { action: 'override', verdict: 'retain', note: '恢复' },
      { 'if-match': cancelled.etag },
    );
    await steps('p1', [
      { action: 'review-adjustment', result: 'passed', notes: '恢复有据' },
      { action: 'adjust', reason: '上级部门要求恢复' },
    ]);
    expect(visible()).toEqual(['p1 published v2']);
    expect(publicListsOfApp(h.app)!.current()!.index.size.lists).toBe(1);
    expect(new Set((await search('证明')).items.map((i) => i.version))).toEqual(new Set([2]));
  });

  it('answers 503 with Retry-After and a zh-CN message while the first index is built, then serves it', async () => {
    h = await harness();
    await seededBatch(h, 'p1');
    await steps('p1', [...COMMENT_STEPS, ...PUBLISH_STEPS('1')]);
    // A second app over the same database, as after a restart, whose store is slow to hand over
    // the publication (a province's lists take tens of seconds): the build is held until released.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow: JianzhengStore = Object.create(h.store);
    slow.getPublication = async (...args: Parameters<JianzhengStore['getPublication']>) => {
      await held;
      return h.store.getPublication(...args);
    };
    const app = createApp({ store: slow, log: () => {}, publicIndexWaitMs: 20 });
    const lists = publicListsOfApp(app)!;
    lists.start();
    try {
      const res = await app.request(`/api/public/search?q=${encodeURIComponent('证明')}`);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      const problem = (await res.json()) as { code: string; status: number; detail: string };
      expect(problem).toMatchObject({ code: 'INDEX_BUILDING', status: 503 });
      expect(problem.detail).toContain('检索索引正在建立');
      const page = await app.request('/');
      expect(page.status).toBe(503);
      expect(page.headers.get('retry-after')).toBe('5');
      expect(await page.text()).toContain('公布清单的检索索引正在建立');
      // Everything else is answered meanwhile.
      expect((await app.request('/health')).status).toBe(200);
      expect(lists.building).toBe(true);
    } finally {
      release();
    }
    await lists.settled();
    const res = await app.request(`/api/public/search?q=${encodeURIComponent('证明')}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { matches: number }).matches).toBeGreaterThan(0);
    expect((await app.request('/')).status).toBe(200);
  });
});
