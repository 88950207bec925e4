import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

/**
 * Whether the browser tests can run. In CI (`CI=true`) a missing Chromium is an error, so a
 * skipped browser suite cannot pass unnoticed; elsewhere the suite is skipped with the reason
 * printed.
 */
export function requireBrowser(executable: string): boolean {
  if (existsSync(executable)) return true;
  const reason = `Chromium not found at ${executable} (Debian: apt-get install -y chromium fonts-wqy-microhei)`;
  if (process.env.CI === 'true') throw new Error(`CI=true: the browser tests cannot be skipped — ${reason}`);
  console.warn(`skipping the browser tests: ${reason}`);
  return false;
}

/** Debian's Chromium as the browser tests drive it (stack notes: no sandbox, no network extras). */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A new browser context signed in on the operator pages with a token, as a person does it. */
export async function operatorPage(
  browser: Browser,
  baseUrl: string,
  token: string,
  javaScriptEnabled = false,
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/operator`);
  await page.fill('#token', token);
  await page.click('button[type=submit]');
  await page.locator('#whoami').waitFor();
  return page;
}
