import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSqliteStore } from '@jianzheng/store-sqlite';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server';
import { MARKET_ROWS, POLICE_ROWS, tokenIn, workbook } from '../test-support/harness';
import { launchChromium, operatorPage, requireBrowser } from './browser-check';

// The operator's side in a real browser: what a refused step says, where the batch stands after
// each step, that a settled decision is not offered again, that people's words find materials,
// and that no page shows a raw stage, action or audit-event id in either language.
const CHROMIUM = '/usr/bin/chromium';
const READY = requireBrowser(CHROMIUM);
const ARTIFACTS = fileURLToPath(new URL('../../../../test-artifacts/operator/', import.meta.url));
const POLICE = '市公安局';
const MARKET = '市市场监督管理局';
const HRSS = '市人力资源和社会保障局';

// A machine id in what a person reads: close-comment, engine-cancels, session.create, transition.submit.
const RAW_ID =
  /\b[a-z]+(?:-[a-z]+)+\b|\b(?:batch|import|decision|material|adjustment|publication|comment|token|session|case|transition)\.[a-z]+(?:-[a-z]+)*\b/g;
// English words that look like ids but are words (and what a page may show on purpose).
const WORDS = new Set(['e-mail', 'cleaned-up']);

let dir: string;
let server: RunningServer;
let browser: Browser;
const tokens: Record<string, string> = {};

const as = (role: string, javaScriptEnabled = false) =>
  operatorPage(browser, server.url, tokens[role]!, javaScriptEnabled);

/** Ids a person would read on this page: the header, the main part, buttons and option labels. */
async function rawIds(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return [...text.matchAll(RAW_ID)].map((m) => m[0]).filter((word) => !WORDS.has(word));
}

async function call(role: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${tokens[role]}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe.skipIf(!READY)('operator pages in a real browser', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'jz-operator-'));
    const dbPath = join(dir, 'jianzheng.db');
    tokens.admin = await tokenIn(dbPath, 'admin', { label: '数据资源局' });
    tokens.reviewer = await tokenIn(dbPath, 'reviewer', { label: '审核组' });
    tokens.police = await tokenIn(dbPath, 'department', { department: POLICE, label: '公安 赵' });
    server = await startServer({
      store: createSqliteStore({ filename: dbPath }),
      port: 0,
      config: { jurisdiction: { code: '341300', name: '宿州市', level: 'city' } },
      log: () => {},
    });
    browser = await launchChromium(CHROMIUM);
    expect(
      (
        await call('admin', 'POST', '/api/batches', {
          id: 'b1',
          title: '第一批',
          departments: [POLICE, MARKET, HRSS],
        })
      ).status,
    ).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a 公安局 clerk uploading another department’s workbook sees the refusal (with the upload script running)', async () => {
    const police = await as('police', true);
    const file = join(dir, '市场监管局.xlsx');
    writeFileSync(file, await workbook(MARKET, MARKET_ROWS));
    await police.goto(`${server.url}/operator/batches/b1/upload`);
    await police.setInputFiles('#files', file);
    await police.click('form[data-upload] button[type=submit]');
    await police.waitForSelector('.msg.error, form[action$="/upload/confirm"]');
    if ((await police.locator('form[action$="/upload/confirm"]').count()) > 0)
      await police.click('form[action$="/upload/confirm"] button');
    const error = police.locator('.msg.error').first();
    await error.waitFor();
    expect(await error.textContent()).toMatch(/部门令牌只能/);
    await police.screenshot({ path: join(ARTIFACTS, 'upload-refused.png'), fullPage: true });

    const own = join(dir, '公安局.xlsx');
    writeFileSync(own, await workbook(POLICE, POLICE_ROWS));
    await police.goto(`${server.url}/operator/batches/b1/upload`);
    await police.setInputFiles('#files', own);
    await police.click('form[data-upload] button[type=submit]');
    await police.click('form[action$="/upload/confirm"] button');
    expect(await police.locator('.msg.ok').first().textContent()).toContain('已导入');
  });

  it('a settled decision has no confirm button; an unsettled one has', async () => {
    const reviewer = await as('reviewer');
    const review = `${server.url}/operator/batches/b1/review?agreement=agree`;
    await reviewer.goto(review);
    const first = reviewer.locator('main article').first();
    const id = await first.getAttribute('id');
    expect(await first.locator('input[name=action][value=confirm]').count()).toBe(1);
    await first.locator('form:has(input[value=confirm]) input[name=note]').fill('一致，确认');
    await first.locator('form:has(input[value=confirm]) button').click();
    await reviewer.goto(review);
    const settled = reviewer.locator(`#${id}`);
    expect(await settled.count()).toBe(1);
    expect(await settled.locator('input[name=action][value=confirm]').count()).toBe(0);
    expect(await settled.locator('input[name=action][value=override]').count()).toBe(1);
    await reviewer.screenshot({ path: join(ARTIFACTS, 'review-settled.png'), fullPage: true });
  });

  it('after closing the comment period early the page says so and shows the next step, not the same form', async () => {
    for (const step of [
      { action: 'submit' },
      { action: 'confirm', signer: '张三', signedAt: '2018-08-20' },
      { action: 'open-comment', start: '2018-08-21', end: '2099-08-28', channel: '政府网站' },
    ])
      expect((await call('admin', 'POST', '/api/batches/b1/transitions', step)).status).toBe(200);
    const reviewer = await as('reviewer');
    await reviewer.goto(`${server.url}/operator/batches/b1`);
    const form = reviewer.locator('form[data-action="close-comment"]');
    await form.locator('[name=reason]').fill('意见已充分收集');
    await form.locator('button').click();
    expect(await reviewer.locator('.msg.ok').first().textContent()).toContain(
      '已完成：提前结束征求意见。当前阶段：公开征求意见（已提前结束）',
    );
    expect(await reviewer.locator('#stage').textContent()).toBe('公开征求意见（已提前结束）');
    expect(await reviewer.locator('#next-step').textContent()).toContain('记录合法性审查结论');
    expect(await reviewer.locator('form[data-action="close-comment"]').count()).toBe(0);
    await reviewer.screenshot({ path: join(ARTIFACTS, 'comment-closed.png'), fullPage: true });
  });

  it('the public search finds 社会保障卡 for 社保卡', async () => {
    const file = join(dir, '人社局.xlsx');
    writeFileSync(
      file,
      await workbook(HRSS, [
        { item: '失业登记', material: '社会保障卡（原件）' },
        { item: '失业登记', material: '失业登记表' },
      ]),
    );
    // The list is out for comment now (public): an adjustment draft is not needed to import, the
    // stage is public-comment, so the import goes through the API as the admin.
    const form = new FormData();
    form.append(
      'files',
      new File([await import('node:fs').then((fs) => fs.readFileSync(file))], '人社局.xlsx'),
    );
    const res = await fetch(`${server.url}/api/batches/b1/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.admin}` },
      body: form,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const citizen = await (await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' })).newPage();
    let found = '';
    // The public index follows a change within seconds.
    for (let i = 0; i < 20 && !found.includes('社会保障卡'); i++) {
      await citizen.goto(`${server.url}/?q=${encodeURIComponent('社保卡')}`);
      found = (await citizen.locator('main').textContent()) ?? '';
      if (!found.includes('社会保障卡')) await new Promise((r) => setTimeout(r, 500));
    }
    expect(found).toContain('社会保障卡');
    await citizen.screenshot({ path: join(ARTIFACTS, 'public-search-alias.png'), fullPage: true });
  });

  it('every operator page, in both languages, names stages, actions and events in words', async () => {
    const admin = await as('admin');
    const pages = [
      '/operator',
      '/operator/batches/b1',
      '/operator/batches/b1/review',
      '/operator/batches/b1/upload',
      '/operator/batches/b1/comments',
      '/operator/batches/b1/versions',
      '/operator/audit',
      '/operator/tokens',
      '/operator/compare',
      '/operator/cases',
    ];
    const police = await as('police');
    const found: string[] = [];
    for (const lang of ['zh', 'en'] as const) {
      for (const [who, page, paths] of [
        ['admin', admin, pages],
        ['police', police, ['/operator', '/operator/batches/b1/materials', '/operator/batches/b1/upload']],
      ] as const) {
        for (const path of paths) {
          await page.goto(
            `${server.url}${path}${lang === 'en' ? `${path.includes('?') ? '&' : '?'}lang=en` : ''}`,
          );
          for (const id of await rawIds(page)) found.push(`${lang} ${who} ${path}: ${id}`);
          const name = `${lang}-${who}${path.replaceAll('/', '-')}`;
          await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
        }
      }
    }
    expect(found).toEqual([]);
  });
});
