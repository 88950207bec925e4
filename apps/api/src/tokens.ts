import { createHash, randomBytes } from 'node:crypto';
import type { Actor, JianzhengStore, Role } from '@jianzheng/core';
import { createSqliteStore } from '@jianzheng/store-sqlite';
import { InvalidTokenRequestError } from './errors';

export const ROLES: readonly Role[] = ['admin', 'reviewer', 'legal', 'department'];

/** sha256 (hex) of a token: what the store keeps instead of the token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface CreateTokenOptions {
  /** The store to write to; or give `dbPath` to open (and close) a SQLite file. */
  store?: JianzhengStore;
  /** SQLite file used when no `store` is given; created and migrated when missing. */
  dbPath?: string;
  role: Role;
  /** Required for (and only for) `department` tokens: the one department it may change. */
  department?: string | null;
  /** A name to recognise the token by (e.g. the person or office). */
  label?: string | null;
  /** Recorded as the creator in the audit log (default: `cli`). */
  actor?: Actor;
}

export interface CreatedToken {
  /** The bearer token. Shown once: only its hash is stored. */
  token: string;
  id: string;
  role: Role;
  department: string | null;
  label: string | null;
}

/**
 * Creates an access token and returns it in plain text once. Tokens are base64url (the
 * characters a Bearer header allows), 256 random bits; the store keeps only their sha256.
 */
export async function createToken(options: CreateTokenOptions): Promise<CreatedToken> {
  if (!ROLES.includes(options.role)) {
    throw new InvalidTokenRequestError(
      `未知的角色 “${String(options.role)}”，可用：${ROLES.join(', ')}`,
      `unknown role "${String(options.role)}"; known: ${ROLES.join(', ')}`,
    );
  }
  const department = options.department?.trim() || null;
  if (options.role === 'department' && !department) {
    throw new InvalidTokenRequestError(
      '部门令牌必须指定 --department',
      'a department token needs --department',
    );
  }
  if (options.role !== 'department' && department) {
    throw new InvalidTokenRequestError(
      '只有部门令牌可以指定部门',
      'only department tokens are bound to a department',
    );
  }
  if (!options.store && !options.dbPath) {
    throw new InvalidTokenRequestError('需要 store 或 dbPath', 'give a store or a dbPath');
  }
  const store = options.store ?? createSqliteStore({ filename: options.dbPath! });
  try {
    const token = `jz_${randomBytes(32).toString('base64url')}`;
    const id = `tok_${randomBytes(6).toString('hex')}`;
    const label = options.label?.trim() || null;
    await store.createToken(
      { id, hash: hashToken(token), role: options.role, department, label },
      { actor: options.actor ?? { id: 'cli', role: 'admin' } },
    );
    return { token, id, role: options.role, department, label };
  } finally {
    if (!options.store) await store.close();
  }
}
