/* biome-ignore-all lint/suspicious/noExplicitAny: the publication JSON is read loosely in assertions */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSqliteStore } from '@jianzheng/store-sqlite';
import { settleLegalQueue } from '@jianzheng/testkit';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server';
import { tokenIn } from '../test-support/harness';
import { launchChromium, requireBrowser } from './browser-check';

// A real server on loopback over a real SQLite file, the demo workbooks imported over HTTP, and
// Debian's chromium driving the pages. Screenshots land in test-artifacts/ (gitignored).
const EXAMPLES = fileURLToPath(new URL('../../../../examples/suzhou-2018/', import.meta.url));
const ARTIFACTS = fileURLToPath(new URL('../../../../test-artifacts/pages/', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const BATCH = 'suzhou-1';
const BROWSER_READY = requireBrowser(CHROMIUM);

let clock = new Date('2018-08-22T10:00:00+08:00');
let dir: string;
let server: RunningServer;
let browser: Browser;
let tokens: { admin: string; reviewer: string; legal: string };

async function api(
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const init: RequestInit = { method, headers: { ...headers } };
  if (token) (init.headers as Record<string, string>).authorization = `Bearer ${token}`;
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(`${server.url}${path}`, init);
  const text = await res.text();
  let json: any = text;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, body: json };
}

async function transition(token: string, input: Record<string, string>) {
  const res = await api('POST', `/api/batches/${BATCH}/transitions`, token, input);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Accessibility basics every page must meet: a language, exactly one h1, a label for every control. */
async function checkAccessibility(page: Page, lang = 'zh-CN') {
  expect(await page.locator('html').getAttribute('lang')).toBe(lang);
  expect(await page.locator('h1').count()).toBe(1);
  // Page scripts are off in these contexts; Playwright's own evaluation still runs.
  const unlabelled = await page
    .locator('input:not([type=hidden]), select, textarea')
    .evaluateAll((controls) =>
      controls
        .filter(
          (control) =>
            ((control as unknown as { labels?: { length: number } | null }).labels?.length ?? 0) === 0 &&
            !control.getAttribute('aria-label') &&
            !control.getAttribute('aria-labelledby'),
        )
        .map((control) => control.outerHTML),
    );
  expect(unlabelled).toEqual([]);
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}-desktop.png`), fullPage: false });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(ARTIFACTS, `${name}-mobile.png`), fullPage: false });
  if (size) await page.setViewportSize(size);
}

async function newContext(javaScriptEnabled: boolean): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled, locale: 'zh-CN' });
}

const workbooks = existsSync(EXAMPLES)
  ? readdirSync(EXAMPLES)
      .filter((f) => f.endsWith('.xlsx'))
      .sort()
  : [];

describe.skipIf(!BROWSER_READY || workbooks.length === 0)('pages in a real browser', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'jz-pages-'));
    const dbPath = join(dir, 'jianzheng.db');
    tokens = {
      admin: await tokenIn(dbPath, 'admin'),
      reviewer: await tokenIn(dbPath, 'reviewer', { label: '审核组' }),
      legal: await tokenIn(dbPath, 'legal', { label: '法制办' }),
    };
    server = await startServer({
      store: createSqliteStore({ filename: dbPath }),
      port: 0,
      config: { jurisdiction: { code: '341300', name: '宿州市', level: 'city' } },
      // Two comments per window, so the test reaches the rate limit on the third.
      limits: { commentsPerWindow: 2 },
      // Inside the comment period (2018-08-21 to 08-28) until the legal review moves it past.
      now: () => clock,
      log: () => {},
    });
    browser = await launchChromium(CHROMIUM);
    const departments = workbooks.map((f) => f.replace(/^\d+-/, '').replace(/\.xlsx$/, ''));
    const created = await api('POST', '/api/batches', tokens.admin, {
      id: BATCH,
      title: '第一批',
      departments,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const form = new FormData();
    for (const f of workbooks) form.append('files', new File([readFileSync(join(EXAMPLES, f))], f));
    const imported = await api('POST', `/api/batches/${BATCH}/imports`, tokens.admin, form);
    expect(imported.status, JSON.stringify(imported.body).slice(0, 2000)).toBe(200);
    await transition(tokens.reviewer, { action: 'submit' });
    await transition(tokens.reviewer, { action: 'confirm', signer: '张三', signedAt: '2018-08-20' });
    await transition(tokens.reviewer, {
      action: 'open-comment',
      start: '2018-08-21',
      end: '2018-08-28',
      channel: '宿州市人民政府网站',
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('takes public comments during 公示 through a plain form, with a clear rate-limit message', async () => {
    const context = await newContext(false); // the pages must work without JavaScript
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await checkAccessibility(page);
    await expect(page.locator('h2', { hasText: '公开征求意见' }).count()).resolves.toBe(1);
    await shoot(page, '01-home-comment-period');
    // A list out for comment is paged: a department's page first, then one of its items.
    await page.locator('ul.departments a').first().click();
    await checkAccessibility(page);
    await shoot(page, '01-draft-department-page');
    await page.locator('main article h3 a').first().click();
    await expect(page.locator('h1').count()).resolves.toBe(1);
    await checkAccessibility(page);
    const first = page.locator('main article').first();
    const materialId = ((await first.getAttribute('id')) ?? '').replace(/^m-/, '');
    expect(materialId).toMatch(/^[0-9a-f]{16}/);

    const post = async (text: string) => {
      const article = page.locator(`#m-${materialId}`);
      // The form folds away in a <details> (no script needed) until a citizen opens it.
      if (!(await article.locator('textarea').isVisible())) await article.locator('summary').click();
      await article.locator('textarea').fill(text);
      await article.locator('input[name=author]').fill('王女士');
      await article.locator('button[type=submit]').click();
      await page.waitForLoadState();
      return article.locator('.msg').textContent();
    };
    expect(await post('建议同时说明可通过哪个平台核验。')).toContain('意见已提交');
    await shoot(page, '02-item-comment-received');
    expect(await post('第二条意见')).toContain('意见已提交');
    const limited = await post('第三条意见');
    expect(limited).toContain('提交过于频繁');
    await shoot(page, '03-item-rate-limited');

    const comments = await api('GET', `/api/batches/${BATCH}/comments?unanswered=true`, tokens.reviewer);
    expect(comments.body.map((c: { body: string }) => c.body).sort()).toEqual(
      ['第二条意见', '建议同时说明可通过哪个平台核验。'].sort(),
    );
    expect(
      comments.body.every(
        (c: { materialId: string; author: string }) => c.materialId === materialId && c.author === '王女士',
      ),
    ).toBe(true);
    await context.close();
  });

  it('lets an admin answer comments and publish through the stage forms', async () => {
    // The comment period (to 2018-08-28) is over: legal review may start once comments are answered.
    clock = new Date('2018-08-29T10:00:00+08:00');
    const context = await newContext(false);
    const page = await context.newPage();
    await page.goto(`${server.url}/operator`);
    await checkAccessibility(page);
    await page.fill('#token', 'jz_not-a-real-token');
    await page.click('button[type=submit]');
    await expect(page.locator('.msg.error').textContent()).resolves.toContain('登录失败');
    await page.fill('#token', tokens.admin);
    await page.click('button[type=submit]');
    await page.click(`a[href="/operator/batches/${BATCH}"]`);
    await checkAccessibility(page);
    // The stage and, while it lasts, its period (公开征求意见（start 至 end）).
    expect(await page.locator('#stage').textContent()).toMatch(
      /^公开征求意见（\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}）$/,
    );
    // The guard of the API shows through: legal review is refused while comments are unanswered.
    // By its legend: other steps' hints name 合法性审查 too (e.g. what comes after close-comment).
    const legal = page.locator('fieldset', { has: page.locator('legend', { hasText: '合法性审查' }) });
    await legal.locator('select').selectOption('passed');
    await legal.locator('textarea').fill('合法');
    await legal.locator('button').click();
    await expect(page.locator('.msg.error').textContent()).resolves.toContain('未答复');
    await page.click(`nav.tabs a[href="/operator/batches/${BATCH}/comments"]`);
    await checkAccessibility(page);
    // Each comment names the item and material it is about, never a bare id.
    expect(await page.locator('.about').first().textContent()).toMatch(/ · .+ · /);
    while ((await page.locator('textarea[name=answer]').count()) > 0) {
      await page.locator('textarea[name=answer]').first().fill('已采纳，将在办事指南中注明核验平台。');
      await page
        .locator('form', { has: page.locator('textarea[name=answer]') })
        .first()
        .locator('button')
        .click();
      await expect(page.locator('.msg.ok').textContent()).resolves.toContain('已答复');
    }
    // The legal office settles the bases the engine could not place (its page has its own test,
    // legal-queue.browser.test.ts); the review cannot pass while one is left (domain.md §14).
    await settleLegalQueue(
      (method, path, body, headers) => api(method, path, tokens.legal, body, headers),
      BATCH,
    );
    await page.click(`nav.tabs a[href="/operator/batches/${BATCH}"]`);
    const step = async (
      legend: string,
      fill: (fieldset: ReturnType<Page['locator']>) => Promise<void>,
      stage: string,
    ) => {
      const fieldset = page.locator('fieldset', { has: page.locator('legend', { hasText: legend }) });
      await fill(fieldset);
      await fieldset.locator('button').click();
      await expect(page.locator('.msg').first().textContent()).resolves.toContain('已完成');
      expect(await page.locator('#stage').textContent()).toBe(stage);
    };
    await step(
      '合法性审查',
      async (f) => {
        await f.locator('select').selectOption('passed');
        await f.locator('textarea').fill('符合法律法规');
      },
      '合法性审查',
    );
    await step('常务会议', async (f) => f.locator('input[type=date]').fill('2018-08-31'), '常务会议审议通过');
    await step(
      '公布',
      async (f) => {
        await f.locator('input[name=documentNumber]').fill('宿政办〔2018〕35号');
        await f.locator('input[name=publishedAt]').fill('2018-09-04');
      },
      '已公布',
    );
    await shoot(page, '04-operator-batch-published');
    await page.click('text=退出登录');
    await context.close();
  });

  it('finds a material with full-width input and shows how the office now gets it', async () => {
    const pub = await api('GET', `/api/batches/${BATCH}/publications/latest/json`, null);
    expect(pub.status).toBe(200);
    // A shared material whose name is not part of its item's name: otherwise the item's own name is
    // the match (居民身份证 in 居民身份证申领) and no material is marked.
    const shared = (i: any) => (m: any) =>
      m.category?.id === 'information-sharing' && !i.name.includes(m.name);
    const department = pub.body.departments.find((d: any) =>
      d.items.some((i: any) => i.materials.some(shared(i))),
    );
    const item = department.items.find((i: any) => i.materials.some(shared(i)));
    const material = item.materials.find(shared(item));
    // Full-width list number and an ideographic space inside the name: NFKC-normalized by the search.
    const query = `１．${material.name.slice(0, 2)}　${material.name.slice(2)}`;

    const context = await newContext(false);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await checkAccessibility(page);
    const meta = await page.locator('.meta').first().textContent();
    expect(meta).toContain('宿政办〔2018〕35号');
    expect(meta).toContain('2018-09-04');
    expect(meta).toContain('1');
    expect(await page.locator('a', { hasText: '下载 JSON' }).getAttribute('href')).toBe(
      `/api/batches/${BATCH}/publications/1/json`,
    );
    expect(await page.locator('a', { hasText: '下载 Excel 附件' }).getAttribute('href')).toBe(
      `/api/batches/${BATCH}/publications/1/xlsx`,
    );
    await shoot(page, '05-home-published');

    await page.fill('#q', query);
    await page.selectOption('#department', department.name);
    await page.click('search form button');
    await checkAccessibility(page);
    expect(await page.locator('#q').inputValue()).toBe(query);
    const hit = page.locator('main article', { hasText: item.name }).first();
    const text = await hit.textContent();
    expect(text).toContain(material.name);
    expect(text).toContain('现在如何获取：无需提交，由办理部门通过');
    // The item keeps every material; the one the search found is marked.
    expect(await hit.locator('mark').allInnerTexts()).toContain(material.name);
    if (material.replacement) expect(text).toContain(material.replacement);
    // Only the chosen department's results are shown.
    const headings = await page.locator('main section.card h3').allInnerTexts();
    expect(new Set(headings)).toEqual(new Set([department.name]));
    await shoot(page, '06-search-full-width');

    await hit.locator('h4 a').click();
    await checkAccessibility(page);
    expect(await page.locator('h1').textContent()).toBe(item.name);
    expect(page.url()).toMatch(new RegExp(`/items/${BATCH}/[0-9a-f]{12}$`));
    const body = await page.locator('main').textContent();
    expect(body).toContain('仍需提交的材料');
    expect(body).toContain(material.name);
    expect(await page.locator('textarea[name=body]').count()).toBe(0); // comments are closed after 公示
    await shoot(page, '07-item-published');

    await page.goto(`${page.url()}?lang=en`);
    await checkAccessibility(page, 'en');
    expect(await page.locator('main').textContent()).toContain('Still required');
    await shoot(page, '07-item-published-en');
    await context.close();
  });

  it('lets a reviewer override a disagreement, shows the 409 on a stale version, and draws the chart', async () => {
    const context = await newContext(false);
    const page = await context.newPage();
    await page.goto(`${server.url}/operator`);
    await page.fill('#token', tokens.reviewer);
    await page.click('button[type=submit]');
    await page.goto(`${server.url}/operator/batches/${BATCH}/review?agreement=engine-cancels`);
    await checkAccessibility(page);
    const status = (await page.locator('p[role=status]').textContent()) ?? '';
    const total = Number(/共 (\d+)/.exec(status)?.[1]);
    const expected = await api(
      'GET',
      `/api/batches/${BATCH}/materials?agreement=engine-cancels&pageSize=1`,
      tokens.reviewer,
    );
    expect(total).toBe(expected.body.total);
    expect(total).toBeGreaterThan(0);
    await shoot(page, '08-consultation-list');

    const row = page.locator('main article').first();
    const id = ((await row.getAttribute('id')) ?? '').replace(/^m-/, '');
    const before = await api('GET', `/api/batches/${BATCH}/materials/${id}`, tokens.reviewer);
    // Someone else confirms the decision after this page was loaded: the page's version is stale.
    const other = await api(
      'POST',
      `/api/batches/${BATCH}/materials/${id}/review`,
      tokens.reviewer,
      { action: 'confirm', note: '另一位审核人员已确认' },
      { 'if-match': before.body.etag },
    );
    expect(other.status).toBe(200);
    const override = row.locator('form', { has: page.locator('select[name=verdict]') });
    await override.locator('select[name=verdict]').selectOption('retain');
    await override.locator('input[name=note]').fill('部门说明该材料为办事必需');
    await override.locator('button').click();
    const conflict = page.locator(`#m-${id} .msg.error`);
    expect(await conflict.textContent()).toContain('冲突（409）');
    await shoot(page, '09-review-conflict-409');
    const unchanged = await api('GET', `/api/batches/${BATCH}/materials/${id}`, tokens.reviewer);
    expect(unchanged.body.decision).toMatchObject({
      status: 'confirmed',
      note: '另一位审核人员已确认',
      verdict: 'cancel',
    });

    // The reloaded page carries the current version: the override now goes through.
    const fresh = page.locator(`#m-${id} form`, { has: page.locator('select[name=verdict]') });
    await fresh.locator('select[name=verdict]').selectOption('retain');
    await fresh.locator('input[name=note]').fill('部门说明该材料为办事必需');
    await fresh.locator('button').click();
    expect(await page.locator('.msg.ok').first().textContent()).toContain('已改判');
    const after = await api('GET', `/api/batches/${BATCH}/materials/${id}`, tokens.reviewer);
    expect(after.body.decision).toMatchObject({
      status: 'overridden',
      verdict: 'retain',
      note: '部门说明该材料为办事必需',
    });
    expect(after.body.version).toBe(unchanged.body.version + 1);
    const audit = await api('GET', `/api/audit?batchId=${BATCH}&action=decision.review`, tokens.reviewer);
    expect(audit.status).toBe(200);
    await shoot(page, '10-review-overridden');

    await page.goto(`${server.url}/operator/batches/${BATCH}`);
    await checkAccessibility(page);
    const bars = page.locator('svg#category-chart g.bar');
    expect(await bars.count()).toBe(7);
    // The figures of the table and chart are those of the current list (after the override).
    const records = await api(
      'GET',
      `/api/batches/${BATCH}/materials?verdict=cancel&pageSize=1`,
      tokens.reviewer,
    );
    const footer = await page.locator('#stats tfoot td').allInnerTexts();
    expect(Number(footer[2])).toBe(records.body.total);
    const barValues = (await bars.locator('text.value').allTextContents()).map(Number);
    expect(barValues.reduce((a, b) => a + b, 0)).toBe(records.body.total);
    await shoot(page, '11-batch-stage');
    await page
      .locator('section[aria-labelledby=stats-title]')
      .screenshot({ path: join(ARTIFACTS, '12-statistics-chart-desktop.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page
      .locator('section[aria-labelledby=stats-title]')
      .screenshot({ path: join(ARTIFACTS, '12-statistics-chart-mobile.png') });
    await context.close();
  });
});
