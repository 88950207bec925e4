import { AUDIT_ACTIONS } from '../audit';
import { NotFoundError } from '../errors';
import type { NewToken, TokenRecord, WriteContext } from '../types';
import { plannedAudit, type WritePlan } from './write-plan';

/** What the audit log shows of a token: never its hash. */
const visible = ({ hash: _hash, ...rest }: TokenRecord) => rest;

/** `createToken`: an API token, or a login session when it has a parent. */
export function planCreateToken(token: NewToken, ctx: WriteContext, at: string): WritePlan<TokenRecord> {
  const record: TokenRecord = {
    id: token.id,
    hash: token.hash,
    role: token.role,
    department: token.department ?? null,
    label: token.label ?? null,
    createdAt: at,
    expiresAt: token.expiresAt ?? null,
    lastUsedAt: null,
    revokedAt: null,
    parentId: token.parentId ?? null,
  };
  return {
    statements: [
      {
        sql: 'insertToken',
        params: [
          record.id,
          record.hash,
          record.role,
          record.department,
          record.label,
          at,
          record.expiresAt,
          record.parentId,
        ],
      },
    ],
    audit: [
      plannedAudit(
        ctx,
        at,
        record.parentId ? AUDIT_ACTIONS.sessionCreate : AUDIT_ACTIONS.tokenCreate,
        null,
        `token:${record.id}`,
        null,
        visible(record),
      ),
    ],
    result: record,
  };
}

/** What `revokeToken` reads inside its transaction: the token (row locked) and its live sessions. */
export interface RevokeTokenRead {
  token: TokenRecord | undefined;
  /** Ids of the sessions opened with it and not yet revoked. */
  sessions: readonly string[];
}

/** `revokeToken`: the token and the sessions opened with it; revoking twice changes nothing. */
export function planRevokeToken(
  read: RevokeTokenRead,
  id: string,
  ctx: WriteContext,
  at: string,
): WritePlan<TokenRecord> {
  const before = read.token;
  if (!before) throw new NotFoundError('token', id, '令牌');
  if (before.revokedAt) return { statements: [], audit: [], result: before };
  const after: TokenRecord = { ...before, revokedAt: at };
  return {
    statements: [
      { sql: 'revokeToken', params: [at, id] },
      // Sessions opened with this token go with it.
      { sql: 'revokeSessions', params: [at, id] },
    ],
    audit: [
      plannedAudit(
        ctx,
        at,
        before.parentId ? AUDIT_ACTIONS.sessionRevoke : AUDIT_ACTIONS.tokenRevoke,
        null,
        `token:${id}`,
        visible(before),
        { ...visible(after), sessionsRevoked: [...read.sessions] },
      ),
    ],
    result: after,
  };
}
