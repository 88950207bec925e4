import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, harness, seededBatch } from '../test-support/harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

async function walk(id: string, publish: boolean) {
  await seededBatch(h, id);
  const steps: Array<Record<string, string>> = [
    { action: 'submit' },
    { action: 'confirm', signer: '张三', signedAt: '2018-08-20' },
    { action: 'open-comment', start: '2018-08-21', end: '2018-08-28', channel: '政府网站' },
  ];
  if (publish)
    steps.push(
      { action: 'legal-review', result: 'passed', notes: '合法' },
      { action: 'approve', meetingDate: '2018-08-31' },
      { action: 'publish', documentNumber: `宿政办〔2018〕${id}号`, publishedAt: '2018-09-04' },
    );
  for (const step of steps) {
    const role = step.action === 'legal-review' ? 'legal' : 'admin';
    const res = await h.call(role, 'POST', `/api/batches/${id}/transitions`, step);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
}

type Page = {
  matches: number;
  next: string | null;
  items: Array<{
    batchId: string;
    name: string;
    matched: string[] | null;
    materials: Array<{ id: string; name: string }>;
  }>;
};

const search = async (query: string) => {
  const res = await h.call('anonymous', 'GET', `/api/public/search?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Page;
};

describe('GET /api/public/search', () => {
  it('pages through a published list and a list out for comment by cursor, anonymously', async () => {
    await walk('p1', true);
    await walk('d1', false);
    const first = await search(`q=${encodeURIComponent('证明')}&limit=1`);
    // 亲属关系证明, 经营场所证明 and the item 无犯罪记录证明开具, in each of the two lists.
    expect(first.matches).toBe(6);
    expect(first.items).toHaveLength(1);
    const seen = [...first.items];
    let next = first.next;
    while (next) {
      const page = await search(`q=${encodeURIComponent('证明')}&limit=1&cursor=${encodeURIComponent(next)}`);
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items);
      next = page.next;
    }
    // Published lists first, then the one out for comment; each item once.
    expect(seen.map((i) => `${i.batchId} ${i.name}`)).toEqual([
      'p1 户口迁移',
      'p1 无犯罪记录证明开具',
      'p1 个体工商户登记',
      'd1 户口迁移',
      'd1 无犯罪记录证明开具',
      'd1 个体工商户登记',
    ]);
    const move = seen[0]!;
    expect(move.materials.filter((m) => move.matched?.includes(m.id)).map((m) => m.name)).toEqual([
      '亲属关系证明',
    ]);
    expect(move.materials).toHaveLength(3);
    expect(seen[1]!.matched).toBeNull();
  });

  it('serves two-character and one-character queries, narrows to a department, and bounds the page', async () => {
    await walk('p1', true);
    const two = await search(`q=${encodeURIComponent('身份')}`);
    expect(two.items.map((i) => i.name)).toEqual(['户口迁移']);
    const one = await search(
      `q=${encodeURIComponent('照')}&department=${encodeURIComponent('市市场监督管理局')}`,
    );
    expect(one.items.map((i) => i.name)).toEqual(['个体工商户登记']);
    expect(
      (await search(`q=${encodeURIComponent('照')}&department=${encodeURIComponent('市公安局')}`)).items,
    ).toEqual([]);
    expect((await h.call('anonymous', 'GET', '/api/public/search?q=x&limit=101')).status).toBe(400);
    expect((await h.call('anonymous', 'GET', `/api/public/search?q=${'证'.repeat(101)}`)).status).toBe(400);
  });

  it('the home page shows the same results with a link to the next page', async () => {
    await walk('p1', true);
    const res = await h.app.request(`http://localhost/?q=${encodeURIComponent('证明')}`);
    const html = await res.text();
    expect(html).toContain('<mark>亲属关系证明</mark>');
    expect(html).toContain('3 处名称匹配');
    expect(html).not.toContain('id="next-page"');
  });

  it('answers a repeated search from stored bytes with the same headers, and still checks a token', async () => {
    await walk('p1', true);
    const path = `/api/public/search?q=${encodeURIComponent('证明')}&limit=2`;
    const first = await h.app.request(path);
    const again = await h.app.request(path);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(await first.text());
    const names = (res: Response) => [...res.headers.keys()].sort();
    expect(names(again)).toEqual(names(first));
    expect(again.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(again.headers.get('x-content-type-options')).toBe('nosniff');
    expect(again.headers.get('cache-control')).toBeNull();
    // A token is never skipped: a bad one is refused, a good one makes the answer no-store.
    const bad = await h.app.request(path, { headers: { authorization: 'Bearer nope' } });
    expect(bad.status).toBe(401);
    const authed = await h.call('reviewer', 'GET', path);
    expect(authed.status).toBe(200);
    expect(authed.headers.get('cache-control')).toBe('no-store');
    // A repeated parameter is refused as before, however often it is sent.
    for (let i = 0; i < 2; i++) expect((await h.app.request('/api/public/search?q=a&q=b')).status).toBe(400);
  });
});
