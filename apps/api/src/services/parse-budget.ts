import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareHandler } from 'hono';
import { ServerBusyError } from '../errors';

/** One memory budget for every parse the service runs (imports, previews, comparisons, pages). */
export interface ParseBudgetOptions {
  /** Bytes being parsed at once, all requests together: each body counted at `PARSE_EXPANSION` × its size. */
  maxBytes: number;
  /** Parses running at once. */
  maxParses: number;
  /** How long a request past the budget waits for room before it is answered 503. */
  waitMs: number;
  /** Requests that may wait at once; past it a request is answered 503 at once (never an unbounded queue). */
  maxWaiting?: number;
}

interface Waiter {
  bytes: number;
  grant: () => void;
  timer: NodeJS.Timeout;
}

export interface ParseBudget {
  /** Reserves `bytes` and one parse; resolves with the release, or throws `ServerBusyError`. */
  acquire(bytes: number): Promise<() => void>;
  /** What is in use now (for tests and logs). */
  usage(): { bytes: number; parses: number; waiting: number };
  /**
   * Middleware: reserves the request's declared body size (its maximum when undeclared) before
   * the body is read, and releases it when the answer is made. A request made from inside a
   * reserved one (a page calling the API) is not counted twice.
   */
  middleware(maxBodyBytes: number): MiddlewareHandler;
}

/**
 * Memory a parse holds per byte of body, as the budget counts it: a 2 MB workbook of 45,000
 * materials became ~500 MB of rows, decisions and report (measured by the hostile-upload bench).
 * Counted at 24×, a budget of 64 MiB lets small uploads run side by side while a body of a few MB
 * or more parses alone.
 */
export const PARSE_EXPANSION = 24;

export function createParseBudget(options: ParseBudgetOptions): ParseBudget {
  const maxWaiting = options.maxWaiting ?? 16;
  const retryAfter = Math.max(1, Math.ceil(options.waitMs / 1000) * 2);
  let bytes = 0;
  let parses = 0;
  const queue: Waiter[] = [];
  const held = new AsyncLocalStorage<true>();

  const fits = (n: number) => parses < options.maxParses && (parses === 0 || bytes + n <= options.maxBytes);
  const take = (n: number) => {
    bytes += n;
    parses++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      bytes -= n;
      parses--;
      drain();
    };
  };
  function drain() {
    while (queue.length > 0 && fits(queue[0]!.bytes)) {
      const next = queue.shift()!;
      clearTimeout(next.timer);
      next.grant();
    }
  }

  const budget: ParseBudget = {
    acquire(requested) {
      // A body larger than the whole budget runs alone rather than never.
      const n = Math.min(Math.max(0, requested), options.maxBytes);
      if (queue.length === 0 && fits(n)) return Promise.resolve(take(n));
      if (queue.length >= maxWaiting || options.waitMs <= 0)
        return Promise.reject(new ServerBusyError(retryAfter));
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          bytes: n,
          grant: () => resolve(take(n)),
          timer: setTimeout(() => {
            queue.splice(queue.indexOf(waiter), 1);
            reject(new ServerBusyError(retryAfter));
          }, options.waitMs),
        };
        queue.push(waiter);
      });
    },
    usage: () => ({ bytes, parses, waiting: queue.length }),
    middleware(maxBodyBytes) {
      return async (c, next) => {
        if (held.getStore()) return next();
        const declared = Number(c.req.header('content-length'));
        const size = Number.isFinite(declared) && declared >= 0 ? declared : maxBodyBytes;
        const release = await budget.acquire(Math.min(size, maxBodyBytes) * PARSE_EXPANSION);
        try {
          await held.run(true, next);
        } finally {
          release();
        }
      };
    },
  };
  return budget;
}
