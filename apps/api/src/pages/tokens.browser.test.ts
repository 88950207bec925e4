import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '@jianzheng/store-sqlite';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server';
import { tokenIn } from '../test-support/harness';
import { launchChromium, requireBrowser } from './browser-check';

// Finding 5 in the operator pages: an admin sees every token (never its secret) and revokes one
// with a form that carries the page's CSRF token; other roles do not get the page.
const CHROMIUM = '/usr/bin/chromium';
const BROWSER_READY = requireBrowser(CHROMIUM);

let dir: string;
let server: RunningServer;
let browser: Browser;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  if (!BROWSER_READY) return;
  dir = mkdtempSync(join(tmpdir(), 'jz-tokens-browser-'));
  const dbPath = join(dir, 'jianzheng.db');
  tokens.admin = await tokenIn(dbPath, 'admin', { label: '数据资源局' });
  tokens.reviewer = await tokenIn(dbPath, 'reviewer', { label: '审核组张三' });
  tokens.police = await tokenIn(dbPath, 'department', { department: '市公安局', label: '公安局李四' });
  server = await startServer({ store: createSqliteStore({ filename: dbPath }), port: 0, log: () => {} });
  browser = await launchChromium(CHROMIUM);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function loggedIn(token: string) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/operator`);
  await page.fill('#token', token);
  await page.click('button[type=submit]');
  return { context, page };
}

describe.skipIf(!BROWSER_READY)('operator tokens page (finding 5)', () => {
  it('lists tokens without their secrets; an admin revokes one, and it stops working', async () => {
    const { context, page } = await loggedIn(tokens.admin!);
    await page.goto(`${server.url}/operator/tokens`);
    const html = await page.content();
    for (const secret of Object.values(tokens)) expect(html).not.toContain(secret);
    const rows = page.locator('#tokens tbody tr');
    expect(await rows.count()).toBe(3);
    const row = page.locator('#tokens tbody tr', { hasText: '审核组张三' });
    const id = await row.getAttribute('data-token');
    // The revoke form carries the page's CSRF token (added on the way out).
    expect(await row.locator('input[name="_csrf"]').count()).toBe(1);

    const before = await fetch(`${server.url}/api/me`, {
      headers: { authorization: `Bearer ${tokens.reviewer}` },
    });
    expect(before.status).toBe(200);
    await row.locator('button[type=submit]').click();
    await page.waitForURL(/\/operator\/tokens/);
    expect(await page.locator('[role=status], .msg.ok').first().textContent()).toContain(id!);
    expect(await page.locator('#tokens tbody tr', { hasText: '审核组张三' }).count()).toBe(0);
    const after = await fetch(`${server.url}/api/me`, {
      headers: { authorization: `Bearer ${tokens.reviewer}` },
    });
    expect(after.status).toBe(401);
    await context.close();
  });

  it('refuses a revoke without the form token, and hides the page from other roles', async () => {
    const { context } = await loggedIn(tokens.admin!);
    const cookies = await context.cookies();
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const list = await fetch(`${server.url}/api/tokens`, {
      headers: { authorization: `Bearer ${tokens.admin}` },
    });
    const police = ((await list.json()) as Array<{ id: string; label: string }>).find(
      (t) => t.label === '公安局李四',
    )!;
    const forged = await fetch(`${server.url}/operator/tokens/${police.id}/revoke`, {
      method: 'POST',
      headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    });
    expect(forged.status).toBe(403);
    const still = await fetch(`${server.url}/api/me`, {
      headers: { authorization: `Bearer ${tokens.police}` },
    });
    expect(still.status).toBe(200);
    await context.close();

    const other = await loggedIn(tokens.police!);
    const res = await other.page.goto(`${server.url}/operator/tokens`);
    expect(res?.status()).toBe(404);
    expect(await other.page.content()).not.toContain('数据资源局');
    await other.context.close();
  });
});
