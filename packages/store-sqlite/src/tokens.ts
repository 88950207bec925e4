import type { NewToken, TokenQuery, TokenRecord, WriteContext } from '@jianzheng/core';
import { planCreateToken, planRevokeToken, type StoreRow, tokenFromRow } from '@jianzheng/core/store-sql';
import type { SqliteConnection } from './driver';
import type { SqlitePlanRunner } from './plan-runner';

/** The token methods of the SQLite store (port: createToken … touchToken). */
export function tokenMethods(
  db: SqliteConnection,
  run: SqlitePlanRunner,
  stamp: (ctx: WriteContext) => string,
  now: () => Date,
) {
  const touch = db.prepare(
    'UPDATE tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)',
  );
  return {
    async createToken(token: NewToken, ctx: WriteContext): Promise<TokenRecord> {
      const at = stamp(ctx);
      return db.transaction(() => run.execute(planCreateToken(token, ctx, at)))();
    },

    async findTokenByHash(hash: string) {
      const row = run.statement('SELECT * FROM tokens WHERE hash = ?').get(hash) as StoreRow | undefined;
      return row ? tokenFromRow(row) : undefined;
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
      const rows = run.statement(`SELECT * FROM tokens ${clause} ORDER BY created_at, id`).all(...params);
      return (rows as StoreRow[]).map(tokenFromRow);
    },

    async revokeToken(id: string, ctx: WriteContext): Promise<TokenRecord> {
      const at = stamp(ctx);
      return db
        .transaction(() => {
          const row = run.row('token', id);
          const sessions = run.rows('liveSessions', id).map((session) => String(session.id));
          const read = { token: row && tokenFromRow(row), sessions };
          return run.execute(planRevokeToken(read, id, ctx, at));
        })
        .immediate();
    },

    async touchToken(id: string, at: string) {
      touch.run(at, id, at);
    },
  };
}
