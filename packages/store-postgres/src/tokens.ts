import type { NewToken, TokenQuery, TokenRecord, WriteContext } from '@jianzheng/core';
import {
  numberedPlaceholders,
  planCreateToken,
  planRevokeToken,
  type StoreRow,
  tokenFromRow,
  tokenListQuery,
} from '@jianzheng/core/store-sql';
import type pg from 'pg';
import { postgresPlans as plans, type Tx } from './plan-runner';

/** The token methods of the PostgreSQL store (port: createToken … touchToken). */
export function postgresTokenMethods(
  pool: pg.Pool,
  tx: <T>(fn: (client: Tx) => Promise<T>) => Promise<T>,
  stamp: (ctx: WriteContext) => string,
  now: () => Date,
) {
  return {
    async createToken(token: NewToken, ctx: WriteContext): Promise<TokenRecord> {
      const at = stamp(ctx);
      return tx((client) => plans.execute(client, planCreateToken(token, ctx, at)));
    },

    async findTokenByHash(hash: string) {
      const [row] = await plans.rows(pool, 'tokenByHash', [hash]);
      return row ? tokenFromRow(row) : undefined;
    },

    async listTokens(query: TokenQuery & { at?: string } = {}) {
      const { sql, params } = tokenListQuery(query, query.at ?? now().toISOString());
      return ((await pool.query(numberedPlaceholders(sql), params)).rows as StoreRow[]).map(tokenFromRow);
    },

    async revokeToken(id: string, ctx: WriteContext): Promise<TokenRecord> {
      const at = stamp(ctx);
      return tx(async (client) => {
        // The token's row lock also holds back a login opening a session with it (its foreign key).
        const [row] = await plans.rows(client, 'token', [id], 'update');
        const sessions = (await plans.rows(client, 'liveSessions', [id])).map((s) => String(s.id));
        const read = { token: row && tokenFromRow(row), sessions };
        return plans.execute(client, planRevokeToken(read, id, ctx, at));
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
