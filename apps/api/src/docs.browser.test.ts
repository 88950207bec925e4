import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '@jianzheng/store-sqlite';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, requireBrowser } from './pages/browser-check';
import { type RunningServer, startServer } from './server';

// An intranet without internet (most 政务内网): every request to anything but the app fails, and
// the API reference must still render from the app's own assets.
const CHROMIUM = '/usr/bin/chromium';

let dir: string;
let server: RunningServer;
let browser: Browser;

describe.skipIf(!requireBrowser(CHROMIUM))('/docs offline in a real browser', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jz-docs-'));
    server = await startServer({
      store: createSqliteStore({ filename: join(dir, 'jianzheng.db') }),
      port: 0,
      log: () => {},
    });
    browser = await launchChromium(CHROMIUM);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders the reference with every other origin blocked and no CSP violation', async () => {
    const page = await browser.newPage();
    const origin = new URL(server.url).origin;
    const blocked: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:'))
        return route.continue();
      blocked.push(url);
      return route.abort('internetdisconnected');
    });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/docs`);
    // Titles of operations come from /openapi.json: they appear only once the bundle has run.
    await page.getByText('创建批次 Create a batch').first().waitFor({ timeout: 30_000 });
    expect(await page.getByText('List batches').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    expect(violations).toEqual([]);
    // Nothing left this origin (the CSP would refuse it before the network in any case).
    expect(blocked).toEqual([]);
    await page.close();
  }, 60_000);
});
