import { randomBytes } from 'node:crypto';
import { type Actor, type JianzhengStore, type Role, sha256Hex, type TokenRecord } from '@jianzheng/core';
import { InvalidTokenRequestError } from './errors';

export const ROLES: readonly Role[] = ['admin', 'reviewer', 'legal', 'department'];

/** How long a login session lasts (also the cookie's max age). */
export const SESSION_MS = 8 * 60 * 60 * 1000;

/** sha256 (hex) of a token: what the store keeps instead of the token. */
export function hashToken(token: string): string {
  return sha256Hex(token);
}

interface StoreChoice {
  /** The store to read and write (any adapter of the port); the caller opens and closes it. */
  store: JianzhengStore;
}

export interface CreateTokenOptions extends StoreChoice {
  role: Role;
  /** Required for (and only for) `department` tokens: the one department it may change. */
  department?: string | null;
  /** A name to recognise the token by (e.g. the person or office). */
  label?: string | null;
  /** When the token stops working (ISO instant); none = until revoked. */
  expiresAt?: string | null;
  /** Opens a login session of this token id (the session dies with it). */
  parentId?: string | null;
  /** Recorded as the creator in the audit log (default: `cli`). */
  actor?: Actor;
  /** Clock for checking `expiresAt` (default: system time). */
  now?: () => Date;
}

export interface CreatedToken {
  /** The bearer token. Shown once: only its hash is stored. */
  token: string;
  id: string;
  role: Role;
  department: string | null;
  label: string | null;
  expiresAt: string | null;
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
  const expiresAt = options.expiresAt ? normaliseInstant(options.expiresAt) : null;
  const now = (options.now ?? (() => new Date()))();
  if (expiresAt && Date.parse(expiresAt) <= now.getTime()) {
    throw new InvalidTokenRequestError(
      `过期时间 ${expiresAt} 已经过去`,
      `the expiry ${expiresAt} is in the past`,
    );
  }
  const { store } = options;
  const token = `jz_${randomBytes(32).toString('base64url')}`;
  const id = `${options.parentId ? 'ses' : 'tok'}_${randomBytes(6).toString('hex')}`;
  const label = options.label?.trim() || null;
  await store.createToken(
    {
      id,
      hash: hashToken(token),
      role: options.role,
      department,
      label,
      expiresAt,
      parentId: options.parentId ?? null,
    },
    { actor: options.actor ?? { id: 'cli', role: 'admin' }, at: now.toISOString() },
  );
  return { token, id, role: options.role, department, label, expiresAt };
}

function normaliseInstant(text: string): string {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) {
    throw new InvalidTokenRequestError(
      `过期时间无法识别：${text}（示例：2027-01-31 或 2027-01-31T18:00:00+08:00）`,
      `cannot read the expiry "${text}" (e.g. 2027-01-31 or 2027-01-31T18:00:00+08:00)`,
    );
  }
  return new Date(ms).toISOString();
}

/** A token as shown to people: everything but its hash. */
export type TokenInfo = Omit<TokenRecord, 'hash'>;

export const tokenInfo = ({ hash: _hash, ...rest }: TokenRecord): TokenInfo => rest;

export interface ListTokensOptions extends StoreChoice {
  /** Revoked and expired tokens too. */
  all?: boolean;
  /** Login sessions too. */
  sessions?: boolean;
}

export async function listTokens(options: ListTokensOptions): Promise<TokenInfo[]> {
  const tokens = await options.store.listTokens({
    all: options.all ?? false,
    sessions: options.sessions ?? false,
  });
  return tokens.map(tokenInfo);
}

export interface RevokeTokenOptions extends StoreChoice {
  id: string;
  /** Recorded as the revoker in the audit log (default: `cli`). */
  actor?: Actor;
}

/** Revokes a token (and its login sessions); audited. */
export async function revokeToken(options: RevokeTokenOptions): Promise<TokenInfo> {
  const actor = options.actor ?? { id: 'cli', role: 'admin' as const };
  return tokenInfo(await options.store.revokeToken(options.id, { actor }));
}
