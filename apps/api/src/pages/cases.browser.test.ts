import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSqliteStore } from '@jianzheng/store-sqlite';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server';
import {
  createAndImport,
  PUBLISH_STEPS_2026,
  publishThrough,
  serverRequests,
  tokenIn,
  type WalkCall,
} from '../test-support/harness';
import { launchChromium, requireBrowser } from './browser-check';

// A citizen reports a window that still demands a cancelled material, the department answers,
// a reviewer closes; a second report goes overdue when the injected clock passes its deadline.
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../../../test-artifacts/cases/', import.meta.url));
const BATCH = 'sup-1';
const DAY = 86_400_000;

let clock = new Date('2026-11-27T02:00:00Z'); // a Friday, 10:00 北京时间
let dir: string;
let server: RunningServer;
let browser: Browser;
const tokens: Record<string, string> = {};

const api = serverRequests(() => server.url);

async function signIn(page: Page, token: string) {
  await page.goto(`${server.url}/operator`);
  await page.locator('#token').fill(token);
  await page.locator('form[action="/operator/login"] button').click();
  await page.waitForLoadState();
}

async function report(page: Page, itemPath: string, place: string) {
  await page.goto(`${server.url}${itemPath}`);
  const form = page.locator('#report form');
  await form.locator('#case-material').selectOption({ label: '经营场所证明' });
  await form.locator('#case-place').fill(place);
  await form.locator('#case-date').fill('2026-11-26');
  await form.locator('#case-description').fill('窗口工作人员仍要求提交经营场所证明，否则不予受理');
  await form.locator('#case-contact').fill('13800000000');
  await form.locator('button[type=submit]').click();
  await page.waitForLoadState();
  return (await page.locator('#case-number').textContent())?.trim() ?? '';
}

describe.skipIf(!requireBrowser(CHROMIUM))('supervision cases in a real browser', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'jz-cases-'));
    const dbPath = join(dir, 'jianzheng.db');
    for (const [name, role, department] of [
      ['admin', 'admin', null],
      ['reviewer', 'reviewer', null],
      ['legal', 'legal', null],
      ['market', 'department', '市市场监督管理局'],
      ['police', 'department', '市公安局'],
    ] as const)
      tokens[name] = await tokenIn(dbPath, role, { department, label: name });
    server = await startServer({
      store: createSqliteStore({ filename: dbPath }),
      port: 0,
      config: { jurisdiction: { code: '341300', name: '宿州市', level: 'city' } },
      now: () => clock,
      log: () => {},
    });
    browser = await launchChromium(CHROMIUM);
    // Every request of the walk as the role's token would send it to the running server.
    const walk: WalkCall = (who, method, path, body) => api(method, path, tokens[who]!, body);
    await createAndImport(walk, BATCH);
    await publishThrough(walk, BATCH, PUBLISH_STEPS_2026);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('takes a report, the department answers, a reviewer closes, another goes overdue; statistics count them', async () => {
    const letters = await api('GET', `/api/batches/${BATCH}/publications/1/letters`, null);
    const slug = letters.body[0].item.slug as string;
    const itemPath = `/items/${BATCH}/${slug}`;

    // The citizen, without JavaScript.
    const citizen = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    const page = await citizen.newPage();
    await page.goto(`${server.url}${itemPath}`);
    expect(await page.locator('#report-title').textContent()).toBe('仍被要求提交？');
    // Only cancelled materials can be reported.
    const options = await page.locator('#case-material option').allTextContents();
    expect(options.sort()).toEqual(['经营场所证明', '营业执照'].sort());
    const first = await report(page, itemPath, '市民中心 3 号窗口');
    expect(first).toMatch(/^DC2026\d{6}$/);
    expect(await page.locator('#case-state').textContent()).toBe('已转交部门办理');
    expect(await page.locator('.msg.ok').textContent()).toContain(first);
    expect(await page.content()).not.toContain('13800000000');
    await page.screenshot({ path: join(ARTIFACTS, '01-case-received.png') });

    // Another department neither sees nor answers it.
    expect((await api('GET', '/api/cases', tokens.police!)).body).toEqual([]);
    const wrong = await api('POST', `/api/cases/${first}/answer`, tokens.police!, {
      outcome: 'rectified',
      note: 'x',
    });
    expect(wrong.status).toBe(403);
    // Through the API: “not applicable” needs its reason, and an unanswered case cannot be closed.
    const bare = await api('POST', `/api/cases/${first}/answer`, tokens.market!, {
      outcome: 'not-applicable',
    });
    expect(bare.status).toBe(400);
    expect(JSON.stringify(bare.body)).toContain('须说明理由');
    const early = await api('POST', `/api/cases/${first}/close`, tokens.reviewer!, {});
    expect(early.status, JSON.stringify(early.body)).toBe(409);

    // The department answers on its page, a day later.
    clock = new Date(clock.getTime() + DAY);
    const department = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    const deptPage = await department.newPage();
    await signIn(deptPage, tokens.market!);
    await deptPage.goto(`${server.url}/operator/cases`);
    const card = deptPage.locator(`#case-${first}`);
    expect(await card.textContent()).toContain('13800000000'); // operators may call back
    await card.locator('input[value=rectified]').check();
    await card.locator('textarea[name=note]').fill('已约谈窗口负责人，停止索要');
    await card.locator('button[type=submit]').click();
    await deptPage.waitForLoadState();
    expect(await deptPage.locator(`#case-${first} .case-state`).textContent()).toBe('部门已答复');

    // The reviewer closes it.
    const reviewer = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    const revPage = await reviewer.newPage();
    await signIn(revPage, tokens.reviewer!);
    await revPage.goto(`${server.url}/operator/cases`);
    await revPage.locator(`#case-${first} button[type=submit]`).click();
    await revPage.waitForLoadState();
    expect(await revPage.locator(`#case-${first} .case-state`).textContent()).toBe('已办结');

    // A second report nobody answers: ten days later it is overdue.
    const second = await report(page, itemPath, '城东分中心 1 号窗口');
    clock = new Date(clock.getTime() + 10 * DAY);
    await page.goto(`${server.url}/cases/${second}`);
    expect(await page.locator('#case-state').textContent()).toBe('已超期');
    await page.goto(`${server.url}/cases/${first}`);
    expect(await page.locator('#case-state').textContent()).toBe('已办结');

    // Login sessions expire on the service's clock too: sign in again after the jump.
    await signIn(revPage, tokens.reviewer!);
    await revPage.goto(`${server.url}/operator/cases?state=overdue`);
    expect(await revPage.locator('main article').count()).toBe(1);
    expect(await revPage.locator(`#case-${second} .case-state`).textContent()).toBe('已超期');
    const row = revPage.locator('#case-statistics tbody tr', { hasText: '市市场监督管理局' });
    const figures = (await row.locator('td').allTextContents()).map((t) => t.trim());
    // reports, rectified, not applicable, overdue, open, closed, median days to answer
    expect(figures).toEqual(['2', '1', '0', '1', '1', '1', '1']);
    await revPage.screenshot({ path: join(ARTIFACTS, '02-operator-cases.png'), fullPage: true });

    // Every step is in the audit log.
    const audit = await api('GET', `/api/audit?batchId=${BATCH}&pageSize=200`, tokens.reviewer!);
    const actions = audit.body.items
      .map((e: { action: string }) => e.action)
      .filter((a: string) => a.startsWith('case.'));
    expect(actions).toEqual([
      'case.create',
      'case.assign',
      'case.answer',
      'case.close',
      'case.create',
      'case.assign',
    ]);
    expect(JSON.stringify(audit.body)).not.toContain('13800000000');
    for (const context of [citizen, department, reviewer]) await context.close();
  });
});
