import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Actor, isJianzhengError } from '@jianzheng/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from './driver';
import { createSqliteStore, MIGRATIONS, type SqliteStore } from './index';
import { migrate } from './migrations';

const admin: Actor = { id: 'admin-1', role: 'admin' };
const ctx = { actor: admin, at: '2026-11-30T08:00:00.000Z' };
const hash = (c: string) => c.repeat(64);

let dir: string;
let store: SqliteStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jz-store-tokens-'));
  store = createSqliteStore({
    filename: join(dir, 'jz.db'),
    now: () => new Date('2026-11-30T09:00:00.000Z'),
  });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('token lifecycle', () => {
  it('lists usable tokens, hides expired and revoked ones unless asked, and never lists sessions by default', async () => {
    await store.createToken(
      { id: 'a', hash: hash('a'), role: 'admin', department: null, label: '办公室' },
      ctx,
    );
    await store.createToken(
      {
        id: 'old',
        hash: hash('b'),
        role: 'reviewer',
        department: null,
        label: null,
        expiresAt: '2026-11-30T08:30:00.000Z',
      },
      ctx,
    );
    await store.createToken(
      { id: 's', hash: hash('c'), role: 'admin', department: null, label: null, parentId: 'a' },
      ctx,
    );
    expect((await store.listTokens()).map((t) => t.id)).toEqual(['a']);
    expect((await store.listTokens({ at: '2026-11-30T08:10:00.000Z' })).map((t) => t.id)).toEqual([
      'a',
      'old',
    ]);
    expect((await store.listTokens({ all: true, sessions: true })).map((t) => t.id)).toEqual([
      'a',
      'old',
      's',
    ]);
    expect(await store.findTokenByHash(hash('b'))).toMatchObject({ expiresAt: '2026-11-30T08:30:00.000Z' });
  });

  it('revokes a token with its sessions in one audited write; a second revoke changes nothing', async () => {
    await store.createToken({ id: 'a', hash: hash('a'), role: 'admin', department: null, label: null }, ctx);
    await store.createToken(
      { id: 's', hash: hash('c'), role: 'admin', department: null, label: null, parentId: 'a' },
      ctx,
    );
    const revoked = await store.revokeToken('a', { actor: admin, at: '2026-11-30T10:00:00.000Z' });
    expect(revoked.revokedAt).toBe('2026-11-30T10:00:00.000Z');
    expect((await store.findTokenByHash(hash('c')))?.revokedAt).toBe('2026-11-30T10:00:00.000Z');
    await store.revokeToken('a', ctx);
    const log = await store.listAudit({ action: 'token.revoke' });
    expect(log.total).toBe(1);
    expect(log.items[0]).toMatchObject({
      actor: 'admin-1',
      target: 'token:a',
      after: { sessionsRevoked: ['s'] },
    });
    expect(JSON.stringify(log.items[0])).not.toContain(hash('a'));
    expect((await store.listAudit({ action: 'session.create' })).total).toBe(1);
    try {
      await store.revokeToken('nope', ctx);
      expect.unreachable();
    } catch (error) {
      expect(isJianzhengError(error) && error.code).toBe('NOT_FOUND');
    }
  });

  it('records the last use and never moves it backwards', async () => {
    await store.createToken({ id: 'a', hash: hash('a'), role: 'admin', department: null, label: null }, ctx);
    await store.touchToken('a', '2026-11-30T11:00:00.000Z');
    await store.touchToken('a', '2026-11-30T10:00:00.000Z');
    expect((await store.findTokenByHash(hash('a')))?.lastUsedAt).toBe('2026-11-30T11:00:00.000Z');
    expect((await store.listAudit()).items.map((e) => e.action)).toEqual(['token.create']);
  });

  it('migration 3 keeps tokens created under schema 2 usable, with no expiry', async () => {
    const file = join(dir, 'old.db');
    const old = openSqlite(file, 5000);
    migrate(old, MIGRATIONS.slice(0, 2));
    old
      .prepare(
        "INSERT INTO tokens (id, hash, role, department, label, created_at) VALUES ('t', ?, 'legal', NULL, NULL, 'x')",
      )
      .run(hash('d'));
    old.close();
    const upgraded = createSqliteStore({ filename: file });
    expect(await upgraded.findTokenByHash(hash('d'))).toMatchObject({
      id: 't',
      expiresAt: null,
      revokedAt: null,
      parentId: null,
    });
    await upgraded.close();
  });
});
