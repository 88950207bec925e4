import { describe, expect, it } from 'vitest';
import type { ContractEnv } from './contract';

const T0 = Date.parse('2026-11-30T08:00:00Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const LIMIT = { max: 3, windowMs: 60_000 };

/** The rate limit counts in the database: one window per key, shared by every handle. */
export function rateLimitsContract(env: ContractEnv): void {
  describe('rate limits', () => {
    it('allows max hits per window, refuses the next with the time left, and starts over after the window', async () => {
      const { store } = env.db();
      const hits = [];
      for (let i = 0; i < 4; i++)
        hits.push(await store.hitRateLimit('comment:10.0.0.1', { ...LIMIT, at: at(i * 1000) }));
      expect(hits.map((h) => h.allowed)).toEqual([true, true, true, false]);
      expect(hits.map((h) => h.count)).toEqual([1, 2, 3, 4]);
      expect(hits[3]!.retryAfterMs).toBe(57_000);
      // Another key has its own window.
      expect(await store.hitRateLimit('comment:10.0.0.2', { ...LIMIT, at: at(3000) })).toMatchObject({
        allowed: true,
        count: 1,
      });
      const later = await store.hitRateLimit('comment:10.0.0.1', { ...LIMIT, at: at(60_000) });
      expect(later).toEqual({ allowed: true, count: 1, retryAfterMs: 60_000 });
    });

    it('two handles on one database share one count, even when they hit at the same moment', async () => {
      const { store } = env.db();
      const other = await env.db().open();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? other : store).hitRateLimit('comment:192.0.2.7', { max: 5, windowMs: 60_000, at: at(i) }),
        ),
      );
      expect(results.filter((r) => r.allowed)).toHaveLength(5);
      expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(
        (await other.hitRateLimit('comment:192.0.2.7', { max: 5, windowMs: 60_000, at: at(20) })).allowed,
      ).toBe(false);
    });
  });
}
