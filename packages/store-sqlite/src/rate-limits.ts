import type { RateLimit, RateLimitHit } from '@jianzheng/core';
import { rateLimitHitFromRow, rateLimitUpsertSql } from '@jianzheng/core/store-sql';
import type { SqliteConnection } from './driver';

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
export function rateLimitMethods(db: SqliteConnection, now: () => Date) {
  const sweep = db.prepare('DELETE FROM rate_limits WHERE expires_at <= ?');
  const upsert = db.prepare(rateLimitUpsertSql('?', '?', '?'));
  const hit = db.transaction((key: string, at: number, windowMs: number) => {
    sweep.run(at);
    return upsert.get(key, at, at + windowMs) as { hits: number; expires_at: number };
  });
  return {
    async hitRateLimit(key: string, limit: RateLimit): Promise<RateLimitHit> {
      const at = limit.at ? Date.parse(limit.at) : now().getTime();
      return rateLimitHitFromRow(hit(key, at, limit.windowMs), limit, at);
    },
  };
}
