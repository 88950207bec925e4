import { afterEach, describe, expect, it } from 'vitest';
import { signForm } from './security';
import {
  FORM_SECRET,
  form,
  type Harness,
  harness,
  operatorCookie,
  POLICE_ROWS,
  seededBatch,
  workbook,
} from './test-support/harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A request body that sends `first` and then stalls until `release` is called. */
function stalledBody(first: Uint8Array) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(first);
      await released;
      controller.close();
    },
  });
  return { stream, release };
}

describe('one parse budget for the service', () => {
  it('answers a parse past the budget 503 with Retry-After after a short wait, and lets the next one in', async () => {
    h = await harness({ limits: { parseConcurrency: 1, parseWaitMs: 100 } });
    await seededBatch(h);
    const { stream, release } = stalledBody(new TextEncoder().encode('--x\r\n'));
    const first = h.app.request('/api/batches/b1/imports/preview', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${h.tokens.admin}`,
        'content-type': 'multipart/form-data; boundary=x',
      },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const files = form({ name: '公安局.xlsx', bytes: await workbook('市公安局', POLICE_ROWS) });
    const busy = await h.call('admin', 'POST', '/api/batches/b1/imports/preview', files);
    expect(busy.status).toBe(503);
    expect(busy.body.code).toBe('SERVER_BUSY');
    expect(Number(busy.headers.get('retry-after'))).toBeGreaterThan(0);
    // The comparison counts in the same budget.
    expect((await h.call('anonymous', 'GET', '/api/comparisons')).status).toBe(503);
    release();
    await (await first).text();
    const next = await h.call('admin', 'POST', '/api/batches/b1/imports/preview', files);
    expect(next.status).toBe(200);
  });
});

describe('anonymous comparisons are bounded', () => {
  it('gives the public a small body limit and signed-in callers the upload limit', async () => {
    h = await harness({ limits: { anonymousBodyBytes: 1024 } });
    const body = JSON.stringify({ publications: [{ padding: 'x'.repeat(4000) }] });
    const anonymous = await h.call('anonymous', 'POST', '/api/comparisons', body);
    expect(anonymous.status).toBe(413);
    const signedIn = await h.call('reviewer', 'POST', '/api/comparisons', body);
    // Past the body limit: the upload is read and checked (not a publication: 422).
    expect(signedIn.status).toBe(422);
  });

  it('rate-limits anonymous comparisons like comments, per client, before parsing', async () => {
    h = await harness({ limits: { commentsPerWindow: 2 } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await h.call('anonymous', 'POST', '/api/comparisons', '{"publications":[]}')).status);
    expect(statuses).toEqual([200, 200, 429]);
    // A signed-in operator is not counted against the public's allowance.
    expect((await h.call('reviewer', 'POST', '/api/comparisons', '{"publications":[]}')).status).toBe(200);
  });

  it('answers a comparison whose worker runs out of its heap with a named 422; the server goes on', async () => {
    // A heap too small for the comparison's own modules: the worker ends on its limit, as a bomb
    // ends it (the default heap is kept far above what one native JSON.parse of an upload allocates).
    h = await harness({ limits: { parserHeapMb: 4 } });
    const res = await h.call('anonymous', 'POST', '/api/comparisons', '{"publications":[]}');
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('PARSER_MEMORY_EXCEEDED');
    expect((await h.call('anonymous', 'GET', '/health')).status).toBe(200);
    expect((await h.call('anonymous', 'GET', '/api/comparisons')).body.code).toBe('PARSER_MEMORY_EXCEEDED');
  });
});

describe('dry-run reports held for confirmation are capped', () => {
  it('refuses an upload whose report does not fit with a message on the page', async () => {
    h = await harness({ limits: { pendingReportBytesPerDepartment: 2048 } });
    await seededBatch(h);
    const cookie = await operatorCookie(h, 'admin');
    const signed = signForm(FORM_SECRET, cookie);
    const body = form({ name: '公安局.xlsx', bytes: await workbook('市公安局', POLICE_ROWS) });
    body.append('_csrf', signed.token);
    const origin = 'http://localhost';
    const res = await h.app.request(`${origin}/operator/batches/b1/upload`, {
      method: 'POST',
      headers: { origin, cookie },
      body,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).not.toContain('pending=');
    const flash = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const page = await h.app.request(`${origin}${res.headers.get('location')}`, {
      headers: { cookie: [cookie, flash].filter(Boolean).join('; ') },
    });
    expect(await page.text()).toContain('待确认的上传（预检报告）已达上限');
  });
});
