import { formatRate } from '@jianzheng/core';
import type { CommandContext } from '../context';
import { printIssues } from '../context';
import { engineFor } from '../engine';
import { EXIT } from '../errors';
import { evaluateImported } from '../evaluation';
import { AGREEMENT_ZH, categoryLabel, VERDICT_ZH } from '../labels';
import { formatCount, renderMarkdownTable, renderTable } from '../table';
import { truncate } from '../width';
import { type ImportLimitOptions, importLimitsOf, loadWorkbooks } from '../workbooks';

export type EvaluateFormat = 'table' | 'json' | 'markdown';

export interface EvaluateOptions extends ImportLimitOptions {
  config?: string;
  format: EvaluateFormat;
  verbose?: boolean;
}

const COLUMNS = [
  { header: '部门' },
  { header: '事项' },
  { header: '材料' },
  { header: '结论' },
  { header: '类别' },
  { header: '部门意见' },
  // The id to copy into `explain --material` or the API.
  { header: '编号' },
];

/** `jianzheng evaluate`: import, evaluate, print one material per line (or the JSON document). */
export async function evaluateCommand(
  ctx: CommandContext,
  files: string[],
  options: EvaluateOptions,
): Promise<number> {
  const { engine } = await engineFor(options.config);
  const imported = await loadWorkbooks(files, ctx.io, ctx.err, importLimitsOf(options));
  const evaluation = evaluateImported(imported, engine);
  printIssues(ctx, imported.issues, options.verbose);
  const { document } = evaluation;
  const { out } = ctx;

  if (options.format === 'json') {
    ctx.io.stdout.write(`${JSON.stringify(document)}\n`);
  } else {
    const markdown = options.format === 'markdown';
    const rows = document.materials.map((m) => {
      const verdict = VERDICT_ZH[m.verdict];
      return [
        m.department,
        markdown ? m.itemName : truncate(m.itemName, 28),
        markdown ? m.name : truncate(m.name, 30),
        markdown ? verdict : m.verdict === 'cancel' ? out.red(verdict) : out.green(verdict),
        categoryLabel(engine, m.category),
        AGREEMENT_ZH[m.agreement] ?? m.agreement,
        markdown ? m.id : out.dim(m.id),
      ];
    });
    const s = document.summary;
    const total =
      `共 ${s.departments} 个部门、${formatCount(s.items)} 个事项、${formatCount(s.materials)} 项材料，` +
      `取消 ${formatCount(s.cancelled)} 项（${formatRate(s.cancelled, s.materials)}），保留 ${formatCount(s.retained)} 项`;
    ctx.io.stdout.write(
      markdown
        ? `${renderMarkdownTable(COLUMNS, rows)}\n\n${total}\n`
        : `${renderTable(COLUMNS, rows)}\n\n${out.bold(total)}\n`,
    );
  }
  return imported.ok ? EXIT.ok : EXIT.failed;
}
