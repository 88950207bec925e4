import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, harness, publishedBatch } from '../test-support/harness';
import { launchChromium, requireBrowser } from './browser-check';

// The public 告知承诺书 page as Debian's Chromium renders it: every element of domain.md §11 is
// visible on screen and stays on paper (print media), the site chrome does not.
const CHROMIUM = '/usr/bin/chromium';
const BROWSER_READY = requireBrowser(CHROMIUM);

let h: Harness;
let browser: Browser;
let html: string;

beforeAll(async () => {
  if (!BROWSER_READY) return;
  h = await harness();
  await publishedBatch(h);
  const [letter] = (await h.call('anonymous', 'GET', '/api/batches/b1/publications/1/letters')).body;
  html = await (await h.app.request(letter.links.page)).text();
  browser = await launchChromium(CHROMIUM);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe.runIf(BROWSER_READY)('the commitment letter page in Chromium', () => {
  it('shows every element of the letter, on screen and in print', async () => {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    for (const media of ['screen', 'print'] as const) {
      await page.emulateMedia({ media });
      const letter = page.locator('article.letter');
      expect(await letter.isVisible(), media).toBe(true);
      const text = await letter.innerText();
      for (const element of [
        '证明事项告知承诺书',
        '证明义务（设定依据）',
        '依据',
        '本单位承诺：对申报的经营场所拥有合法使用权。',
        '承诺方式：',
        '核查时间：',
        '核查方式：比对市场主体登记信息，并实地核查经营场所',
        '数据来源：市场主体登记信息',
        '配合核查：',
        '终止办理',
        '责令限期整改',
        '撤销已作出的行政决定',
        '行政处罚',
        '记入申请人信用记录',
        '可以选择提交有关证明',
        '信用修复前不适用告知承诺',
        '申请人（签字或盖章）：',
        '告知机关（盖章）：市市场监督管理局',
      ])
        expect(text, `${media}: ${element}`).toContain(element);
      expect(await letter.locator('.sign').count()).toBe(2);
      expect(await letter.locator('tbody tr').count()).toBe(1);
    }
    // On paper the site's header and the tools are hidden; only the letter prints.
    expect(await page.locator('.no-print').first().isVisible()).toBe(false);
    await page.close();
  });
});
