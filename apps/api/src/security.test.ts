import { createSqliteStore } from '@jianzheng/store-sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from './app';
import { clientAddress, proxyTrust } from './proxy-trust';
import { signForm } from './security';
import { FORM_SECRET, type Harness, harness, seededBatch } from './test-support/harness';

let h: Harness;
afterEach(async () => {
  await h.close();
});

const ORIGIN = 'http://localhost';
const login = (body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  h.app.request(`${ORIGIN}/operator/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...headers },
    body,
    duplex: 'half',
  } as RequestInit);

describe('page forms (finding 3)', () => {
  it('refuses an oversized anonymous login body with 413 before reading it, with or without Content-Length', async () => {
    h = await harness();
    const big = `token=${'a'.repeat(300 * 1024)}`;
    expect((await login(big)).status).toBe(413);
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Far more than the limit, in chunks: the guard must stop reading long before the end.
        if (sent > 50 * 1024 * 1024) return controller.close();
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(97));
      },
    });
    const res = await login(endless);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(1024 * 1024);
  });

  it('wants the form token, not just a matching Origin; pages carry it in every post form', async () => {
    h = await harness();
    const forged = await login(new URLSearchParams({ token: h.tokens.reviewer }).toString());
    expect(forged.status).toBe(403);
    expect(forged.headers.getSetCookie().some((c) => c.startsWith('jz_token='))).toBe(false);

    // A browser: GET the login page, keep its cookie, send the hidden field back.
    const page = await h.app.request(`${ORIGIN}/operator`);
    const html = await page.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    expect(token).toBeTruthy();
    const cookie = page.headers
      .getSetCookie()
      .find((c) => c.startsWith('jz_csrf='))!
      .split(';')[0]!;
    const ok = await login(new URLSearchParams({ token: h.tokens.reviewer, _csrf: token! }).toString(), {
      cookie,
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.getSetCookie().some((c) => c.startsWith('jz_token='))).toBe(true);
    // Another browser's token does not fit this one's cookie.
    const other = signForm(FORM_SECRET, 'jz_csrf=someone-else');
    const mixed = await login(
      new URLSearchParams({ token: h.tokens.reviewer, _csrf: other.token }).toString(),
      {
        cookie,
      },
    );
    expect(mixed.status).toBe(403);
  });
});

describe('headers (finding 8)', () => {
  it('sends CSP with frame-ancestors, nosniff and Referrer-Policy everywhere, no-store on operator pages and authenticated JSON', async () => {
    h = await harness();
    for (const path of ['/health', '/', '/operator', '/openapi.json', '/api/publications']) {
      const res = await h.app.request(`${ORIGIN}${path}`);
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
    expect((await h.app.request(`${ORIGIN}/operator`)).headers.get('cache-control')).toBe('no-store');
    const authed = await h.call('reviewer', 'GET', '/api/batches');
    expect(authed.headers.get('cache-control')).toBe('no-store');
    const pub = await h.app.request(`${ORIGIN}/api/publications`);
    expect(pub.headers.get('cache-control')).not.toBe('no-store');
  });
});

describe('--trust-proxy (finding 7)', () => {
  it('keys clients by X-Forwarded-For only when proxies are trusted, from the right', () => {
    const headers = new Headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9' });
    const env = { incoming: { socket: { remoteAddress: '127.0.0.1' } } };
    expect(clientAddress(headers, env, proxyTrust(0))).toBe('127.0.0.1');
    expect(clientAddress(headers, env, proxyTrust(1))).toBe('203.0.113.9');
    expect(clientAddress(headers, env, proxyTrust(2))).toBe('6.6.6.6');
    expect(clientAddress(new Headers(), env, proxyTrust(1))).toBe('127.0.0.1');
  });

  it('believes X-Forwarded-For only from the named proxies, and ignores a long or malformed one', () => {
    const trust = proxyTrust(['127.0.0.3', '10.0.0.1']);
    const viaProxy = { incoming: { socket: { remoteAddress: '::ffff:127.0.0.3' } } };
    const direct = { incoming: { socket: { remoteAddress: '198.51.100.7' } } };
    const chain = new Headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9, 10.0.0.1' });
    expect(clientAddress(chain, viaProxy, trust)).toBe('203.0.113.9');
    // Reachable directly: whatever the caller claims is not believed.
    expect(clientAddress(chain, direct, trust)).toBe('198.51.100.7');
    const long = new Headers({ 'x-forwarded-for': `${'1.1.1.1, '.repeat(600)}203.0.113.9` });
    expect(clientAddress(long, viaProxy, trust)).toBe('127.0.0.3');
    const malformed = new Headers({ 'x-forwarded-for': 'evil-key-<script>, 203.0.113.9' });
    expect(clientAddress(malformed, viaProxy, trust)).toBe('127.0.0.3');
  });

  it('marks the session cookie Secure behind a TLS proxy that is trusted, and not otherwise', async () => {
    for (const trustProxy of [true, false]) {
      h = await harness({ trustProxy });
      const signed = signForm(FORM_SECRET);
      const res = await login(
        new URLSearchParams({ token: h.tokens.reviewer, _csrf: signed.token }).toString(),
        {
          cookie: signed.cookie,
          'x-forwarded-proto': 'https',
          // The browser's origin: https through the trusted proxy; untrusted, the header is ignored.
          origin: trustProxy ? 'https://localhost' : 'http://localhost',
        },
      );
      expect(res.status).toBe(303);
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('jz_token='))!;
      expect(/;\s*Secure/i.test(cookie)).toBe(trustProxy);
      await h.close();
    }
    h = await harness();
  });

  it('gives each citizen behind the proxy their own comment bucket', async () => {
    h = await harness({ trustProxy: true, limits: { commentsPerWindow: 1 } });
    await seededBatch(h);
    for (const step of [
      { action: 'submit' },
      { action: 'confirm', signer: '张三', signedAt: '2018-08-20' },
      { action: 'open-comment', start: '2018-08-21', end: '2018-08-28', channel: '政府网站' },
    ]) {
      expect((await h.call('admin', 'POST', '/api/batches/b1/transitions', step)).status).toBe(200);
    }
    h.setNow('2018-08-22T10:00:00+08:00');
    const [m] = (await h.store.listMaterials('b1')).items;
    const path = `/api/batches/b1/materials/${m!.material.id}/comments`;
    const from = (ip: string) =>
      h.call('anonymous', 'POST', path, { body: '建议取消' }, { 'x-forwarded-for': ip });
    expect((await from('203.0.113.1')).status).toBe(201);
    expect((await from('203.0.113.2')).status).toBe(201);
    expect((await from('203.0.113.1')).status).toBe(429);

    // A second instance on the same database counts in the same window: the limit is not
    // multiplied by the number of instances behind the proxy.
    const store = createSqliteStore({ filename: h.file });
    try {
      const second = createApp({
        store,
        trustProxy: true,
        limits: { commentsPerWindow: 1 },
        log: () => {},
        now: () => new Date('2018-08-22T10:00:05+08:00'),
      });
      const post = (ip: string) =>
        second.request(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
          body: JSON.stringify({ body: '建议取消' }),
        });
      expect((await post('203.0.113.2')).status).toBe(429);
      expect((await post('203.0.113.3')).status).toBe(201);
    } finally {
      await store.close();
    }
  });
});

describe('unknown and unpublished batches (finding 10)', () => {
  it('look the same to anonymous callers, and no stage is named', async () => {
    h = await harness();
    await seededBatch(h);
    const [m] = (await h.store.listMaterials('b1')).items;
    const list = await h.call('anonymous', 'GET', '/api/batches/b1/publications');
    const none = await h.call('anonymous', 'GET', '/api/batches/zz/publications');
    expect(list.status).toBe(404);
    expect(none.status).toBe(404);
    expect(JSON.stringify(list.body).replaceAll('b1', 'X')).toBe(
      JSON.stringify(none.body).replaceAll('zz', 'X'),
    );
    const post = (batch: string) =>
      h.call('anonymous', 'POST', `/api/batches/${batch}/materials/${m!.material.id}/comments`, {
        body: '意见',
      });
    const draft = await post('b1');
    const unknown = await post('zz');
    expect(draft.status).toBe(404);
    expect(JSON.stringify(draft.body).replaceAll('b1', 'X')).toBe(
      JSON.stringify(unknown.body).replaceAll('zz', 'X'),
    );
    expect(JSON.stringify(draft.body)).not.toContain('draft');
    // Operators still see the empty list of their batch.
    expect((await h.call('reviewer', 'GET', '/api/batches/b1/publications')).body).toEqual([]);
  });
});
