import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signForm } from './security';
import { FORM_SECRET, type Harness, harness } from './test-support/harness';
import { createToken } from './tokens';

let h: Harness;
let clock: Date;
beforeEach(async () => {
  clock = new Date('2026-11-30T08:00:00.000Z');
  h = await harness({ now: () => clock });
});
afterEach(async () => {
  await h.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const ORIGIN = 'http://localhost';
const form = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) => {
  const signed = signForm(FORM_SECRET, headers.cookie);
  return h.app.request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: ORIGIN,
      ...headers,
      cookie: signed.cookie,
    },
    body: new URLSearchParams({ ...fields, _csrf: signed.token }).toString(),
  });
};
const cookieValue = (res: Response) =>
  decodeURIComponent(
    res.headers
      .getSetCookie()
      .find((c) => c.startsWith('jz_token='))
      ?.split(';')[0]
      ?.slice('jz_token='.length) ?? '',
  );

describe('token lifecycle (finding 5)', () => {
  it('an admin lists tokens without their secret and revokes one; the revoked token is refused and the revocation audited', async () => {
    const list = await h.call('admin', 'GET', '/api/tokens');
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(5);
    expect(JSON.stringify(list.body)).not.toMatch(/"hash"|jz_/);
    const police = list.body.find((t: { department: string | null }) => t.department === '市公安局');
    expect(police.lastUsedAt).toBeNull();

    expect((await h.call('police', 'GET', '/api/batches')).status).toBe(200);
    expect((await h.call('police', 'GET', '/api/tokens')).status).toBe(403);
    const used = (await h.call('admin', 'GET', '/api/tokens')).body.find(
      (t: { id: string }) => t.id === police.id,
    );
    expect(used.lastUsedAt).toBe(clock.toISOString());

    const revoked = await h.call('admin', 'DELETE', `/api/tokens/${police.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toBe(clock.toISOString());
    const refused = await h.call('police', 'GET', '/api/batches');
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toBe('令牌已停用');
    expect((await h.call('admin', 'GET', '/api/tokens')).body).toHaveLength(4);
    expect((await h.call('admin', 'GET', '/api/tokens?all=true')).body).toHaveLength(5);
    const audit = await h.call('admin', 'GET', '/api/audit?action=token.revoke');
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].target).toBe(`token:${police.id}`);
    expect((await h.call('admin', 'DELETE', '/api/tokens/tok_nope')).status).toBe(404);
  });

  it('a token with an expiry works until then and is refused as expired after', async () => {
    const created = await h.call('admin', 'POST', '/api/tokens', {
      role: 'legal',
      expiresAt: '2026-11-30T09:00:00Z',
    });
    expect(created.status).toBe(201);
    expect(created.body.expiresAt).toBe('2026-11-30T09:00:00.000Z');
    expect((await h.app.request('/api/batches', { headers: bearer(created.body.token) })).status).toBe(200);
    clock = new Date('2026-11-30T09:00:01.000Z');
    const late = await h.app.request('/api/batches', { headers: bearer(created.body.token) });
    expect(late.status).toBe(401);
    expect(((await late.json()) as { detail: string }).detail).toBe('令牌已过期');
    const past = await h.call('admin', 'POST', '/api/tokens', { role: 'legal', expiresAt: '2020-01-01' });
    expect(past.status).toBe(422);
  });

  it('login keeps a session, not the token, in the cookie; logout revokes it server-side; revoking the token ends its sessions', async () => {
    const login = await form('/operator/login', { token: h.tokens.reviewer });
    const session = cookieValue(login);
    expect(session).toMatch(/^jz_/);
    expect(session).not.toBe(h.tokens.reviewer);
    expect((await h.app.request('/api/batches', { headers: bearer(session) })).status).toBe(200);

    await form('/operator/logout', {}, { cookie: `jz_token=${session}` });
    const after = await h.app.request('/api/batches', { headers: bearer(session) });
    expect(after.status).toBe(401);
    // The token itself still works: logging out ends the session only.
    expect((await h.call('reviewer', 'GET', '/api/batches')).status).toBe(200);

    const again = cookieValue(await form('/operator/login', { token: h.tokens.reviewer }));
    const reviewer = (await h.call('admin', 'GET', '/api/tokens')).body.find(
      (t: { role: string }) => t.role === 'reviewer',
    );
    await h.call('admin', 'DELETE', `/api/tokens/${reviewer.id}`);
    expect((await h.app.request('/api/batches', { headers: bearer(again) })).status).toBe(401);
    const page = await h.app.request(`${ORIGIN}/operator`, { headers: { cookie: `jz_token=${again}` } });
    expect(page.status).toBe(303);
  });

  it('a session never outlives the token it was opened with; logging out with a plain token is refused', async () => {
    const short = await createToken({
      store: h.store,
      role: 'admin',
      expiresAt: '2026-11-30T09:00:00Z',
      now: () => clock,
    });
    const opened = await h.app.request('/api/session', { method: 'POST', headers: bearer(short.token) });
    expect(opened.status).toBe(201);
    expect(((await opened.json()) as { expiresAt: string }).expiresAt).toBe('2026-11-30T09:00:00.000Z');
    expect((await h.call('admin', 'DELETE', '/api/session')).status).toBe(409);
  });
});
