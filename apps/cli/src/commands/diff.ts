import { resolve } from 'node:path';
import { diffPublications, type PublicationDiff, renderDiffMarkdown } from '@jianzheng/json';
import { readPublication } from '@jianzheng/json/node';
import type { CommandContext } from '../context';
import { engineFor } from '../engine';
import { EXIT } from '../errors';
import { checkInputFiles } from '../workbooks';

export interface DiffOptions {
  format: 'markdown' | 'json';
  failOnRegression?: boolean;
  config?: string;
}

/** `jianzheng diff`: what an adjustment changed, regressions (restored materials) first in line. */
export async function diffCommand(
  ctx: CommandContext,
  from: string,
  to: string,
  options: DiffOptions,
): Promise<number> {
  await checkInputFiles([from, to], ctx.io.cwd);
  const { timeZone } = await engineFor(options.config);
  const a = await readPublication(resolve(ctx.io.cwd, from));
  const b = await readPublication(resolve(ctx.io.cwd, to));
  const diff = diffPublications(a, b);
  if (options.format === 'json') ctx.io.stdout.write(`${JSON.stringify(diff)}\n`);
  else ctx.io.stdout.write(`${renderDiffMarkdown(diff, { timeZone })}\n`);
  printRegressions(ctx, diff);
  return diff.restored.length > 0 && options.failOnRegression ? EXIT.regression : EXIT.ok;
}

/** Restored materials (边减边增) on stderr, in red on a terminal, so they cannot be missed. */
export function printRegressions(ctx: CommandContext, diff: PublicationDiff): void {
  const { err } = ctx;
  const c = diff.counts;
  ctx.io.stderr.write(
    `新增 ${c.added} · 删除 ${c.removed} · 新取消 ${c.newlyCancelled} · 恢复索要 ${c.restored} · 改类别 ${c.recategorised} · 事实变更 ${c.changedFacts}\n`,
  );
  if (diff.restored.length === 0) return;
  ctx.io.stderr.write(
    err.red(err.bold(`回退：${diff.restored.length} 项已取消的材料恢复索要（边减边增）\n`)) +
      err.dim(`regression: ${diff.restored.length} cancelled material(s) restored\n`),
  );
  for (const entry of diff.restored) {
    ctx.io.stderr.write(
      err.red(
        `  ${entry.department} · ${entry.item.name} · ${entry.name}  [${entry.id}]  ${entry.from.category?.zh ?? ''} → 保留\n`,
      ),
    );
  }
}
