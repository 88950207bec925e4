import type { RateLimit, RateLimitHit } from '@jianzheng/core';
import { rateLimitHitFromRow, rateLimitUpsertSql } from '@jianzheng/core/store-sql';
import type pg from 'pg';

export const RATE_LIMITS_MIGRATION_SQL = `
  CREATE TABLE rate_limits (
    key text PRIMARY KEY,
    window_start bigint NOT NULL,
    expires_at bigint NOT NULL,
    hits integer NOT NULL
  );
  CREATE INDEX rate_limits_by_expiry ON rate_limits (expires_at);
`;

/** The rate-limit method of the PostgreSQL store (port: hitRateLimit). */
export function postgresRateLimitMethods(pool: pg.Pool, now: () => Date) {
  return {
    async hitRateLimit(key: string, limit: RateLimit): Promise<RateLimitHit> {
      const at = limit.at ? Date.parse(limit.at) : now().getTime();
      await pool.query('DELETE FROM rate_limits WHERE expires_at <= $1', [at]);
      const { rows } = await pool.query<{ hits: number; expires_at: string }>(
        rateLimitUpsertSql('$1', '$2', '$3'),
        [key, at, at + limit.windowMs],
      );
      return rateLimitHitFromRow(rows[0]!, limit, at);
    },
  };
}
