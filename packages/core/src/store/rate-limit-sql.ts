import type { RateLimit, RateLimitHit } from './types';

/**
 * The one statement both stores count a hit with: it counts the hit, or starts a new window when
 * the old one has run out. SET reads the row as it was, so every CASE sees the same old window;
 * the upsert takes the row lock, so hits from several connections are counted one after another.
 * `key`, `at` and `expiresAt` are the dialect's placeholders.
 */
export function rateLimitUpsertSql(key: string, at: string, expiresAt: string): string {
  return `INSERT INTO rate_limits (key, window_start, expires_at, hits) VALUES (${key}, ${at}, ${expiresAt}, 1)
    ON CONFLICT (key) DO UPDATE SET
      window_start = CASE WHEN rate_limits.expires_at <= excluded.window_start THEN excluded.window_start ELSE rate_limits.window_start END,
      expires_at = CASE WHEN rate_limits.expires_at <= excluded.window_start THEN excluded.expires_at ELSE rate_limits.expires_at END,
      hits = CASE WHEN rate_limits.expires_at <= excluded.window_start THEN 1 ELSE rate_limits.hits + 1 END
    RETURNING hits, expires_at`;
}

/** The answer to a hit from the upsert's row (a driver may return the numbers as strings). */
export function rateLimitHitFromRow(
  row: { hits: number | string; expires_at: number | string },
  limit: RateLimit,
  at: number,
): RateLimitHit {
  const hits = Number(row.hits);
  return { allowed: hits <= limit.max, count: hits, retryAfterMs: Math.max(0, Number(row.expires_at) - at) };
}
