import type { JianzhengStore } from '@jianzheng/core';
import { RateLimitedError } from './errors';

export interface RateLimiter {
  /** Counts one hit for `key`; throws `RateLimitedError` past the limit. */
  hit(key: string): Promise<void>;
}

/**
 * A fixed-window counter per client, kept in the database (`hitRateLimit`), so several instances
 * behind one address share it: a client cannot multiply its allowance by the number of instances.
 * `scope` keeps separate limits apart on the same client key.
 */
export function createRateLimiter(
  store: JianzhengStore,
  options: { scope: string; max: number; windowMs: number; now: () => Date },
): RateLimiter {
  return {
    async hit(key) {
      const result = await store.hitRateLimit(`${options.scope}:${key}`, {
        max: options.max,
        windowMs: options.windowMs,
        at: options.now().toISOString(),
      });
      if (!result.allowed) throw new RateLimitedError(Math.max(1, Math.ceil(result.retryAfterMs / 1000)));
    },
  };
}
