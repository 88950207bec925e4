import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSqliteStore } from '@jianzheng/store-sqlite';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server';
import { form, tokenIn, workbook } from '../test-support/harness';
import { launchChromium, operatorPage, requireBrowser } from './browser-check';

// The legal office (司法局) in a real browser: its queue lists the material whose 设定依据 the
// engine could not place, the office settles it with a level and a reason, and the legal review
// it could not pass before then passes (domain.md §14).
const CHROMIUM = '/usr/bin/chromium';
const READY = requireBrowser(CHROMIUM);
const ARTIFACTS = fileURLToPath(new URL('../../../../test-artifacts/legal-queue/', import.meta.url));
const POLICE = '市公安局';

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

describe.skipIf(!READY)('the legal office’s queue in a real browser', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'jz-legal-'));
    const dbPath = join(dir, 'jianzheng.db');
    tokens.admin = await tokenIn(dbPath, 'admin', { label: '数据资源局' });
    tokens.legal = await tokenIn(dbPath, 'legal', { label: '市司法局 法制科' });
    server = await startServer({
      store: createSqliteStore({ filename: dbPath }),
      port: 0,
      config: { jurisdiction: { code: '341300', name: '宿州市', level: 'city', documentPrefixes: ['宿政'] } },
      log: () => {},
    });
    browser = await launchChromium(CHROMIUM);
    expect(
      (await call('admin', 'POST', '/api/batches', { id: 'b1', title: '第一批', departments: [POLICE] }))
        .status,
    ).toBe(201);
    const bytes = await workbook(POLICE, [
      { item: '户口迁移', material: '迁移申请书', legalBasis: '《中华人民共和国户口登记条例》第十条' },
      { item: '户口迁移', material: '窗口服务证明', legalBasis: '《窗口服务工作规程》第三条' },
      {
        item: '机动车登记',
        material: '机动车登记申请表',
        legalBasis: '《机动车登记规定》（公安部令第124号）第五条',
      },
    ]);
    expect(
      (await call('admin', 'POST', '/api/batches/b1/imports', form({ name: '公安局.xlsx', bytes }))).status,
    ).toBe(200);
    for (const step of [
      { action: 'submit' },
      { action: 'confirm', signer: '张三', signedAt: '2018-08-20' },
      { action: 'open-comment', start: '2018-08-21', end: '2018-08-28', channel: '政府网站' },
    ])
      expect((await call('admin', 'POST', '/api/batches/b1/transitions', step)).status).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the office sees the queued material first, settles its level, and the review then passes', async () => {
    const pass = { action: 'legal-review', result: 'passed', notes: '未发现违法设定' };
    const refused = await call('legal', 'POST', '/api/batches/b1/transitions', pass);
    expect(refused.status).toBe(409);

    const legal = await operatorPage(browser, server.url, tokens.legal!);
    await legal.goto(`${server.url}/operator/batches/b1`);
    await legal.click('nav.tabs a:text("合法性审查")');
    await legal.waitForURL(/\/legal/);
    const cards = legal.locator('main article[data-pending]');
    expect(await cards.count()).toBe(1);
    const card = cards.first();
    expect(await card.locator('h3').textContent()).toContain('窗口服务证明');
    expect(await card.locator('q').textContent()).toBe('《窗口服务工作规程》第三条');
    await legal.screenshot({ path: join(ARTIFACTS, 'queue.png'), fullPage: true });

    await card.locator('select[name=level]').selectOption({ label: '规范性文件' });
    await card.locator('select[name=issuedBy]').selectOption('own');
    await card.locator('input[name=reason]').fill('市政务服务中心内部工作规程，本级制定，不能设定证明');
    await card.locator('button[type=submit]').click();
    await legal.waitForURL(/\/legal/);
    expect(await legal.locator('.msg.ok').first().textContent()).toContain(
      '已认定：窗口服务证明（规范性文件）',
    );
    expect(await legal.locator('main article[data-pending]').count()).toBe(0);
    expect(await legal.locator('#legal-pending').textContent()).toContain('没有待认定的材料');
    await legal.screenshot({ path: join(ARTIFACTS, 'settled.png'), fullPage: true });

    const materials = (await call('admin', 'GET', '/api/batches/b1/materials')).body as {
      items: Array<{ material: { name: string }; decision: { verdict: string; category: string | null } }>;
    };
    const settled = materials.items.find((m) => m.material.name === '窗口服务证明')!;
    expect(settled.decision).toMatchObject({ verdict: 'cancel', category: 'no-legal-basis' });
    const audit = await call('admin', 'GET', '/api/audit?batchId=b1&action=decision.legal-resolve');
    expect((audit.body.items as unknown[]).length).toBe(1);
    const passed = await call('legal', 'POST', '/api/batches/b1/transitions', pass);
    expect(passed.status, JSON.stringify(passed.body)).toBe(200);
  });

  it('the overview counts materials by legal level, and 建议上级取消 lists the ministry’s rule with an Excel download', async () => {
    const legal = await operatorPage(browser, server.url, tokens.legal!);
    await legal.goto(`${server.url}/operator/batches/b1`);
    const levels = legal.locator('#legal-levels');
    // 户口登记条例 is a 法律 (NPC Standing Committee, 1958); the settled one a 规范性文件.
    expect(await levels.locator('th[scope=row]').allTextContents()).toEqual([
      '法律',
      '部门规章',
      '规范性文件',
    ]);
    await legal.click('nav.tabs a:text("建议上级取消")');
    await legal.waitForURL(/\/referrals/);
    const group = legal.locator('section[data-issuer="公安部"]');
    expect(await group.locator('tbody tr').count()).toBe(1);
    expect(await group.locator('tbody tr td').allTextContents()).toEqual(
      expect.arrayContaining(['机动车登记申请表', '第五条', '部门规章']),
    );
    await legal.screenshot({ path: join(ARTIFACTS, 'referrals.png'), fullPage: true });
    const [download] = await Promise.all([legal.waitForEvent('download'), legal.click('#referrals-xlsx')]);
    expect(download.suggestedFilename()).toMatch(/建议上级取消\.xlsx$/);
  });
});
