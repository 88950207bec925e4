import type { RateLimit, RateLimitHit } from '@jianzheng/core';
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
      // INSERT … ON CONFLICT takes the row lock: hits from several instances are counted one
      // after the other. SET reads the row as it was, so every CASE sees the same old window.
      const { rows } = await pool.query<{ hits: number; expires_at: string }>(
        `INSERT INTO rate_limits (key, window_start, expires_at, hits) VALUES ($1, $2, $3, 1)
         ON CONFLICT (key) DO UPDATE SET
           window_start = CASE WHEN rate_limits.expires_at <= excluded.window_start THEN excluded.window_start ELSE rate_limits.window_start END,
           expires_at = CASE WHEN rate_limits.expires_at <= excluded.window_start THEN excluded.expires_at ELSE rate_limits.expires_at END,
           hits = CASE WHEN rate_limits.expires_at <= excluded.window_start THEN 1 ELSE rate_limits.hits + 1 END
         RETURNING hits, expires_at`,
        [key, at, at + limit.windowMs],
      );
      const row = rows[0]!;
      const hits = Number(row.hits);
      return {
        allowed: hits <= limit.max,
        count: hits,
        retryAfterMs: Math.max(0, Number(row.expires_at) - at),
      };
    },
  };
}
