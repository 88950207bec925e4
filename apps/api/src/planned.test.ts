import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Harness,
  harness,
  htmlPage,
  operatorCookie,
  PLANNED_CONFIG,
  seededBatch,
} from './test-support/harness';

// Planned cancellations (domain.md §10) as operators and the public see them: 迁移申请书 becomes
// obtainable from the population database on 2027-01-01; the clock is moved, not waited for.
let h: Harness;
let now = new Date('2026-11-30T02:00:00Z');
beforeEach(async () => {
  now = new Date('2026-11-30T02:00:00Z');
  h = await harness({
    now: () => now,
    config: PLANNED_CONFIG,
  });
  await seededBatch(h);
});
afterEach(async () => {
  await h.close();
});

const page = (path: string, cookie = '') => htmlPage(h, path, cookie);

const step = (who: 'admin' | 'reviewer' | 'legal', body: Record<string, unknown>) =>
  h.call(who, 'POST', '/api/batches/b1/transitions', body);

describe('planned cancellations in the API and pages', () => {
  it('counts them apart in the statistics until their day comes, by the clock in the city', async () => {
    const before = (await h.call('reviewer', 'GET', '/api/batches/b1/summary')).body;
    expect(before.planned).toBe(1);
    expect(before.cancelled).toBe(before.effective + before.planned);
    // 2027-01-01 00:30 in Shanghai is still 2026-12-31 in UTC: the city's day counts.
    now = new Date('2026-12-31T16:30:00Z');
    const after = (await h.call('reviewer', 'GET', '/api/batches/b1/summary')).body;
    expect(after.planned).toBe(0);
    expect(after.effective).toBe(before.cancelled);
  });

  it('shows operators effective and planned apart and together on the batch page', async () => {
    const cookie = await operatorCookie(h);
    const html = (await page('/operator/batches/b1', cookie)).html;
    const stats = html.slice(
      html.indexOf('<table id="stats"'),
      html.indexOf('</table>', html.indexOf('id="stats"')),
    );
    expect(stats).toContain('其中已生效');
    expect(stats).toContain('计划取消');
    const summary = (await h.call('reviewer', 'GET', '/api/batches/b1/summary')).body;
    const total = stats.slice(stats.indexOf('<tfoot>'));
    const cells = [...total.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(cells.slice(0, 5)).toEqual(
      [summary.items, summary.materials, summary.cancelled, summary.effective, summary.planned].map(String),
    );
  });

  it('tells the public from which day the material is no longer needed, in the list out for comment and once published', async () => {
    for (const body of [
      { action: 'submit' },
      { action: 'confirm', signer: '张三', signedAt: '2026-11-01' },
      { action: 'open-comment', start: '2026-11-02', end: '2026-11-20', channel: '政府网站' },
    ])
      expect((await step('admin', body)).status).toBe(200);
    const draftHome = await page('/');
    const departmentHref = /href="(\/lists\/b1\?department=[^"]+)"/.exec(draftHome.html)?.[1];
    expect(departmentHref).toBeDefined();
    const draftDepartment = (await page(departmentHref!)).html;
    expect(draftDepartment).toContain('<span class="tag planned">计划取消</span>');
    const href = /href="(\/items\/b1\/[0-9a-f]{12})"/.exec(draftDepartment)?.[1];
    expect(href).toBeDefined();
    const draftItem = (await page(href!)).html;
    expect(draftItem).toContain('自2027年1月1日起无需提交，由办理部门通过人口信息库共享获取核验');
    expect(draftItem).toContain('<span class="tag planned">计划取消</span>');

    expect((await step('legal', { action: 'legal-review', result: 'passed', notes: '无' })).status).toBe(200);
    expect((await step('admin', { action: 'approve', meetingDate: '2026-11-25' })).status).toBe(200);
    const published = await step('admin', {
      action: 'publish',
      documentNumber: '宿政办秘〔2026〕1号',
      publishedAt: '2026-11-30',
    });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const home = (await page('/')).html;
    expect(home).toMatch(/其中计划取消 1/);
    const item = (await page(href!)).html;
    expect(item).toContain('自2027年1月1日起无需提交');
    const en = (await page(`${href}?lang=en`)).html;
    expect(en).toContain('Not needed from 2027-01-01');
  });
});
