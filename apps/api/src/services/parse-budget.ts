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
  /** Whether the grant is a parse of its own (acquire) or more bytes for one running (grow). */
  parse: boolean;
  grant: () => void;
  timer: NodeJS.Timeout;
}

/** What a request reserved: the middleware's reservation, grown by what it builds later. */
interface Reservation {
  grow(bytes: number): Promise<void>;
  settle(bodyBytes: number): void;
  bytes(): number;
}

export interface ParseBudget {
  /** Reserves `bytes` and one parse; resolves with the release, or throws `ServerBusyError`. */
  acquire(bytes: number): Promise<() => void>;
  /**
   * Adds `bytes` to the reservation of the request it is called from (a dry-run report about to
   * be built), waiting for room like `acquire` or throwing `ServerBusyError`; released with the
   * request's reservation. Outside a reserved request it reserves nothing.
   */
  grow(bytes: number): Promise<void>;
  /**
   * The request's body is read and was `bodyBytes`: its reservation (made from the declared size,
   * or the largest body when none was declared) shrinks to what that body is counted at.
   */
  settle(bodyBytes: number): void;
  /** Bytes the request it is called from holds (0 outside one). */
  held(): number;
  /** The whole budget, in bytes. */
  readonly maxBytes: number;
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
 * Memory a parse holds per byte of body, as the budget counts it (rows and decisions; a dry run's
 * report is counted apart, by its estimated size, with `grow`). Counted at 24×, a budget of 64 MiB
 * lets small uploads run side by side while a body of a few MB or more parses alone.
 */
export const PARSE_EXPANSION = 24;

export function createParseBudget(options: ParseBudgetOptions): ParseBudget {
  const maxWaiting = options.maxWaiting ?? 16;
  const retryAfter = Math.max(1, Math.ceil(options.waitMs / 1000) * 2);
  let bytes = 0;
  let parses = 0;
  const queue: Waiter[] = [];
  const held = new AsyncLocalStorage<Reservation>();

  const fits = (n: number, parse = true) =>
    parse
      ? parses < options.maxParses && (parses === 0 || bytes + n <= options.maxBytes)
      : bytes + n <= options.maxBytes;
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
  /** Waits in the one queue for `n` bytes (and a parse when `parse`); 503 past the wait. */
  const wait = <T>(n: number, parse: boolean, granted: () => T) => {
    if (queue.length >= maxWaiting || options.waitMs <= 0)
      return Promise.reject(new ServerBusyError(retryAfter));
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        bytes: n,
        parse,
        grant: () => resolve(granted()),
        timer: setTimeout(() => {
          queue.splice(queue.indexOf(waiter), 1);
          reject(new ServerBusyError(retryAfter));
        }, options.waitMs),
      };
      queue.push(waiter);
    });
  };
  function drain() {
    while (queue.length > 0 && fits(queue[0]!.bytes, queue[0]!.parse)) {
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
      return wait(n, true, () => take(n));
    },
    grow: (n) => held.getStore()?.grow(n) ?? Promise.resolve(),
    settle: (n) => held.getStore()?.settle(n),
    held: () => held.getStore()?.bytes() ?? 0,
    maxBytes: options.maxBytes,
    usage: () => ({ bytes, parses, waiting: queue.length }),
    middleware(maxBodyBytes) {
      return async (c, next) => {
        if (held.getStore()) return next();
        const declared = Number(c.req.header('content-length'));
        const size = Number.isFinite(declared) && declared >= 0 ? declared : maxBodyBytes;
        const reserved = Math.min(Math.min(size, maxBodyBytes) * PARSE_EXPANSION, options.maxBytes);
        const release = await budget.acquire(reserved);
        let grown = 0;
        let settled = reserved;
        const reservation: Reservation = {
          bytes: () => settled + grown,
          settle(bodyBytes) {
            const counted = Math.min(Math.max(0, bodyBytes) * PARSE_EXPANSION, settled);
            bytes -= settled - counted;
            settled = counted;
            drain();
          },
          async grow(n) {
            if (n <= 0) return;
            const add = () => {
              bytes += n;
              grown += n;
            };
            if (fits(n, false)) add();
            else await wait(n, false, add);
          },
        };
        try {
          await held.run(reservation, next);
        } finally {
          // `release` gives back the amount first reserved; what `settle` gave back early and
          // what `grow` added are squared here.
          bytes += reserved - settled - grown;
          grown = 0;
          settled = reserved;
          release();
        }
      };
    },
  };
  return budget;
}
