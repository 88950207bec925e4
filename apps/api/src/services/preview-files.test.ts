import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { signForm } from '../security';
import {
  FORM_SECRET,
  form,
  type Harness,
  harness,
  operatorCookie,
  POLICE_ROWS,
  type Row,
  seededBatch,
  workbook,
} from '../test-support/harness';
import { createParseBudget } from './parse-budget';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** `n` materials of the police department, each with its own legal basis text. */
const rows = (n: number): Row[] =>
  Array.from({ length: n }, (_, i) => ({
    item: `户口迁移${Math.floor(i / 8)}`,
    material: `证明材料${i}`,
    legalBasis: `《户口登记条例》第${i + 1}条`,
  }));

/** Posts one workbook as `name` to the preview (or, with `path`, another import route) as the admin. */
const post = (bytes: Uint8Array, name: string, path = '/api/batches/b1/imports/preview') =>
  h!.call('admin', 'POST', path, form({ name, bytes }));

describe('the dry-run report counts in the one parse budget', () => {
  it('is refused before it is built when it would not fit the budget, naming the file (413)', async () => {
    h = await harness({ limits: { parseBytes: 1024 * 1024 } });
    await seededBatch(h);
    const bytes = await workbook('市公安局', rows(600));
    const res = await post(bytes, '大表.xlsx');
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PREVIEW_TOO_LARGE');
    expect(res.body.detail).toContain('「大表.xlsx」');
    expect(res.body.detail).toContain('直接导入');
    // The import itself builds no report: the same file imports under the same budget.
    const imported = await post(bytes, '大表.xlsx', '/api/batches/b1/imports');
    expect(imported.status).toBe(200);
    expect(imported.body.files[0].materials).toBe(600);
  });

  it('builds the report when it fits; the estimate follows its real size (a cap 10 % below refuses, 20 % above builds)', async () => {
    h = await harness({ limits: { parseBytes: 64 * 1024 * 1024 } });
    await seededBatch(h);
    const bytes = await workbook('市公安局', rows(600));
    const res = await post(bytes, '表.xlsx');
    expect(res.status).toBe(200);
    expect(res.body.files[0].materials).toHaveLength(600);
    const real = Buffer.byteLength(JSON.stringify(res.body.files[0].materials));
    // A cap just below the report's real size refuses it; one above lets it through.
    const below = await post(
      bytes,
      '表.xlsx',
      `/api/batches/b1/imports/preview?maxReportBytes=${Math.floor(real * 0.9)}`,
    );
    expect(below.status).toBe(413);
    const above = await post(
      bytes,
      '表.xlsx',
      `/api/batches/b1/imports/preview?maxReportBytes=${Math.ceil(real * 1.2)}`,
    );
    expect(above.status).toBe(200);
  });

  it('stops reading a workbook as soon as its report cannot fit', async () => {
    h = await harness();
    await seededBatch(h);
    const bytes = await workbook('市公安局', rows(2000));
    const res = await post(bytes, '大表.xlsx', '/api/batches/b1/imports/preview?maxReportBytes=4096');
    expect(res.status).toBe(413);
    // 4 KiB holds no more than four materials' entries: reading stopped at the fifth, not at 2,000.
    expect(res.body.detail).toContain('读到 5 条材料时已超出');
  });

  it('waits for room while another request holds the budget, and answers 503 past the wait', async () => {
    const budget = createParseBudget({ maxBytes: 1000, maxParses: 2, waitMs: 50 });
    const app = new Hono();
    let letGo!: () => void;
    const holding = new Promise<void>((resolve) => {
      letGo = resolve;
    });
    app.use('*', budget.middleware(100));
    app.post('/hold', async (c) => {
      await budget.grow(600);
      await holding;
      return c.text('held');
    });
    app.post('/grow', async (c) => {
      await budget.grow(600);
      return c.text(`grown ${budget.held()}`);
    });
    app.onError((error) => new Response((error as { code?: string }).code ?? 'error', { status: 503 }));
    const post = (path: string) =>
      app.request(path, { method: 'POST', body: 'x', headers: { 'content-length': '1' } });
    const first = post('/hold');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(budget.usage().bytes).toBe(24 + 600);
    const busy = await post('/grow');
    expect(busy.status).toBe(503);
    expect(await busy.text()).toBe('SERVER_BUSY');
    letGo();
    await (await first).text();
    expect(budget.usage()).toEqual({ bytes: 0, parses: 0, waiting: 0 });
    expect(await (await post('/grow')).text()).toBe('grown 624');
    expect(budget.usage().bytes).toBe(0);
  });
});

describe('the page’s dry run', () => {
  async function pageUpload(h: Harness, bytes: Uint8Array) {
    const cookie = await operatorCookie(h, 'admin');
    const body = form({ name: '公安局.xlsx', bytes });
    body.append('_csrf', signForm(FORM_SECRET, cookie).token);
    const origin = 'http://localhost';
    const res = await h.app.request(`${origin}/operator/batches/b1/upload`, {
      method: 'POST',
      headers: { origin, cookie },
      body,
    });
    const flash = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const location = res.headers.get('location') ?? '';
    const page = await h.app.request(`${origin}${location}`, {
      headers: { cookie: [cookie, flash].filter(Boolean).join('; ') },
    });
    return { status: res.status, location, html: await page.text() };
  }

  it('refuses a report the page could not hold before it is built, with the reason on the page', async () => {
    const bytes = await workbook('市公安局', rows(400));
    // Room for the file and a little more, far from the 400 materials' report.
    h = await harness({ limits: { pendingReportBytesPerDepartment: bytes.byteLength + 20_000 } });
    await seededBatch(h);
    const refused = await pageUpload(h, bytes);
    expect(refused.status).toBe(303);
    expect(refused.location).not.toContain('pending=');
    expect(refused.html).toContain('预检报告过大');
    expect(refused.html).toContain('「公安局.xlsx」');
    // A small department list fits and is held for confirmation.
    const small = await pageUpload(h, await workbook('市公安局', POLICE_ROWS));
    expect(small.location).toContain('pending=');
    expect(small.html).toContain('公安局.xlsx · 市公安局');
  });
});
