const BRAND = Symbol.for('jianzheng.error');

export interface JianzhengErrorOptions {
  /** What went wrong underneath (a zod error, an I/O error …). */
  cause?: unknown;
  /** The same message in English; `message` is zh-CN first. */
  messageEn?: string;
}

/**
 * The base of every error this toolkit throws on purpose. `code` is stable across
 * versions, so callers (CLI exit codes, HTTP problem types) switch on it, never on text.
 */
export class JianzhengError extends Error {
  readonly code: string;
  readonly messageEn: string | undefined;
  readonly [BRAND] = true;

  constructor(code: string, message: string, options: JianzhengErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.messageEn = options.messageEn;
  }
}

/**
 * True for errors thrown by any copy of this toolkit. Checks a global symbol brand rather than
 * `instanceof` alone, because two installed copies of core (or a bundled one) have two classes.
 */
export function isJianzhengError(value: unknown): value is JianzhengError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
