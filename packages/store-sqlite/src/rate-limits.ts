import type { RateLimit, RateLimitHit } from '@jianzheng/core';
import type { Database } from 'better-sqlite3';

export const RATE_LIMITS_MIGRATION_SQL = `
  CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    window_start INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    hits INTEGER NOT NULL
  );
  CREATE INDEX rate_limits_by_expiry ON rate_limits (expires_at);
`;

/** The rate-limit method of the SQLite store (port: hitRateLimit). */
export function rateLimitMethods(db: Database, now: () => Date) {
  const sweep = db.prepare('DELETE FROM rate_limits WHERE expires_at <= ?');
  // One statement counts the hit or starts a new window when the old one has run out; SET reads
  // the row as it was, so every CASE sees the same old window.
  const upsert = db.prepare(`
    INSERT INTO rate_limits (key, window_start, expires_at, hits) VALUES (?, ?, ?, 1)
    ON CONFLICT (key) DO UPDATE SET
      window_start = CASE WHEN rate_limits.expires_at <= excluded.window_start THEN excluded.window_start ELSE rate_limits.window_start END,
      expires_at = CASE WHEN rate_limits.expires_at <= excluded.window_start THEN excluded.expires_at ELSE rate_limits.expires_at END,
      hits = CASE WHEN rate_limits.expires_at <= excluded.window_start THEN 1 ELSE rate_limits.hits + 1 END
    RETURNING hits, expires_at`);
  const hit = db.transaction((key: string, at: number, windowMs: number) => {
    sweep.run(at);
    return upsert.get(key, at, at + windowMs) as { hits: number; expires_at: number };
  });
  return {
    async hitRateLimit(key: string, limit: RateLimit): Promise<RateLimitHit> {
      const at = limit.at ? Date.parse(limit.at) : now().getTime();
      const row = hit(key, at, limit.windowMs);
      return {
        allowed: row.hits <= limit.max,
        count: row.hits,
        retryAfterMs: Math.max(0, row.expires_at - at),
      };
    },
  };
}
