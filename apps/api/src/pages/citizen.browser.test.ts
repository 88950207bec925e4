import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSqliteStore } from '@jianzheng/store-sqlite';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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

// The public pages as a citizen on a phone meets them (375 px, Chromium), and as an older reader
// with 大字版: readable type, 44 px targets, forms that keep what was typed, compressed pages, and
// axe-core (from the registry) finding nothing serious on any public page or the operator batch page.
const CHROMIUM = '/usr/bin/chromium';

// What the callbacks passed to page.evaluate use of the page's DOM: they run in the browser, and
// the project's types are Node's (a `lib: dom` reference would change Blob and fetch types everywhere).
interface PageElement {
  getBoundingClientRect(): { width: number; height: number };
  textContent: string | null;
  tagName: string;
  id: string;
  closest(selector: string): PageElement | null;
}
declare const document: {
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
  body: unknown;
  documentElement: PageElement;
  activeElement: PageElement | null;
  createTreeWalker(
    root: unknown,
    what: number,
  ): { nextNode(): { textContent: string | null; parentElement: PageElement | null } | null };
};
declare function getComputedStyle(element: PageElement): {
  visibility: string;
  display: string;
  fontSize: string;
};
declare const NodeFilter: { SHOW_TEXT: number };
declare const window: {
  axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> };
};
const ARTIFACTS = fileURLToPath(new URL('../../../../test-artifacts/citizen/', import.meta.url));
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const BATCH = 'pub-1';
const PHONE = { width: 375, height: 740 };

let dir: string;
let server: RunningServer;
let browser: Browser;
let itemPath = '';
const tokens: Record<string, string> = {};

const api = serverRequests(() => server.url);

/** Visible controls smaller than 44 px in height, and visible text under 16 px, on the page now. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const visible = (el: PageElement) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    const controls = [
      ...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary'),
    ]
      .filter((el) => visible(el) && !el.closest('.skip'))
      .map((el) => ({
        what: `${el.tagName} ${el.textContent?.trim().slice(0, 20)}`,
        h: el.getBoundingClientRect().height,
      }));
    const small: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || !visible(el) || el.closest('.skip')) continue;
      const size = Number.parseFloat(getComputedStyle(el).fontSize);
      if (size < 16) small.push(`${size}px ${n.textContent.trim().slice(0, 20)}`);
    }
    return { tooShort: controls.filter((c) => c.h < 44), controls: controls.length, small };
  });
}

async function axe(page: Page) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    const run = await window.axe.run(document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
    });
    return (run.violations as Array<{ id: string; impact: string; nodes: unknown[] }>).map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.length,
    }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe.skipIf(!requireBrowser(CHROMIUM))('the citizen pages on a phone and for older readers', () => {
  let phone: BrowserContext;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'jz-citizen-'));
    const dbPath = join(dir, 'jianzheng.db');
    for (const [name, role] of [
      ['admin', 'admin'],
      ['legal', 'legal'],
    ] as const)
      tokens[name] = await tokenIn(dbPath, role, { department: null, label: name });
    server = await startServer({
      store: createSqliteStore({ filename: dbPath }),
      port: 0,
      config: { jurisdiction: { code: '341300', name: '宿州市', level: 'city' } },
      now: () => new Date('2026-11-27T02:00:00Z'),
      log: () => {},
    });
    browser = await launchChromium(CHROMIUM);
    // Every request of the walk as the role's token would send it to the running server.
    const walk: WalkCall = (who, method, path, body) => api(method, path, tokens[who]!, body);
    await createAndImport(walk, BATCH);
    await publishThrough(walk, BATCH, PUBLISH_STEPS_2026);
    const letters = await api('GET', `/api/public/search?q=${encodeURIComponent('营业执照')}`, null);
    itemPath = `/items/${BATCH}/${letters.body.items[0].slug}`;
    phone = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', javaScriptEnabled: false });
  });

  afterAll(async () => {
    await phone?.close();
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('home, search and item pages: every control at least 44 px, no text under 16 px, sent compressed', async () => {
    const page = await phone.newPage();
    for (const path of ['/', `/?q=${encodeURIComponent('营业执照')}`, itemPath]) {
      const response = await page.goto(`${server.url}${path}`);
      expect(['br', 'gzip']).toContain((await response?.allHeaders())?.['content-encoding']);
      // Open every department so its item links are measured too.
      const closed = page.locator('details:not([open]) > summary');
      while ((await closed.count()) > 0) await closed.first().click();
      const { tooShort, controls, small } = await measure(page);
      expect(controls).toBeGreaterThan(3);
      expect(tooShort, path).toEqual([]);
      expect(small, path).toEqual([]);
      await page.screenshot({
        path: join(
          ARTIFACTS,
          `phone-${path === '/' ? 'home' : path.startsWith('/?') ? 'search' : 'item'}.png`,
        ),
        fullPage: true,
      });
    }
  });

  it('大字版: a link on every public page that sets 20 px type, remembered without script', async () => {
    const page = await phone.newPage();
    await page.goto(`${server.url}${itemPath}`);
    const rootSize = () =>
      page.evaluate(() => Number.parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(await rootSize()).toBe(16);
    await page.locator('a.display-switch').click();
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe(itemPath);
    expect(await rootSize()).toBe(20);
    expect(await page.locator('a.display-switch').textContent()).toBe('标准版');
    await page.goto(`${server.url}/`);
    expect(await rootSize()).toBe(20);
    const { small } = await measure(page);
    expect(small.filter((s) => Number.parseFloat(s) < 20)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'large-home.png') });
    await page.locator('a.display-switch').click();
    await page.waitForLoadState();
    expect(await rootSize()).toBe(16);
  });

  it('a refused 督查 report comes back with what was typed, the field marked and tied to its message', async () => {
    const page = await phone.newPage();
    await page.goto(`${server.url}${itemPath}`);
    const report = page.locator('#report form');
    const options = await report.locator('#case-material option').all();
    const chosen = (await options.at(-1)?.getAttribute('value')) ?? '';
    await report.locator('#case-material').selectOption(chosen);
    await report.locator('#case-place').fill('   ');
    await report.locator('#case-date').fill('2026-11-26');
    await report.locator('#case-description').fill('窗口仍要求提交，已取消的材料');
    await report.locator('#case-contact').fill('13800000000');
    await report.locator('button[type=submit]').click();
    await page.waitForLoadState();
    const again = page.locator('#report form');
    expect(await again.locator('#case-material').inputValue()).toBe(chosen);
    expect(await again.locator('#case-date').inputValue()).toBe('2026-11-26');
    expect(await again.locator('#case-description').inputValue()).toBe('窗口仍要求提交，已取消的材料');
    expect(await again.locator('#case-contact').inputValue()).toBe('13800000000');
    const place = again.locator('#case-place');
    expect(await place.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await place.getAttribute('aria-describedby')) ?? '';
    const message = (await page.locator(`#${describedBy}`).textContent()) ?? '';
    expect(message).toMatch(/窗口|大厅/);
    expect(await page.locator('#report-message').textContent()).not.toContain('body.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('case-place');
    await page.screenshot({ path: join(ARTIFACTS, 'refused-report.png'), fullPage: true });
  });

  it('axe-core finds no serious or critical violation on the public pages and the operator batch page', async () => {
    // axe runs as a script in the page: this context allows it (the pages themselves have none).
    const scripted = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', bypassCSP: true });
    const page = await scripted.newPage();
    for (const path of ['/', `/?q=${encodeURIComponent('营业执照')}`, itemPath, '/cases']) {
      await page.goto(`${server.url}${path}`);
      expect(await axe(page), path).toEqual([]);
    }
    const desk = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: 'zh-CN',
      bypassCSP: true,
    });
    const operator = await desk.newPage();
    await operator.goto(`${server.url}/operator`);
    await operator.locator('#token').fill(tokens.admin!);
    await operator.locator('form[action="/operator/login"] button').click();
    await operator.waitForLoadState();
    await operator.goto(`${server.url}/operator/batches/${BATCH}`);
    expect(await axe(operator)).toEqual([]);
    await desk.close();
    await scripted.close();
  });
});
