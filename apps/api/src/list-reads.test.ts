import { summarize } from '@jianzheng/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  form,
  type Harness,
  harness,
  htmlPage,
  operatorCookie,
  PLANNED_CONFIG,
  type Row,
  seededBatch,
  workbook,
} from './test-support/harness';

// Reads served to many (statistics, the operator batch page, the public pages of a list out for
// comment) must not load the whole list: the app runs on a real SQLite store whose allMaterials
// throws, and every one of them still answers, with the figures core's summarize gives.
let h: Harness;
const loaded: string[] = [];
beforeEach(async () => {
  loaded.length = 0;
  h = await harness({
    now: () => new Date('2026-11-30T02:00:00Z'),
    config: PLANNED_CONFIG,
    wrapStore(store) {
      const wrapped = Object.create(store);
      wrapped.allMaterials = async (batchId: string) => {
        loaded.push(batchId);
        throw new Error(`allMaterials(${batchId}) called by a read served to many`);
      };
      return wrapped;
    },
  });
});
afterEach(async () => {
  await h.close();
});

const page = (path: string, cookie = '') => htmlPage(h, path, cookie);
const htmlHref = (href: string) => href.replaceAll('&amp;', '&');

async function openComment(batchId: string) {
  for (const body of [
    { action: 'submit' },
    { action: 'confirm', signer: '张三', signedAt: '2026-11-01' },
    { action: 'open-comment', start: '2026-11-02', end: '2026-12-20', channel: '政府网站' },
  ]) {
    const res = await h.call('admin', 'POST', `/api/batches/${batchId}/transitions`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
}

describe('reads served to many never load every material', () => {
  it('statistics and the operator batch page come from the store aggregate, equal to summarize', async () => {
    await seededBatch(h);
    const res = await h.call('reviewer', 'GET', '/api/batches/b1/summary');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const records = await h.store.allMaterials('b1');
    expect(res.body).toEqual(
      summarize(
        records.map((r) => r.material),
        records.map((r) => r.decision),
        { asOf: '2026-11-30' },
      ),
    );
    expect(res.body.planned).toBe(1);

    const html = (await page('/operator/batches/b1', await operatorCookie(h))).html;
    const total = html.slice(html.indexOf('<tfoot>'), html.indexOf('</tfoot>'));
    const cells = [...total.matchAll(/<td class="num"[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(cells.slice(0, 5)).toEqual(
      [res.body.items, res.body.materials, res.body.cancelled, res.body.effective, res.body.planned].map(
        String,
      ),
    );
    expect(loaded).toEqual([]);
  });

  it('a list out for comment: department index, pages of a department with next links, item pages', async () => {
    // 230 materials in one department: three pages of at most 100.
    const rows: Row[] = Array.from({ length: 230 }, (_, i) => ({
      item: `事项${String(Math.floor(i / 7)).padStart(2, '0')}`,
      material: `材料${String(i).padStart(3, '0')}`,
    }));
    rows[5] = { item: '事项00', material: '迁移申请书' };
    const created = await h.call('admin', 'POST', '/api/batches', {
      id: 'big',
      title: '第二批',
      departments: ['市公安局', '市市场监督管理局'],
    });
    expect(created.status).toBe(201);
    const imported = await h.call(
      'admin',
      'POST',
      '/api/batches/big/imports',
      form(
        { name: 'p.xlsx', bytes: await workbook('市公安局', rows) },
        {
          name: 'm.xlsx',
          bytes: await workbook('市市场监督管理局', [{ item: '登记', material: '营业执照' }]),
        },
      ),
    );
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    await openComment('big');

    const home = await page('/');
    expect(home.status).toBe(200);
    expect(home.html).toContain('href="/lists/big"');
    const index = await page('/lists/big');
    expect(index.status).toBe(200);
    const rowsOf = [...index.html.matchAll(/<th scope="row"><a href="([^"]+)">([^<]+)<\/a><\/th>/g)];
    expect(rowsOf.map((m) => m[2])).toEqual(['市公安局', '市市场监督管理局']);
    // Items, still required, cancelled (planned) — from the aggregate of the police department.
    const police = (await h.store.summarizeMaterials('big', { asOf: '2026-11-30' })).byDepartment[0]!;
    const policeRow = index.html.slice(index.html.indexOf(rowsOf[0]![0]));
    const counts = [...policeRow.matchAll(/<td class="num"[^>]*>([^<]*)<\/td>/g)]
      .slice(0, 3)
      .map((m) => m[1]);
    expect(counts).toEqual([
      String(police.items),
      String(police.retained),
      `${police.cancelled}（其中计划取消 ${police.planned}）`,
    ]);
    expect(police.planned).toBe(1);

    // Follow the next links: every material once, at most 100 per page.
    const seen: string[] = [];
    let href: string | undefined = htmlHref(rowsOf[0]![1]!);
    let pages = 0;
    let itemHref: string | undefined;
    while (href) {
      const res = await page(href);
      expect(res.status).toBe(200);
      const names = [...res.html.matchAll(/(材料\d{3}|迁移申请书)/g)].map((m) => m[1]!);
      expect(names.length).toBeLessThanOrEqual(100);
      seen.push(...names);
      itemHref ??= /href="(\/items\/big\/[0-9a-f]{12})"/.exec(res.html)?.[1];
      href = /href="([^"]+)" rel="next" id="next-page"/.exec(res.html)?.[1];
      href = href ? htmlHref(href) : undefined;
      pages++;
    }
    expect(pages).toBe(3);
    // Each item card lists still-required materials before cancelled ones, so compare as a set.
    expect(seen).toHaveLength(rows.length);
    expect([...seen].sort()).toEqual(rows.map((r) => r.material).sort());

    const en = await page('/lists/big?lang=en&department=%E5%B8%82%E5%85%AC%E5%AE%89%E5%B1%80');
    expect(en.html).toContain('Next page');
    expect(en.html).toContain('Not needed from 2027-01-01');
    const item = await page(itemHref!);
    expect(item.status).toBe(200);
    expect(item.html).toContain('自2027年1月1日起无需提交');
    expect(loaded).toEqual([]);

    // A department not in the list, and a batch not out for comment, are not pages.
    expect((await page('/lists/big?department=%E6%97%A0')).status).toBe(404);
    await seededBatch(h);
    expect((await page('/lists/b1')).status).toBe(404);
    expect((await page('/lists/nope')).status).toBe(404);
  });
});
