import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signForm } from './security';
import { FORM_SECRET, type Harness, harness } from './test-support/harness';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(async () => {
  await h.close();
});

const ORIGIN = 'http://localhost';

/** Logs in on the operator pages with the admin token, sending `cookie` as the browser holds it. */
async function login(cookie = '') {
  const signed = signForm(FORM_SECRET, cookie);
  const res = await h.app.request(`${ORIGIN}/operator/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: ORIGIN,
      cookie: signed.cookie,
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chromium/120',
    },
    body: new URLSearchParams({ token: h.tokens.admin, _csrf: signed.token }).toString(),
  });
  expect(res.status).toBe(303);
  const set = res.headers.getSetCookie().find((c) => c.startsWith('jz_token='))!;
  return set.split(';')[0]!;
}

const sessionOf = (cookie: string) => decodeURIComponent(cookie.slice('jz_token='.length));

describe('login sessions', () => {
  it('revokes the previous session of a browser that logs in again', async () => {
    const first = await login();
    expect(
      (await h.app.request('/api/me', { headers: { authorization: `Bearer ${sessionOf(first)}` } })).status,
    ).toBe(200);
    const second = await login(first);
    expect(second).not.toBe(first);
    const old = await h.app.request('/api/me', { headers: { authorization: `Bearer ${sessionOf(first)}` } });
    expect(old.status).toBe(401);
    expect(((await old.json()) as { detailEn: string }).detailEn).toContain('revoked');
    const fresh = await h.app.request('/api/me', {
      headers: { authorization: `Bearer ${sessionOf(second)}` },
    });
    expect(fresh.status).toBe(200);
    // Another browser's session (no cookie sent) is left alone.
    const other = await login();
    expect(
      (await h.app.request('/api/me', { headers: { authorization: `Bearer ${sessionOf(second)}` } })).status,
    ).toBe(200);
    expect(other).not.toBe(second);
  });

  it('lists where each session came from: the client address and the browser', async () => {
    const list = await h.call('admin', 'GET', '/api/tokens?sessions=true');
    const labels = (list.body as Array<{ id: string; label: string | null }>)
      .filter((t) => t.id.startsWith('ses_'))
      .map((t) => t.label ?? '');
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels)
      expect(label).toMatch(/来自 \S+ · Mozilla\/5\.0 \(X11; Linux x86_64\) Chromium\/120/);
  });
});
