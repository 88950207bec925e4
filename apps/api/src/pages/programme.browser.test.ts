import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProgrammeFigures } from '@jianzheng/core';
import { createSqliteStore } from '@jianzheng/store-sqlite';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server';
import { form, MARKET_ROWS, POLICE_ROWS, tokenIn, workbook } from '../test-support/harness';
import { launchChromium, operatorPage, requireBrowser } from './browser-check';

// The operators' home in a real browser: the programme's units with 应报送/已报送, their figures
// as the API counts them, the totals and the round's target line (domain.md §16).
const CHROMIUM = '/usr/bin/chromium';
const READY = requireBrowser(CHROMIUM);
const ARTIFACTS = fileURLToPath(new URL('../../../../test-artifacts/programme/', import.meta.url));
const POLICE = '市公安局';
const MARKET = '市市场监督管理局';
const HRSS = '市人力资源和社会保障局';
const EDUCATION = '市教育局';

let dir: string;
let server: RunningServer;
let browser: Browser;
const tokens: Record<string, string> = {};

async function call(role: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${tokens[role]}`,
      ...(body && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: body instanceof FormData ? body : JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe.skipIf(!READY)('the programme on the operators’ home, in a real browser', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'jz-programme-'));
    const dbPath = join(dir, 'jianzheng.db');
    tokens.admin = await tokenIn(dbPath, 'admin', { label: '市编办' });
    tokens.reviewer = await tokenIn(dbPath, 'reviewer', { label: '审核组' });
    server = await startServer({
      store: createSqliteStore({ filename: dbPath }),
      port: 0,
      config: { jurisdiction: { code: '341300', name: '宿州市', level: 'city' } },
      log: () => {},
    });
    browser = await launchChromium(CHROMIUM);
    for (const [id, title, departments] of [
      ['b1', '第一批', [POLICE, MARKET]],
      ['b2', '第二批', [HRSS, EDUCATION]],
    ] as const)
      expect((await call('admin', 'POST', '/api/batches', { id, title, departments })).status).toBe(201);
    const imported = await call(
      'admin',
      'POST',
      '/api/batches/b1/imports',
      form(
        { name: '公安局.xlsx', bytes: await workbook(POLICE, POLICE_ROWS) },
        { name: '市场监管局.xlsx', bytes: await workbook(MARKET, MARKET_ROWS) },
      ),
    );
    expect(imported.status).toBe(200);
    const created = await call('admin', 'POST', '/api/programmes', {
      id: 'suzhou-2018',
      title: '宿州市减证便民专项清理',
      units: [
        { name: POLICE, batch: 'b1' },
        { name: MARKET, batch: 'b1' },
        { name: HRSS, batch: 'b2' },
        { name: EDUCATION, batch: 'b2' },
      ],
      batches: [
        { id: 'b1', title: '第一批' },
        { id: 'b2', title: '第二批' },
      ],
      rounds: [
        {
          id: 'r1',
          title: '2018年清理',
          baseline: { materials: 10, date: '2018-02-01' },
          targetRate: 60,
          recordedCancelled: 4,
        },
      ],
    });
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows every unit with its state and the figures the API gives, the totals and the target line', async () => {
    const api = await call('reviewer', 'GET', '/api/programmes/suzhou-2018');
    expect(api.status).toBe(200);
    const figures = api.body.figures as ProgrammeFigures;
    expect(figures.totals.submitted).toBe(2);

    const page = await operatorPage(browser, server.url, tokens.reviewer!, false);
    await page.goto(`${server.url}/operator`);
    const section = page.locator('#programme-suzhou-2018');
    await section.waitFor();
    const rows = section.locator('table.programme-units tbody tr');
    expect(await rows.count()).toBe(4);
    for (const [i, unit] of figures.units.entries()) {
      const cells = await rows.nth(i).locator('th, td').allInnerTexts();
      expect(cells.slice(0, 3)).toEqual([
        unit.name,
        unit.state === 'submitted' ? '已报送' : '应报送',
        unit.batchTitle,
      ]);
      expect(cells[4]).toBe(unit.materials.toLocaleString('en-US'));
      expect(cells[5]).toBe(unit.proposed.toLocaleString('en-US'));
      expect(cells[7]).toBe('—');
    }
    expect(await rows.nth(2).getAttribute('data-state')).toBe('due');
    const t = figures.totals;
    expect(await section.locator('.programme-totals').innerText()).toContain(
      `应报送单位 4 个，已报送 2 个；申请材料 ${t.materials} 项，拟取消 ${t.proposed} 项，占比 ${t.proposedRate.toFixed(1)}%。尚无已公布的批次。`,
    );
    // 4 of 10 recorded: 40.00 % against 60 %, two short; the target line sits at 60 % of the bar.
    const round = section.locator('.round');
    expect(await round.getAttribute('data-met')).toBe('no');
    expect(await round.locator('p').innerText()).toBe(
      '2018年清理：基数 10 项（2018-02-01），累计减少 4 项，占 40.00%，目标 60%，未达标，尚差 2 项',
    );
    expect(await round.locator('line.target').getAttribute('x1')).toBe('240');
    await page.screenshot({ path: join(ARTIFACTS, 'operator-home-programme.png'), fullPage: true });

    await page.goto(`${server.url}/operator?lang=en`);
    expect(await page.locator('#programme-suzhou-2018 .programme-totals').innerText()).toContain(
      '2 of 4 units submitted',
    );
  });

  it('refuses a programme write to a reviewer, and one naming a batch that does not exist', async () => {
    const refused = await call('reviewer', 'POST', '/api/programmes', {
      id: 'x',
      title: 'x',
      units: [{ name: POLICE }],
    });
    expect(refused.status).toBe(403);
    const unknown = await call('admin', 'POST', '/api/programmes', {
      id: 'x',
      title: '专项',
      units: [{ name: POLICE, batch: 'b9' }],
      batches: [{ id: 'b9', title: '第九批' }],
    });
    expect(unknown.status).toBe(409);
    expect(unknown.body.detail).toBe('专项清理所列批次“b9”不存在，请先创建该批次');
  });
});
