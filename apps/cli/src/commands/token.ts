import { formatLocalDateTime, type JianzhengStore } from '@jianzheng/core';
import type { CommandContext } from '../context';
import { engineFor } from '../engine';
import { EXIT } from '../errors';
import { openStore } from '../open-store';
import { renderTable } from '../table';
import { type ApiModule, loadApi } from './server';

/** Opens `--db` (a SQLite file or a `postgres://` URL) around one piece of work. */
async function withStore<T>(
  ctx: CommandContext,
  db: string,
  work: (store: JianzhengStore) => Promise<T>,
): Promise<T> {
  const store = await openStore(db, ctx.io.cwd);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

export interface TokenOptions {
  db: string;
  role: string;
  department?: string;
  label?: string;
  expires?: string;
  /** The city configuration, for the zone times are shown in (domain.md §9). */
  config?: string;
}

/** Times as the city reads them (the configured zone), never the stored UTC text. */
async function clockOf(config: string | undefined): Promise<(iso: string | null | undefined) => string> {
  const { timeZone } = await engineFor(config);
  return (iso) => (iso ? formatLocalDateTime(iso, timeZone) : '—');
}

/** `jianzheng token create`: prints the bearer token once (stdout); only its hash is stored. */
export async function tokenCreateCommand(ctx: CommandContext, options: TokenOptions): Promise<number> {
  const api = await loadApi();
  const shown = await clockOf(options.config);
  const created = await withStore(ctx, options.db, (store) =>
    api.createToken({
      store,
      role: options.role as Parameters<ApiModule['createToken']>[0]['role'],
      department: options.department ?? null,
      label: options.label ?? null,
      expiresAt: options.expires ?? null,
      now: ctx.io.now,
    }),
  );
  ctx.io.stdout.write(`${created.token}\n`);
  ctx.io.stderr.write(
    `${ctx.err.green('已创建令牌')} ${created.id}（角色 ${created.role}${created.department ? `，部门 ${created.department}` : ''}` +
      `${created.expiresAt ? `，有效至 ${shown(created.expiresAt)}` : ''}）。令牌只显示这一次，请妥善保存。\n`,
  );
  return EXIT.ok;
}

export interface TokenListOptions {
  db: string;
  all?: boolean;
  sessions?: boolean;
  format?: string;
  config?: string;
}

/** `jianzheng token list`: id, role, department, label, created, expiry, last use, revocation — never the secret. */
export async function tokenListCommand(ctx: CommandContext, options: TokenListOptions): Promise<number> {
  const api = await loadApi();
  const tokens = await withStore(ctx, options.db, (store) =>
    api.listTokens({ store, all: options.all === true, sessions: options.sessions === true }),
  );
  if (options.format === 'json') {
    ctx.io.stdout.write(`${JSON.stringify(tokens, null, 2)}\n`);
    return EXIT.ok;
  }
  const now = ctx.io.now().getTime();
  const shown = await clockOf(options.config);
  const state = (t: (typeof tokens)[number]) =>
    t.revokedAt ? '已停用' : t.expiresAt && Date.parse(t.expiresAt) <= now ? '已过期' : '有效';
  const columns = ['编号 id', '角色 role', '部门', '备注 label', '创建', '有效至', '最近使用', '状态'].map(
    (header) => ({
      header,
    }),
  );
  const rows = tokens.map((t) => [
    t.id,
    t.role,
    t.department ?? '—',
    t.label ?? '—',
    shown(t.createdAt),
    shown(t.expiresAt),
    shown(t.lastUsedAt),
    state(t),
  ]);
  ctx.io.stdout.write(`${renderTable(columns, rows)}\n`);
  if (!tokens.length) ctx.io.stderr.write('没有令牌（加 --all 显示已停用、已过期的）\n');
  return EXIT.ok;
}

/** `jianzheng token revoke <id>`: the token (and its login sessions) stop working at once; audited. */
export async function tokenRevokeCommand(
  ctx: CommandContext,
  id: string,
  options: { db: string; config?: string },
): Promise<number> {
  const api = await loadApi();
  const shown = await clockOf(options.config);
  const revoked = await withStore(ctx, options.db, (store) => api.revokeToken({ store, id }));
  ctx.io.stderr.write(
    `${ctx.err.green('已停用令牌')} ${revoked.id}（停用时间 ${shown(revoked.revokedAt)}）\n`,
  );
  return EXIT.ok;
}
