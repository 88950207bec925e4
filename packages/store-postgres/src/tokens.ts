import {
  AUDIT_ACTIONS,
  type NewToken,
  NotFoundError,
  type StoreRow,
  type TokenQuery,
  type TokenRecord,
  tokenFromRow,
  type WriteContext,
} from '@jianzheng/core';
import type pg from 'pg';

type Tx = pg.PoolClient;
type Audit = (
  client: Tx,
  ctx: WriteContext,
  at: string,
  action: string,
  batchId: string | null,
  target: string | null,
  before: unknown,
  after: unknown,
) => Promise<void>;

/** What the audit log shows of a token: never its hash. */
const visible = ({ hash: _hash, ...rest }: TokenRecord) => rest;

/** The token methods of the PostgreSQL store (port: createToken … touchToken). */
export function postgresTokenMethods(
  pool: pg.Pool,
  tx: <T>(fn: (client: Tx) => Promise<T>) => Promise<T>,
  stamp: (ctx: WriteContext) => string,
  audit: Audit,
  now: () => Date,
) {
  const one = async (client: Tx | pg.Pool, sql: string, params: unknown[]) =>
    (await client.query(sql, params)).rows[0] as StoreRow | undefined;
  return {
    async createToken(token: NewToken, ctx: WriteContext): Promise<TokenRecord> {
      const at = stamp(ctx);
      return tx(async (client) => {
        const record = tokenFromRow(
          (await one(
            client,
            `INSERT INTO tokens (id, hash, role, department, label, created_at, expires_at, parent_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
            [
              token.id,
              token.hash,
              token.role,
              token.department,
              token.label,
              at,
              token.expiresAt ?? null,
              token.parentId ?? null,
            ],
          ))!,
        );
        const action = record.parentId ? AUDIT_ACTIONS.sessionCreate : AUDIT_ACTIONS.tokenCreate;
        await audit(client, ctx, at, action, null, `token:${token.id}`, null, visible(record));
        return record;
      });
    },

    async findTokenByHash(hash: string) {
      const row = await one(pool, 'SELECT * FROM tokens WHERE hash = $1', [hash]);
      return row ? tokenFromRow(row) : undefined;
    },

    async listTokens(query: TokenQuery & { at?: string } = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (!query.sessions) where.push('parent_id IS NULL');
      if (!query.all) {
        params.push(query.at ?? now().toISOString());
        where.push(`revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $${params.length})`);
      }
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      return (
        (await pool.query(`SELECT * FROM tokens ${clause} ORDER BY created_at, id`, params))
          .rows as StoreRow[]
      ).map(tokenFromRow);
    },

    async revokeToken(id: string, ctx: WriteContext): Promise<TokenRecord> {
      const at = stamp(ctx);
      return tx(async (client) => {
        const row = await one(client, 'SELECT * FROM tokens WHERE id = $1 FOR UPDATE', [id]);
        if (!row) throw new NotFoundError('token', id, '令牌');
        const before = tokenFromRow(row);
        if (before.revokedAt) return before;
        const after = tokenFromRow(
          (await one(client, 'UPDATE tokens SET revoked_at = $1 WHERE id = $2 RETURNING *', [at, id]))!,
        );
        // Sessions opened with this token go with it.
        const sessions = (
          await client.query(
            'UPDATE tokens SET revoked_at = $1 WHERE parent_id = $2 AND revoked_at IS NULL RETURNING id',
            [at, id],
          )
        ).rows as Array<{ id: string }>;
        await audit(
          client,
          ctx,
          at,
          before.parentId ? AUDIT_ACTIONS.sessionRevoke : AUDIT_ACTIONS.tokenRevoke,
          null,
          `token:${id}`,
          visible(before),
          {
            ...visible(after),
            sessionsRevoked: sessions.map((s) => s.id),
          },
        );
        return after;
      });
    },

    async touchToken(id: string, at: string) {
      await pool.query(
        'UPDATE tokens SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $1)',
        [at, id],
      );
    },
  };
}
