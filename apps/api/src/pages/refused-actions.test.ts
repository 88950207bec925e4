import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signForm } from '../security';
import {
  FORM_SECRET,
  type Harness,
  harness,
  MARKET_ROWS,
  seededBatch,
  workbook,
} from '../test-support/harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
  const created = await h.call('admin', 'POST', '/api/batches', {
    id: 'b1',
    title: '第一批',
    departments: ['市公安局', '市市场监督管理局'],
  });
  expect(created.status).toBe(201);
});
afterEach(async () => {
  await h.close();
});

const ORIGIN = 'http://localhost';
const cookies = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .filter((c) => !c.endsWith('='));

async function login(token: string): Promise<string> {
  const signed = signForm(FORM_SECRET);
  const res = await h.app.request(`${ORIGIN}/operator/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, cookie: signed.cookie },
    body: new URLSearchParams({ token, _csrf: signed.token }).toString(),
  });
  return cookies(res).find((c) => c.startsWith('jz_token='))!;
}

/** Posts a form as the browser does (CSRF token, origin), then follows the redirect with its cookies. */
async function submit(path: string, session: string, body: FormData | Record<string, string>) {
  const signed = signForm(FORM_SECRET, session);
  const cookie = `${session}; ${signed.cookie}`;
  let init: RequestInit;
  if (body instanceof FormData) {
    body.append('_csrf', signed.token);
    init = { method: 'POST', headers: { origin: ORIGIN, cookie }, body };
  } else {
    init = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, cookie },
      body: new URLSearchParams({ ...body, _csrf: signed.token }).toString(),
    };
  }
  const res = await h.app.request(`${ORIGIN}${path}`, init);
  if (res.status !== 303) return { status: res.status, html: await res.text() };
  const next = await h.app.request(new URL(res.headers.get('location')!, ORIGIN).toString(), {
    headers: { cookie: [session, ...cookies(res)].join('; ') },
  });
  return { status: next.status, html: await next.text() };
}

describe('a refused page action says why on its page (zh-CN first)', () => {
  it('a 公安局 clerk uploading the 市场监管局 workbook sees the 403 message, not an empty upload page', async () => {
    const police = await login(h.tokens.police);
    const files = new FormData();
    files.append('files', new File([await workbook('市市场监督管理局', MARKET_ROWS)], '市场监管局.xlsx'));
    const checked = await submit('/operator/batches/b1/upload', police, files);
    expect(checked.status).toBe(200);
    // Refused at the check already, or at the import: either way its message is on the page.
    let page = checked.html;
    const pending = /name="pending" value="([^"]+)"/.exec(page)?.[1];
    if (pending) page = (await submit('/operator/batches/b1/upload/confirm', police, { pending })).html;
    expect(page).toMatch(/class="msg error"[^>]*>[\s\S]*部门令牌只能/);
    expect(page).toContain('市市场监督管理局');
    expect((await h.call('admin', 'GET', '/api/batches/b1/materials')).body.total).toBe(0);
  });
});

describe('the batch page after each step', () => {
  it('keeps what was typed in a refused transition, and after closing the comment period says so and offers the next step', async () => {
    await seededBatch(h, 'b2');
    for (const step of [{ action: 'submit' }, { action: 'confirm', signer: '张三', signedAt: '2018-08-20' }])
      expect((await h.call('admin', 'POST', '/api/batches/b2/transitions', step)).status).toBe(200);
    const admin = await login(h.tokens.admin);
    const refused = await submit('/operator/batches/b2/transitions', admin, {
      action: 'open-comment',
      start: '2018-08-28',
      end: '2018-08-21',
      channel: '宿州市人民政府网站',
    });
    expect(refused.html).toMatch(/class="msg error"[^>]*>[\s\S]*结束日期早于开始日期/);
    expect(refused.html).toContain('value="宿州市人民政府网站"');
    expect(refused.html).toContain('value="2018-08-28"');

    const opened = await submit('/operator/batches/b2/transitions', admin, {
      action: 'open-comment',
      start: '2018-08-21',
      end: '2018-08-28',
      channel: '宿州市人民政府网站',
    });
    expect(opened.html).toContain('当前阶段：公开征求意见（2018-08-21 至 2018-08-28）');
    expect(opened.html).toContain('data-action="close-comment"');
    const closed = await submit('/operator/batches/b2/transitions', admin, {
      action: 'close-comment',
      reason: '意见已充分收集',
    });
    expect(closed.html).toContain('已完成：提前结束征求意见。当前阶段：公开征求意见（已提前结束）');
    expect(closed.html).toMatch(/id="stage"[^>]*>公开征求意见（已提前结束）/);
    expect(closed.html).toMatch(/id="next-step"[^>]*>[\s\S]*记录合法性审查结论/);
    expect(closed.html).not.toContain('data-action="close-comment"');
    expect(closed.html).not.toMatch(/close-comment<|>close-comment/);
  });
});
