import {
  type NewToken,
  NotFoundError,
  type TokenQuery,
  type TokenRecord,
  type WriteContext,
} from '@jianzheng/core';
import type { SqliteConnection } from './driver';

type Row = Record<string, unknown>;
type Audit = (
  ctx: WriteContext,
  at: string,
  action: string,
  batchId: string | null,
  target: string | null,
  before: unknown,
  after: unknown,
) => void;

const text = (value: unknown) => (value as string | null) ?? null;

function tokenFrom(row: Row): TokenRecord {
  return {
    id: String(row.id),
    hash: String(row.hash),
    role: row.role as TokenRecord['role'],
    department: text(row.department),
    label: text(row.label),
    createdAt: String(row.created_at),
    expiresAt: text(row.expires_at),
    lastUsedAt: text(row.last_used_at),
    revokedAt: text(row.revoked_at),
    parentId: text(row.parent_id),
  };
}

/** What the audit log shows of a token: never its hash. */
const visible = ({ hash: _hash, ...rest }: TokenRecord) => rest;

/** The token methods of the SQLite store (port: createToken … touchToken). */
export function tokenMethods(
  db: SqliteConnection,
  stamp: (ctx: WriteContext) => string,
  audit: Audit,
  now: () => Date,
) {
  const byId = db.prepare('SELECT * FROM tokens WHERE id = ?');
  const byHash = db.prepare('SELECT * FROM tokens WHERE hash = ?');
  const touch = db.prepare(
    'UPDATE tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)',
  );
  return {
    async createToken(token: NewToken, ctx: WriteContext): Promise<TokenRecord> {
      const at = stamp(ctx);
      return db.transaction(() => {
        db.prepare(
          'INSERT INTO tokens (id, hash, role, department, label, created_at, expires_at, parent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(
          token.id,
          token.hash,
          token.role,
          token.department,
          token.label,
          at,
          token.expiresAt ?? null,
          token.parentId ?? null,
        );
        const record = tokenFrom(byId.get(token.id) as Row);
        audit(
          ctx,
          at,
          record.parentId ? 'session.create' : 'token.create',
          null,
          `token:${token.id}`,
          null,
          visible(record),
        );
        return record;
      })();
    },

    async findTokenByHash(hash: string) {
      const row = byHash.get(hash) as Row | undefined;
      return row ? tokenFrom(row) : undefined;
    },

    async listTokens(query: TokenQuery & { at?: string } = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (!query.sessions) where.push('parent_id IS NULL');
      if (!query.all) {
        where.push('revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)');
        params.push(query.at ?? now().toISOString());
      }
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      return (
        db.prepare(`SELECT * FROM tokens ${clause} ORDER BY created_at, id`).all(...params) as Row[]
      ).map(tokenFrom);
    },

    async revokeToken(id: string, ctx: WriteContext): Promise<TokenRecord> {
      const at = stamp(ctx);
      return db.transaction(() => {
        const row = byId.get(id) as Row | undefined;
        if (!row) throw new NotFoundError('token', id, '令牌');
        const before = tokenFrom(row);
        if (before.revokedAt) return before;
        db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ?').run(at, id);
        // Sessions opened with this token go with it.
        const sessions = db
          .prepare('UPDATE tokens SET revoked_at = ? WHERE parent_id = ? AND revoked_at IS NULL RETURNING id')
          .all(at, id) as Array<{ id: string }>;
        const after = tokenFrom(byId.get(id) as Row);
        audit(
          ctx,
          at,
          before.parentId ? 'session.revoke' : 'token.revoke',
          null,
          `token:${id}`,
          visible(before),
          {
            ...visible(after),
            sessionsRevoked: sessions.map((s) => s.id),
          },
        );
        return after;
      })();
    },

    async touchToken(id: string, at: string) {
      touch.run(at, id, at);
    },
  };
}
