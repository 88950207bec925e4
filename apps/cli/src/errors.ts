import { isJianzhengError, JianzhengError } from '@jianzheng/core';

/** Exit codes of `jianzheng` (stable; scripts and CI switch on them). */
export const EXIT = {
  ok: 0,
  /** A workbook failed to import (the others were still processed), or a command failed. */
  failed: 1,
  /** Wrong invocation: unknown option, missing file, invalid configuration. */
  usage: 2,
  /** `diff --fail-on-regression` found restored materials. */
  regression: 3,
} as const;

/** An error the command reports to the operator as it is, with the exit code it implies. */
export class CliError extends JianzhengError {
  readonly exitCode: number;

  constructor(code: string, message: string, messageEn: string, exitCode: number, cause?: unknown) {
    super(code, message, { messageEn, cause });
    this.exitCode = exitCode;
  }
}

/** Codes of errors from the packages that mean “the invocation was wrong”, not “the work failed”. */
const USAGE_CODES = new Set([
  'CONFIG_LOAD_FAILED',
  'CONFIG_INVALID',
  'UNKNOWN_RULE',
  'UNKNOWN_CATEGORY',
  'DUPLICATE_RULE',
  'RULE_DEFINITION_INVALID',
  'PLUGIN_INVALID',
  // @jianzheng/api: `token create` with an unknown role or a department token without --department.
  'TOKEN_REQUEST_INVALID',
  // @jianzheng/compare: two versions of one batch given to `compare`.
  'COMPARE_DUPLICATE_BATCH',
]);

export function exitCodeOf(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (isJianzhengError(error) && USAGE_CODES.has(error.code)) return EXIT.usage;
  return EXIT.failed;
}

/** The zh-CN message first, then the English one, as the operator reads it; never a stack trace. */
export function describeError(error: unknown): string {
  if (isJianzhengError(error)) {
    const en = error.messageEn && error.messageEn !== error.message ? `\n  ${error.messageEn}` : '';
    return `${error.message}${en}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `内部错误：${message}（加 --debug 查看详情）\n  internal error: ${message} (rerun with --debug for details)`;
}
