import type { ImportIssue } from '@jianzheng/excel';
import { type CliIo, type Colors, colorsFor } from './io';

/** What every command gets: the streams, their colours, and the global flags. */
export interface CommandContext {
  io: CliIo;
  out: Colors;
  err: Colors;
  debug: boolean;
}

export function createContext(io: CliIo, flags: { color?: boolean; debug?: boolean }): CommandContext {
  const allowed = flags.color !== false;
  return {
    io,
    out: colorsFor(io.stdout, io.env, allowed),
    err: colorsFor(io.stderr, io.env, allowed),
    debug: flags.debug === true,
  };
}

/**
 * Import problems go to stderr for the operator, errors and warnings always, notices only with
 * --verbose: stdout stays clean for the table or the JSON document. Without it, one line says how
 * many notices there are: a skipped subtotal or signature row is never dropped without a word.
 */
export function printIssues(ctx: CommandContext, issues: readonly ImportIssue[], verbose = false): void {
  const { err } = ctx;
  let hidden = 0;
  for (const issue of issues) {
    if (issue.severity === 'info' && !verbose) {
      hidden++;
      continue;
    }
    const tag =
      issue.severity === 'error'
        ? err.red(err.bold('错误 error'))
        : issue.severity === 'warning'
          ? err.yellow('警告 warning')
          : err.dim('提示 info');
    ctx.io.stderr.write(`${tag} ${issue.message}\n`);
    if (issue.messageEn) ctx.io.stderr.write(err.dim(`    ${issue.messageEn}\n`));
  }
  if (hidden > 0) {
    ctx.io.stderr.write(
      `${err.dim('提示 info')} 另有 ${hidden} 条导入提示未显示（如跳过的小计、合计、重复表头或签名行），加 --verbose 显示\n`,
    );
    ctx.io.stderr.write(
      err.dim(
        `    ${hidden} more info notices not shown (such as skipped subtotal, header or signature rows); add --verbose\n`,
      ),
    );
  }
}
