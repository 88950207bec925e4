import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSqliteStore } from '@jianzheng/store-sqlite';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server';
import { tokenIn } from '../test-support/harness';
import { launchChromium, operatorPage, requireBrowser } from './browser-check';

// The whole campaign in a real browser, every step by the role that owns it, through the pages
// only (the first admin token is the one thing made outside, as `jianzheng token create` does).
const CHROMIUM = '/usr/bin/chromium';
const READY = requireBrowser(CHROMIUM);
const ARTIFACTS = fileURLToPath(new URL('../../../../test-artifacts/campaign/', import.meta.url));
const CIVIL = '市民政局';
const POLICE = '市公安局';
const RULE_IDS =
  /\b(superior-cancelled|item-cancelled|no-legal-basis|duplicate|proven-by-licence|not-necessary|issuer-cannot-certify|shared-data|internal-query|written-commitment)\b/;

const HEADERS = ['实施部门', '事项名称', '材料名称', '材料来源', '开具单位', '设定依据', '清理意见'];

async function workbook(dir: string, name: string, rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('清单');
  ws.addRow(HEADERS);
  for (const row of rows) ws.addRow(row);
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

// The broken workbook's first material has no item (an error naming B2); its 清理意见 “待定” is a
// warning either way (read as unknown).
const civilRows = (broken: boolean) => [
  [CIVIL, broken ? '' : '婚姻登记', '居民身份证', '政府部门核发', '公安机关', '《婚姻登记条例》', '保留'],
  [CIVIL, '婚姻登记', '户口簿', '政府部门核发', '公安机关', '《婚姻登记条例》', '取消'],
  [CIVIL, '婚姻登记', '亲属关系证明', '其他', '张洼村民委员会', '《婚姻登记条例》', '待定'],
  [CIVIL, '婚姻登记', '婚姻登记申请表', '申请人自备', '', '《婚姻登记条例》', '保留'],
  [CIVIL, '最低生活保障', '收入证明', '申请人自备', '工作单位', '《社会救助暂行办法》', '保留'],
  [CIVIL, '最低生活保障', '银行流水', '申请人自备', '银行', '《社会救助暂行办法》', '保留'],
];

const policeRows = [
  [POLICE, '户口迁移', '居民身份证', '政府部门核发', '公安机关', '《户口登记条例》', '保留'],
  [POLICE, '户口迁移', '准予迁入证明', '政府部门核发', POLICE, '《户口登记条例》', '取消'],
  [POLICE, '户口迁移', '近期免冠照片', '申请人自备', '', '《户口登记条例》', '保留'],
];

let clock: Date | undefined;
let dir: string;
let server: RunningServer;
let browser: Browser;
const tokens: Record<string, string> = {};
const pages: Record<string, Page> = {};

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}-desktop.png`), fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(ARTIFACTS, `${name}-phone.png`), fullPage: false });
  if (size) await page.setViewportSize(size);
}

/** Every control has a label, one h1, a language: the basics a keyboard and screen reader need. */
async function checkAccessibility(page: Page) {
  expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  expect(await page.locator('h1').count()).toBe(1);
  const unlabelled = await page
    .locator('input:not([type=hidden]), select, textarea')
    .evaluateAll((controls) =>
      controls
        .filter(
          (el) =>
            ((el as unknown as { labels?: { length: number } | null }).labels?.length ?? 0) === 0 &&
            !el.getAttribute('aria-label'),
        )
        .map((el) => el.outerHTML),
    );
  expect(unlabelled).toEqual([]);
}

/** What a person reads has no rule ids and no raw material ids. */
async function checkNoIds(page: Page) {
  const text = (await page.locator('main').textContent()) ?? '';
  expect(text).not.toMatch(RULE_IDS);
  expect(text).not.toMatch(/\b[0-9a-f]{16}\b/);
}

async function as(role: string, javaScriptEnabled = false): Promise<Page> {
  if (pages[role]) return pages[role]!;
  const page = await operatorPage(browser, server.url, tokens[role]!, javaScriptEnabled);
  expect(await page.locator('#whoami').count()).toBe(1);
  pages[role] = page;
  return page;
}

const flash = async (page: Page) => (await page.locator('.msg').first().textContent()) ?? '';

/** The actions of the transition forms a page offers. */
const transitionForms = (page: Page) =>
  page.locator('form[data-action]').evaluateAll((forms) => forms.map((f) => f.getAttribute('data-action')));

async function transition(page: Page, batchUrl: string, action: string, fields: Record<string, string>) {
  await page.goto(batchUrl);
  const form = page.locator(`form[data-action="${action}"]`);
  for (const [name, value] of Object.entries(fields)) {
    const control = form.locator(`[name="${name}"]`);
    if ((await control.evaluate((el) => el.tagName)) === 'SELECT') await control.selectOption(value);
    else await control.fill(value);
  }
  await form.locator('button[type=submit]').click();
  return flash(page);
}

describe.skipIf(!READY)('the campaign in a real browser', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'jz-campaign-'));
    const dbPath = join(dir, 'jianzheng.db');
    tokens.admin = await tokenIn(dbPath, 'admin', { label: '数据资源局' });
    server = await startServer({
      store: createSqliteStore({ filename: dbPath }),
      port: 0,
      config: { jurisdiction: { code: '341300', name: '宿州市', level: 'city' } },
      // Real time, until the public comment needs a day inside its period (2018-08-21 to 08-28).
      now: () => clock ?? new Date(),
      log: () => {},
    });
    browser = await launchChromium(CHROMIUM);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  let batchUrl = '';

  it('an admin hands out tokens and a reviewer creates the batch', async () => {
    const admin = await as('admin');
    await checkAccessibility(admin);
    for (const [role, department, label] of [
      ['reviewer', '', '审核组 李'],
      ['legal', '', '法制办 王'],
      ['department', CIVIL, '民政 张'],
      ['department', POLICE, '公安 赵'],
    ] as const) {
      await admin.goto(`${server.url}/operator/tokens`);
      await admin.selectOption('#tk-role', role);
      await admin.fill('#tk-department', department);
      await admin.fill('#tk-label', label);
      await admin.click('form[action="/operator/tokens"] button');
      const token = (await admin.locator('#new-token').textContent()) ?? '';
      expect(token.length).toBeGreaterThan(20);
      tokens[department === CIVIL ? 'civil' : department === POLICE ? 'police' : role] = token;
    }
    await shoot(admin, '01-tokens');

    const reviewer = await as('reviewer');
    await reviewer.fill('#b-title', '第一批');
    await reviewer.fill('#b-departments', `${CIVIL}\n${POLICE}`);
    await reviewer.fill('#b-id', 'suzhou-1');
    await reviewer.click('form[action="/operator/batches"] button');
    expect(await flash(reviewer)).toContain('已创建批次');
    batchUrl = reviewer.url();
    expect(batchUrl).toBe(`${server.url}/operator/batches/suzhou-1`);
    expect(await reviewer.locator('#stage').textContent()).toBe('草稿');
    // A reviewer may submit; nothing else is offered in a draft.
    expect(await transitionForms(reviewer)).toEqual(['submit']);
    await checkAccessibility(reviewer);
    await shoot(reviewer, '02-batch-created');
  });

  it('clerks download their template, upload, read the report, fix a row and import', async () => {
    const civil = await as('civil', true);
    await civil.goto(batchUrl);
    expect(await transitionForms(civil)).toEqual([]);
    expect(await civil.locator('nav.tabs').textContent()).not.toContain('审核');
    await civil.click('nav.tabs >> text=上传清单');
    await checkAccessibility(civil);
    const [download] = await Promise.all([
      civil.waitForEvent('download'),
      civil.click(`a[download]:has-text("${CIVIL}")`),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    // The template names only the clerk's own department.
    expect(await civil.locator('a[download]').count()).toBe(1);

    const broken = await workbook(dir, '民政局清单.xlsx', civilRows(true));
    await civil.setInputFiles('#files', broken);
    await civil.click('form[data-upload] button');
    await civil.waitForURL(/pending=/);
    const report = civil.locator('section.file');
    expect(await report.getAttribute('class')).toContain('failed');
    const errors = (await report.locator('table.errors').textContent()) ?? '';
    expect(errors).toContain('第 2 行 B 列');
    expect(await report.locator('table.warnings').textContent()).toContain('第 4 行 G 列');
    expect(await civil.locator('button', { hasText: '确认导入' }).count()).toBe(0);
    await shoot(civil, '03-upload-report-row-error');

    const fixed = await workbook(dir, '民政局清单.xlsx', civilRows(false));
    await civil.setInputFiles('#files', fixed);
    await civil.click('form[data-upload] button');
    await civil.waitForURL(/pending=/);
    const cancels = (await civil.locator('table.cancels').textContent()) ?? '';
    expect(cancels).toContain('亲属关系证明');
    expect(cancels).toContain('居民身份证');
    await checkNoIds(civil);
    await shoot(civil, '04-upload-report-ok');
    await civil.click('button:has-text("确认导入")');
    expect(await flash(civil)).toContain('已导入');

    // Their own materials, with the engine's proposal, the trace, and a note of their own.
    await civil.click('nav.tabs >> text=本部门材料');
    await checkAccessibility(civil);
    await checkNoIds(civil);
    const card = civil.locator('article', { hasText: '亲属关系证明' });
    await card.locator('summary').click();
    expect(await card.locator('details.trace').textContent()).toContain('开具单位');
    await card.locator('textarea[name=note]').fill('村委会确实无权出具，同意取消。');
    await card.locator('button').click();
    expect(await flash(civil)).toContain('保存说明');
    await shoot(civil, '05-department-materials');

    // The second department, without JavaScript: the plain form posts work the same.
    const police = await as('police');
    await police.goto(`${batchUrl}/upload`);
    await police.setInputFiles('#files', await workbook(dir, '公安局清单.xlsx', policeRows));
    await police.click('form[data-upload] button');
    // As for the first department: the report is read once its page has come (under load the
    // count ran before the post's answer, and saw none).
    await police.waitForURL(/pending=/);
    expect(await police.locator('section.file.ok').count()).toBe(1);
    await police.click('button:has-text("确认导入")');
    expect(await flash(police)).toContain('已导入');
  });

  it('a reviewer settles decisions: trace in words, a 409 shown and reapplied, bulk confirm', async () => {
    const reviewer = await as('reviewer');
    expect(await transition(reviewer, batchUrl, 'submit', {})).toContain('已完成');
    expect(await reviewer.locator('#stage').textContent()).toBe('集中审核');
    await reviewer.click('nav.tabs >> text=审核');
    await checkAccessibility(reviewer);
    await checkNoIds(reviewer);
    const rows = reviewer.locator('main article');
    expect(await rows.count()).toBeGreaterThan(1);
    await rows.first().locator('summary').click();
    expect(await rows.first().locator('details.trace tbody tr').count()).toBe(10);
    await shoot(reviewer, '06-review-queue');

    // Confirm the first disagreement.
    const first = rows.first();
    await first.locator('input[name=note]').first().fill('与部门沟通后确认取消');
    await first.locator('form:has(input[value=confirm]) button').click();
    expect(await flash(reviewer)).toContain('已保存');

    // Another reviewer changes the next decision after this page was loaded.
    const row = reviewer.locator('main article').first();
    const id = ((await row.getAttribute('id')) ?? '').slice(2);
    const headers = { authorization: `Bearer ${tokens.reviewer}` };
    const current = (await (
      await fetch(`${server.url}/api/batches/suzhou-1/materials/${id}`, { headers })
    ).json()) as { etag: string };
    const other = await fetch(`${server.url}/api/batches/suzhou-1/materials/${id}/review`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'if-match': current.etag },
      body: JSON.stringify({ action: 'confirm', note: '另一位审核人员已确认' }),
    });
    expect(other.status).toBe(200);
    const override = row.locator('form:has(select[name=verdict])');
    await override.locator('select[name=verdict]').selectOption('retain');
    await override.locator('input[name=note]').fill('部门说明该材料为办事必需');
    await override.locator('button').click();
    const conflict = reviewer.locator(`#m-${id} section.conflict`);
    const shown = (await conflict.textContent()) ?? '';
    expect(shown).toContain('部门说明该材料为办事必需');
    expect(shown).toContain('另一位审核人员已确认');
    await shoot(reviewer, '07-review-409');
    await conflict.locator('button').click();
    expect(await flash(reviewer)).toContain('已改判');
    const after = (await (
      await fetch(`${server.url}/api/batches/suzhou-1/materials/${id}`, { headers })
    ).json()) as { decision: unknown };
    expect(after.decision).toMatchObject({
      status: 'overridden',
      verdict: 'retain',
      note: '部门说明该材料为办事必需',
    });

    // Bulk confirm of the agreed, still proposed decisions: one audit entry each.
    const auditCount = async () =>
      (
        (await (
          await fetch(`${server.url}/api/audit?action=decision.review&pageSize=1`, { headers })
        ).json()) as { total: number }
      ).total;
    const before = await auditCount();
    await reviewer.goto(`${batchUrl}/review?agreement=agree&status=proposed`);
    const bulk = reviewer.locator('form#bulk');
    const n = await bulk.locator('input[name=m]').count();
    expect(n).toBeGreaterThan(0);
    await bulk.locator('input[name=note]').fill('一致，批量确认');
    await bulk.locator('button').click();
    expect(await flash(reviewer)).toContain(`已批量确认：${n}`);
    expect(await auditCount()).toBe(before + n);
    await shoot(reviewer, '08-review-bulk-confirmed');
  });

  it('each stage by its role, a public comment answered in place, legal review, approval, publication', async () => {
    const reviewer = await as('reviewer');
    expect(
      await transition(reviewer, batchUrl, 'confirm', { signer: '张三', signedAt: '2018-08-20' }),
    ).toContain('已完成');
    expect(
      await transition(reviewer, batchUrl, 'open-comment', {
        start: '2018-08-21',
        end: '2018-08-28',
        channel: '宿州市人民政府网站',
      }),
    ).toContain('已完成');
    // The reviewer is never offered the legal office's form; closing the period early is theirs.
    expect(await transitionForms(reviewer)).toEqual(['close-comment']);
    await shoot(reviewer, '09-batch-public-comment');

    clock = new Date('2018-08-22T10:00:00+08:00');
    const citizen = await (await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' })).newPage();
    await citizen.goto(`${server.url}/`);
    // A list out for comment is paged: its department's page, then the item.
    await citizen.click(`ul.departments a:has-text("${CIVIL}")`);
    await citizen.click('main article h3 a:has-text("婚姻登记")');
    const article = citizen.locator('main article', { hasText: '居民身份证' });
    await article.locator('summary').click();
    await article.locator('textarea').fill('建议注明通过哪个平台核验身份证。');
    await article.locator('button').click();
    expect(await article.locator('.msg').textContent()).toContain('意见已提交');
    await shoot(citizen, '10-citizen-comment');

    clock = new Date('2018-08-29T10:00:00+08:00');
    const legal = await as('legal');
    await legal.goto(batchUrl);
    expect(await transitionForms(legal)).toEqual(['legal-review']);
    expect(await legal.locator('form[data-action="legal-review"] legend').textContent()).not.toMatch(
      /合法性审查\s*→\s*合法性审查/,
    );
    const refused = await transition(legal, batchUrl, 'legal-review', { result: 'passed', notes: '合法' });
    expect(refused).toContain('未答复');
    await shoot(legal, '11-legal-refused-unanswered');
    // Legal reads comments but cannot answer them: no answer form is shown.
    await legal.goto(`${batchUrl}/comments`);
    expect(await legal.locator('textarea[name=answer]').count()).toBe(0);

    await reviewer.goto(`${batchUrl}/comments`);
    await checkNoIds(reviewer);
    expect(await reviewer.locator('.about').first().textContent()).toBe(`${CIVIL} · 婚姻登记 · 居民身份证`);
    await reviewer.locator('textarea[name=answer]').fill('已采纳，将在办事指南中注明核验平台。');
    await reviewer.locator('form:has(textarea[name=answer]) button').click();
    expect(await flash(reviewer)).toContain('已答复');
    await shoot(reviewer, '12-comments-answered');

    expect(
      await transition(legal, batchUrl, 'legal-review', { result: 'passed', notes: '符合法律法规' }),
    ).toContain('已完成');
    // The list is frozen now: nobody is offered a review, note or upload form.
    const postForms = (page: Page) => page.locator('main form[method=post]:not(.logout)').count();
    await reviewer.goto(`${batchUrl}/review`);
    expect(await reviewer.locator('main article').count()).toBeGreaterThan(0);
    expect(await postForms(reviewer)).toBe(0);
    await legal.goto(`${batchUrl}/review`);
    expect(await postForms(legal)).toBe(0);
    const civil = await as('civil', true);
    await civil.goto(`${batchUrl}/materials`);
    expect(await postForms(civil)).toBe(0);
    await civil.goto(`${batchUrl}/upload`);
    expect(await postForms(civil)).toBe(0);
    const admin = await as('admin');
    await admin.goto(batchUrl);
    expect(await transitionForms(admin)).toEqual(['approve']);
    expect(await transition(admin, batchUrl, 'approve', { meetingDate: '2018-08-31' })).toContain('已完成');
    expect(
      await transition(admin, batchUrl, 'publish', {
        documentNumber: '宿政办〔2018〕35号',
        publishedAt: '2018-09-04',
      }),
    ).toContain('已完成');
    expect(await admin.locator('#stage').textContent()).toBe('已公布');
    await shoot(admin, '13-batch-published');

    await citizen.goto(`${server.url}/?q=${encodeURIComponent('户口簿')}`);
    const hit = (await citizen.locator('main article').first().textContent()) ?? '';
    expect(hit).toContain('现在如何获取：无需提交，由办理部门通过');
    await shoot(citizen, '14-public-search');
    for (const kind of ['json', 'xlsx']) {
      const href = await citizen.locator(`a[href$="/publications/1/${kind}"]`).first().getAttribute('href');
      const res = await fetch(`${server.url}${href}`);
      expect(res.status).toBe(200);
    }
  });

  it('an adjustment publishes version 2 with its notice, and the item page says what changed and when', async () => {
    const reviewer = await as('reviewer');
    await reviewer.goto(`${batchUrl}/review?agreement=agree&department=${encodeURIComponent(CIVIL)}`);
    const row = reviewer.locator('main article', { hasText: '银行流水' });
    const override = row.locator('form:has(select[name=verdict])');
    await override.locator('select[name=verdict]').selectOption('cancel');
    await override.locator('select[name=category]').selectOption('internal-query');
    await override.locator('input[name=note]').fill('改为部门内部查询');
    await override.locator('button').click();
    expect(await flash(reviewer)).toContain('已改判');

    const admin = await as('admin');
    expect(await transition(admin, batchUrl, 'adjust', { reason: '银行流水改为内部查询' })).toContain(
      '已完成',
    );
    await admin.click('nav.tabs >> text=版本与调整');
    await checkAccessibility(admin);
    await checkNoIds(admin);
    const v2 = (await admin.locator('#v2').textContent()) ?? '';
    expect(v2).toContain('银行流水改为内部查询');
    expect(await admin.locator('#v2 .diff-newlyCancelled').textContent()).toContain('银行流水');
    await shoot(admin, '15-versions-diff');

    const citizen = await (await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' })).newPage();
    await citizen.goto(`${server.url}/?q=${encodeURIComponent('银行流水')}`);
    await citizen.click('main article h4 a');
    const notes = (await citizen.locator('#version-notes').textContent()) ?? '';
    expect(notes).toMatch(/\d{4}-\d{2}-\d{2} · 版本 2：“银行流水”改为无需提交/);
    await shoot(citizen, '16-item-version-notes');

    const audit = await as('legal');
    await audit.goto(`${server.url}/operator/audit?batchId=suzhou-1&action=decision.review`);
    await checkAccessibility(audit);
    await checkNoIds(audit);
    expect(await audit.locator('#audit tbody tr').count()).toBeGreaterThan(3);
    await shoot(audit, '17-audit-log');
  });
});
