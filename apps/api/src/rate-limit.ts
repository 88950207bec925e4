import { RateLimitedError } from './errors';

/**
 * A fixed-window counter per client, in memory: enough to keep one client from flooding the
 * comment form on a single-process service. Old windows are dropped as they expire.
 */
export function createRateLimiter(options: { max: number; windowMs: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    /** Counts one hit for `key`; throws `RateLimitedError` past the limit. */
    hit(key: string): void {
      const t = now();
      if (windows.size > 10_000) {
        for (const [k, w] of windows) if (t - w.start >= options.windowMs) windows.delete(k);
      }
      const window = windows.get(key);
      if (!window || t - window.start >= options.windowMs) {
        windows.set(key, { start: t, count: 1 });
        return;
      }
      if (window.count >= options.max) {
        throw new RateLimitedError(Math.ceil((window.start + options.windowMs - t) / 1000));
      }
      window.count++;
    },
  };
}
