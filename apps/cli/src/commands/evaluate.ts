import { resolve } from 'node:path';
import {
  createSummaryAccumulator,
  type Decision,
  type Engine,
  formatRate,
  type Material,
  type Summary,
} from '@jianzheng/core';
import type { CommandContext } from '../context';
import { printIssues } from '../context';
import { engineFor } from '../engine';
import { EXIT } from '../errors';
import { ChunkedWriter, type StreamPass, streamEvaluate } from '../evaluate-stream';
import { documentSummary, evaluatedMaterial, evaluateImported, evaluationIssue } from '../evaluation';
import { AGREEMENT_ZH, categoryLabel, VERDICT_ZH } from '../labels';
import {
  alignedLine,
  displayWidth,
  escapeMarkdownCell,
  formatCount,
  headerRule,
  renderMarkdownTable,
  truncate,
} from '../table';

import {
  type ImportLimitOptions,
  importLimitsOf,
  importProgress,
  loadWorkbooks,
  requireInputFiles,
} from '../workbooks';

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

/**
 * `jianzheng evaluate`: import, evaluate, print one material per line (or the JSON document).
 * It streams: a first pass reads every file item by item, evaluating and counting (and measuring
 * the table's columns); a second pass reads the files that imported and prints each material as
 * it is evaluated. Memory stays that of one item, whatever the files' size (domain.md §8).
 */
export async function evaluateCommand(
  ctx: CommandContext,
  files: string[],
  options: EvaluateOptions,
): Promise<number> {
  const { engine } = await engineFor(options.config);
  await requireInputFiles(files, ctx.io.cwd);
  const list = files.map((path) => ({ path: resolve(ctx.io.cwd, path), fileName: path }));
  const limits = importLimitsOf(options);
  const table = options.format === 'table';
  const widths = COLUMNS.map((c) => displayWidth(c.header));
  const count = (visitRow: boolean) => {
    const accumulator = createSummaryAccumulator({ categories: [...engine.categories.keys()] });
    const visit = (materials: readonly Material[], decisions: readonly Decision[]) => {
      for (let i = 0; i < materials.length; i++) {
        accumulator.add(materials[i]!, decisions[i]);
        if (visitRow) {
          const cells = tableRow(engine, materials[i]!, decisions[i]!, false);
          for (let c = 0; c < cells.length; c++) widths[c] = Math.max(widths[c]!, displayWidth(cells[c]!));
        }
      }
    };
    return { accumulator, visit };
  };

  const progress = importProgress(ctx.io, ctx.err, list.length);
  let first: StreamPass;
  let counted = count(table);
  try {
    first = await streamEvaluate(list, engine, { limits, progress, findSpans: true }, counted.visit);
  } finally {
    progress.done();
  }
  if (first.spansFiles !== undefined) return evaluateWhole(ctx, files, options, engine);
  const good = (index: number) => first.ok[index] === true;
  if (first.ok.some((ok) => !ok)) {
    // A file that failed contributes nothing: count the good ones again.
    counted = count(table);
    await streamEvaluate(list, engine, { limits, include: good }, counted.visit);
  }
  printIssues(ctx, first.issues, options.verbose);
  const summary = counted.accumulator.result();
  const out = new ChunkedWriter(ctx.io.stdout);

  if (options.format === 'json') {
    await out.write(`{"summary":${JSON.stringify(documentSummary(summary))},"materials":[`);
    let separator = '';
    await streamEvaluate(list, engine, { limits, include: good }, async (materials, decisions) => {
      for (let i = 0; i < materials.length; i++) {
        await out.write(separator + JSON.stringify(evaluatedMaterial(materials[i]!, decisions[i]!)));
        separator = ',';
      }
    });
    await out.write(`],"issues":${JSON.stringify(first.issues.map(evaluationIssue))}}\n`);
  } else {
    const markdown = options.format === 'markdown';
    const line = markdown
      ? (cells: readonly string[]) => `| ${cells.map(escapeMarkdownCell).join(' | ')} |\n`
      : (cells: readonly string[]) => `${alignedLine(cells, widths)}\n`;
    await out.write(
      markdown
        ? `${renderMarkdownTable(COLUMNS, [])}\n`
        : `${line(COLUMNS.map((c) => c.header))}${headerRule(widths)}\n`,
    );
    await streamEvaluate(list, engine, { limits, include: good }, async (materials, decisions) => {
      for (let i = 0; i < materials.length; i++) {
        const cells = tableRow(engine, materials[i]!, decisions[i]!, markdown);
        await out.write(line(markdown ? cells : colour(ctx, cells, decisions[i]!)));
      }
    });
    const total = totalLine(summary);
    await out.write(markdown ? `\n${total}\n` : `\n${ctx.out.bold(total)}\n`);
  }
  await out.flush();
  return first.ok.every(Boolean) ? EXIT.ok : EXIT.failed;
}

function tableRow(engine: Engine, m: Material, d: Decision, markdown: boolean): string[] {
  return [
    m.item.department,
    markdown ? m.item.name : truncate(m.item.name, 28),
    markdown ? m.name : truncate(m.name, 30),
    VERDICT_ZH[d.verdict],
    categoryLabel(engine, d.category),
    AGREEMENT_ZH[d.agreement] ?? d.agreement,
    m.id,
  ];
}

/** Colours after padding widths were measured on the plain text (padEnd counts display width). */
function colour(ctx: CommandContext, cells: string[], d: Decision): string[] {
  const out = ctx.out;
  const verdict = cells[3]!;
  cells[3] = d.verdict === 'cancel' ? out.red(verdict) : out.green(verdict);
  cells[6] = out.dim(cells[6]!);
  return cells;
}

function totalLine(
  s: Pick<Summary, 'departments' | 'items' | 'materials' | 'cancelled' | 'retained'>,
): string {
  return (
    `共 ${s.departments} 个部门、${formatCount(s.items)} 个事项、${formatCount(s.materials)} 项材料，` +
    `取消 ${formatCount(s.cancelled)} 项（${formatRate(s.cancelled, s.materials)}），保留 ${formatCount(s.retained)} 项`
  );
}

/**
 * An item found in two files must be numbered as one item: the batch is imported whole (the
 * only case that holds every material in memory at once).
 */
async function evaluateWhole(
  ctx: CommandContext,
  files: string[],
  options: EvaluateOptions,
  engine: Engine,
): Promise<number> {
  const imported = await loadWorkbooks(files, ctx.io, ctx.err, importLimitsOf(options));
  const { document, decisions } = evaluateImported(imported, engine);
  printIssues(ctx, imported.issues, options.verbose);
  if (options.format === 'json') {
    ctx.io.stdout.write(`${JSON.stringify(document)}\n`);
    return imported.ok ? EXIT.ok : EXIT.failed;
  }
  const markdown = options.format === 'markdown';
  const rows = imported.materials.map((m, i) => tableRow(engine, m, decisions[i]!, markdown));
  const total = totalLine(document.summary);
  if (markdown) {
    ctx.io.stdout.write(`${renderMarkdownTable(COLUMNS, rows)}\n\n${total}\n`);
    return imported.ok ? EXIT.ok : EXIT.failed;
  }
  // As the streamed table: one line a row (a whole batch is too many rows for cli-table3).
  const widths = COLUMNS.map((c) => displayWidth(c.header));
  for (const cells of rows)
    for (let c = 0; c < cells.length; c++) widths[c] = Math.max(widths[c]!, displayWidth(cells[c]!));
  const lines = rows.map((cells, i) => alignedLine(colour(ctx, cells, decisions[i]!), widths));
  ctx.io.stdout.write(
    `${alignedLine(
      COLUMNS.map((c) => c.header),
      widths,
    )}\n${headerRule(widths)}\n${lines.join('\n')}\n\n${ctx.out.bold(total)}\n`,
  );
  return imported.ok ? EXIT.ok : EXIT.failed;
}
