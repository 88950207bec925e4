import type { NewToken, TokenQuery, TokenRecord, WriteContext } from '@jianzheng/core';
import {
  planCreateToken,
  planRevokeToken,
  type StoreRow,
  tokenFromRow,
  tokenListQuery,
} from '@jianzheng/core/store-sql';
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
      const row = run.row('tokenByHash', hash);
      return row ? tokenFromRow(row) : undefined;
    },

    async listTokens(query: TokenQuery & { at?: string } = {}) {
      const { sql, params } = tokenListQuery(query, query.at ?? now().toISOString());
      return (run.statement(sql).all(...params) as StoreRow[]).map(tokenFromRow);
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
