import type { Actor, JianzhengStore, Role, TokenRecord } from '@jianzheng/core';
import type { MiddlewareHandler } from 'hono';
import { ForbiddenError, UnauthorizedError } from './errors';
import { hashToken, tokenInfo } from './tokens';

/** Who is calling: a token's role (and department), or the anonymous public. */
export interface Principal {
  actor: Actor;
  role: Role | 'anonymous';
  department: string | null;
  /** The token the caller sent (its id, expiry, and `parentId` for a login session); null for the public. */
  token: Omit<TokenRecord, 'hash'> | null;
}

export type AppEnv = { Variables: { principal: Principal } };

const ANONYMOUS: Principal = {
  actor: { id: 'anonymous', role: 'anonymous' },
  role: 'anonymous',
  department: null,
  token: null,
};
// The characters RFC 6750 allows in a Bearer token.
const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;
// Last use is recorded at most once a minute per token: a write per request would serialise reads.
const TOUCH_EVERY_MS = 60_000;

/**
 * Resolves the bearer token (if any) to a principal; a bad, unknown, revoked or expired token is
 * a 401 naming which.
 */
export function authenticate(
  store: JianzhengStore,
  now: () => Date = () => new Date(),
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) {
      c.set('principal', ANONYMOUS);
      return next();
    }
    const match = BEARER.exec(header.trim());
    if (!match) throw new UnauthorizedError('malformed');
    const record = await store.findTokenByHash(hashToken(match[1]!));
    if (!record) throw new UnauthorizedError('unknown');
    if (record.revokedAt) throw new UnauthorizedError('revoked');
    const at = now();
    if (record.expiresAt && Date.parse(record.expiresAt) <= at.getTime())
      throw new UnauthorizedError('expired');
    if (!record.lastUsedAt || at.getTime() - Date.parse(record.lastUsedAt) >= TOUCH_EVERY_MS) {
      await store.touchToken(record.id, at.toISOString());
    }
    c.set('principal', {
      actor: {
        id: record.label ? `${record.label} (${record.id})` : record.id,
        role: record.role,
        department: record.department,
      },
      role: record.role,
      department: record.department,
      token: tokenInfo(record),
    });
    return next();
  };
}

const ROLE_ZH: Record<string, string> = {
  admin: '管理员',
  reviewer: '审核组',
  legal: '法制审核',
  department: '部门',
  anonymous: '公众',
};

/** 401 for the anonymous public, 403 for a token whose role is not among `roles`. */
export function requireRole(principal: Principal, roles: readonly Role[]): void {
  if (principal.role === 'anonymous') throw new UnauthorizedError('missing');
  if (!roles.includes(principal.role)) {
    throw new ForbiddenError(
      `角色“${ROLE_ZH[principal.role]}”无权执行此操作（需要：${roles.map((r) => ROLE_ZH[r]).join('、')}）`,
      `role "${principal.role}" may not do this (needs ${roles.join(', ')})`,
    );
  }
}

/** 谁设定，谁清理: a department token may change only its own department's materials. */
export function requireOwnDepartment(principal: Principal, departments: readonly string[]): void {
  if (principal.role !== 'department') return;
  const others = departments.filter((d) => d !== principal.department);
  if (others.length > 0) {
    throw new ForbiddenError(
      `部门令牌只能修改本部门（${principal.department}）的材料，不能修改：${others.join('、')}`,
      `a department token may change only ${principal.department}'s materials, not: ${others.join(', ')}`,
    );
  }
}

/**
 * Route middleware: checks the role before the request body is parsed or validated, so an
 * anonymous or unauthorised caller learns nothing about the body's shape (401/403, never 400).
 */
export function allow(roles: readonly Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    requireRole(c.get('principal'), roles);
    await next();
  };
}
