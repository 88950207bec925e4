import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signForm } from '../security';
import { buildSearchIndex } from '../services/search-index';
import { FORM_SECRET, type Harness, harness, seededBatch } from '../test-support/harness';
import { type PublicList, searchKey } from './public-lists';

let h: Harness;
beforeEach(async () => {
  h = await harness({ limits: { commentsPerWindow: 1 } });
});
afterEach(async () => {
  await h.close();
});

const ORIGIN = 'http://localhost';
const page = async (path: string, init: RequestInit = {}) => {
  const res = await h.app.request(`${ORIGIN}${path}`, init);
  return { status: res.status, headers: res.headers, html: await res.text() };
};
const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) => {
  const signed = signForm(FORM_SECRET, headers.cookie);
  return h.app.request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: ORIGIN,
      ...headers,
      cookie: signed.cookie,
    },
    body: new URLSearchParams({ ...fields, _csrf: signed.token }).toString(),
  });
};
const cookieOf = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0] ?? '';

async function walkToComment() {
  await seededBatch(h);
  for (const step of [
    { action: 'submit' },
    { action: 'confirm', signer: '张三', signedAt: '2018-08-20' },
    { action: 'open-comment', start: '2018-08-21', end: '2018-08-28', channel: '政府网站' },
  ]) {
    const res = await h.call('admin', 'POST', '/api/batches/b1/transitions', step);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  h.setNow('2018-08-22T10:00:00+08:00');
}

describe('search text', () => {
  const list: PublicList = {
    batchId: 'b',
    title: 't',
    jurisdiction: '宿州市',
    stage: 'published',
    version: 1,
    publishedAt: '2018-09-04',
    documentNumber: null,
    links: null,
    commentPeriod: null,
    departments: [
      {
        name: '市公安局',
        items: [
          {
            slug: 'a',
            code: null,
            name: '户口迁移',
            type: null,
            materials: [
              {
                id: 'm1',
                name: '居民身份证复印件',
                verdict: 'cancel',
                category: null,
                effectiveFrom: null,
                replacement: null,
                wording: null,
                basis: null,
                issuer: null,
                legalBasis: null,
              },
              {
                id: 'm2',
                name: 'ICP许可证',
                verdict: 'retain',
                category: null,
                effectiveFrom: null,
                replacement: null,
                wording: null,
                basis: null,
                issuer: null,
                legalBasis: null,
              },
            ],
          },
        ],
      },
    ],
  };

  it('normalizes full-width letters, list numbers and spaces, and keeps the whole item with the match marked', () => {
    expect(searchKey('（一）ＩＣＰ　许可证')).toBe('ICP许可证');
    const index = buildSearchIndex(list);
    const found = index.search('ＩＣＰ许可证', { limit: 10 });
    expect(found.hits).toEqual([{ list: 0, department: 0, item: 0, materials: [1] }]);
    expect(index.search('户口　迁移', { limit: 10 }).hits).toEqual([
      { list: 0, department: 0, item: 0, materials: null },
    ]);
    expect(index.search('许可证', { limit: 10, department: '市民政局' })).toEqual({
      hits: [],
      next: null,
      matches: 0,
    });
    expect(index.search('营业执照', { limit: 10 }).hits).toEqual([]);
  });
});

describe('public pages', () => {
  it('renders zh-CN by default and English with ?lang=en, with one h1', async () => {
    const zh = await page('/');
    expect(zh.status).toBe(200);
    expect(zh.html).toContain('<html lang="zh-CN">');
    expect(zh.html.match(/<h1/g)).toHaveLength(1);
    expect(zh.html).toContain('尚未公布清单');
    const en = await page('/?lang=en');
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain('No list has been published yet.');
  });

  it('shows a list out for comment with a comment form per material, and relays the API errors in zh-CN', async () => {
    await walkToComment();
    const home = await page('/');
    expect(home.html).toContain('公开征求意见');
    // The home page links each department's page of the draft; that page links the items.
    const departmentHref = /href="(\/lists\/b1\?department=[^"]+)"/.exec(home.html)?.[1];
    expect(departmentHref).toBeDefined();
    const departmentPage = await page(departmentHref!);
    expect(departmentPage.status).toBe(200);
    const href = /href="(\/items\/b1\/[0-9a-f]{12})"/.exec(departmentPage.html)?.[1];
    expect(href).toBeDefined();
    const item = await page(href!);
    expect(item.status).toBe(200);
    const ids = [...item.html.matchAll(/name="materialId" value="([0-9a-f]+)"/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(0);

    const ok = await post(`${href}/comments`, { materialId: ids[0]!, body: '请说明核验渠道', author: '' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`${href}#m-${ids[0]}`);
    const after = await page(href!, { headers: { cookie: cookieOf(ok, 'jz_flash') } });
    expect(after.html).toContain('意见已提交');
    const stored = await h.store.listComments('b1');
    expect(stored.map((c) => [c.materialId, c.body, c.author])).toEqual([[ids[0], '请说明核验渠道', null]]);

    // A refused comment comes back in place (422, no redirect): the field marked, what was typed kept.
    const empty = await post(`${href}/comments`, { materialId: ids[0]!, body: '   ', author: '张女士' });
    expect(empty.status).toBe(422);
    const emptyPage = await empty.text();
    expect(emptyPage).toContain('意见不能为空');
    expect(emptyPage).toContain(`aria-describedby="body-${ids[0]}-error"`);
    expect(emptyPage).toContain('value="张女士"');
    expect(emptyPage).not.toContain('body.body');

    const limited = await post(`${href}/comments`, { materialId: ids[0]!, body: '第二条' });
    const limitedPage = await page(href!, { headers: { cookie: cookieOf(limited, 'jz_flash') } });
    expect(limitedPage.html).toContain('提交过于频繁');
    expect(await h.store.listComments('b1')).toHaveLength(1);

    // A cross-site form post is refused before it reaches the API.
    const forged = await post(
      `${href}/comments`,
      { materialId: ids[0]!, body: 'x' },
      { origin: 'https://evil.example' },
    );
    expect(forged.status).toBe(403);
    expect(await h.store.listComments('b1')).toHaveLength(1);
  });

  it('answers unknown items and materials with an HTML 404', async () => {
    await walkToComment();
    const missing = await page('/items/b1/000000000000');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('text/html');
    const res = await post('/items/b1/000000000000/comments', { materialId: 'x', body: 'y' });
    expect(res.status).toBe(404);
  });
});

describe('operator pages', () => {
  it('logs in with a token into an HttpOnly, SameSite=Strict cookie and refuses a bad one', async () => {
    const bad = await post('/operator/login', { token: 'jz_nope' });
    expect(bad.status).toBe(303);
    expect(bad.headers.getSetCookie().some((c) => c.startsWith('jz_token='))).toBe(false);
    const badPage = await page('/operator', { headers: { cookie: cookieOf(bad, 'jz_flash') } });
    expect(badPage.html).toContain('登录失败');

    const good = await post('/operator/login', { token: h.tokens.reviewer });
    const cookie = good.headers.getSetCookie().find((c) => c.startsWith('jz_token='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    await seededBatch(h);
    const list = await page('/operator', { headers: { cookie: cookieOf(good, 'jz_token') } });
    expect(list.html).toContain('/operator/batches/b1');
  });

  it('reviews through the API: the If-Match version comes from the form, a stale one is a 409 and changes nothing', async () => {
    await seededBatch(h);
    const login = await post('/operator/login', { token: h.tokens.reviewer });
    const token = cookieOf(login, 'jz_token');
    const [record] = (await h.store.listMaterials('b1', { agreement: 'engine-cancels' })).items;
    expect(record).toBeDefined();
    const list = await page('/operator/batches/b1/review?agreement=engine-cancels', {
      headers: { cookie: token },
    });
    expect(list.html).toContain(record!.material.name);
    const path = `/operator/batches/b1/materials/${record!.material.id}/review?agreement=engine-cancels`;
    const stale = await post(
      path,
      { action: 'confirm', note: '同意', version: String(record!.version - 1), name: 'x' },
      { cookie: token },
    );
    expect(stale.status).toBe(303);
    const stalePage = await page('/operator/batches/b1/review?agreement=engine-cancels', {
      headers: { cookie: `${token}; ${cookieOf(stale, 'jz_flash')}` },
    });
    expect(stalePage.html).toContain('冲突（409）');
    expect((await h.store.getMaterial('b1', record!.material.id))!.decision.status).toBe('proposed');

    await post(
      path,
      {
        action: 'override',
        verdict: 'retain',
        category: '',
        note: '部门说明必需',
        version: String(record!.version),
        name: 'x',
      },
      { cookie: token },
    );
    const after = (await h.store.getMaterial('b1', record!.material.id))!;
    expect(after.decision).toMatchObject({ status: 'overridden', verdict: 'retain', note: '部门说明必需' });
  });

  it('sends a department token to a 403 message instead of the review, and a missing cookie to the login form', async () => {
    await seededBatch(h);
    const anonymous = await post('/operator/batches/b1/materials/x/review', {
      action: 'confirm',
      note: 'x',
      version: '1',
    });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/operator');
    const login = await post('/operator/login', { token: h.tokens.police });
    const token = cookieOf(login, 'jz_token');
    const [record] = (await h.store.listMaterials('b1', { limit: 1 })).items;
    const res = await post(
      `/operator/batches/b1/materials/${record!.material.id}/review`,
      { action: 'confirm', note: 'x', version: String(record!.version) },
      { cookie: token },
    );
    const shown = await page('/operator/batches/b1/review', {
      headers: { cookie: `${token}; ${cookieOf(res, 'jz_flash')}` },
    });
    expect(shown.html).toMatch(/无权/);
    expect((await h.store.getMaterial('b1', record!.material.id))!.decision.status).toBe('proposed');
  });

  it('shows the statistics and one SVG bar per category', async () => {
    await seededBatch(h);
    const login = await post('/operator/login', { token: h.tokens.admin });
    const batch = await page('/operator/batches/b1', { headers: { cookie: cookieOf(login, 'jz_token') } });
    expect(batch.status).toBe(200);
    expect(batch.html.match(/<g class="bar">/g)).toHaveLength(7);
    const all = await h.store.allMaterials('b1');
    const cancelled = all.filter((r) => r.decision.verdict === 'cancel').length;
    expect(batch.html).toContain(`<td class="num">${all.length}</td><td class="num">${cancelled}</td>`);
    expect(batch.html).toContain('提交集中审核');
  });
});
