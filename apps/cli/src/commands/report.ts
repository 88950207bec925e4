import {
  createLegalTally,
  createSummaryAccumulator,
  type Engine,
  formatLocalDate,
  formatRate,
  type LegalTally,
  type Summary,
  tallyLegalBases,
} from '@jianzheng/core';
import type { ImportLimits } from '@jianzheng/excel';
import type { CommandContext } from '../context';
import { printIssues } from '../context';
import { engineFor } from '../engine';
import { EXIT } from '../errors';
import { evaluateImported } from '../evaluation';
import { AGREEMENT_ZH, categoryLabel } from '../labels';
import { type Column, formatCount, renderMarkdownTable, renderTable } from '../table';
import {
  evaluateWorkbooksFileByFile,
  type ImportLimitOptions,
  importLimitsOf,
  loadWorkbooks,
} from '../workbooks';
import { legalLevelTable, referralReport } from './report-legal';

export interface ReportOptions extends ImportLimitOptions {
  config?: string;
  format: 'table' | 'markdown';
  verbose?: boolean;
  /** The day counted for (YYYY-MM-DD): cancellations in force only later are planned. Default today. */
  asOf?: string;
  /** Print 建议上级取消 (the materials to refer to their issuers) instead of the statistics. */
  refer?: boolean;
}

/**
 * `jianzheng report`: the statistics as the press release gives them — per department and per
 * cancellation category, the rate with one decimal — for people, not for machines.
 */
export async function reportCommand(
  ctx: CommandContext,
  files: string[],
  options: ReportOptions,
): Promise<number> {
  const { engine, config, timeZone } = await engineFor(options.config);
  // Today in the city's zone: a cancellation from a later effectiveFrom is planned (§10).
  const asOf = options.asOf ?? formatLocalDate(new Date(), timeZone, 'date');
  const { summary, legal, ok } = await summarizeWorkbooks(
    ctx,
    files,
    engine,
    options.verbose,
    asOf,
    importLimitsOf(options),
  );
  const markdown = options.format === 'markdown';
  const render = (columns: Column[], rows: string[][]) =>
    markdown ? renderMarkdownTable(columns, rows) : renderTable(columns, rows);
  const bold = (text: string) => (markdown ? `**${text}**` : ctx.out.bold(text));
  const heading = (text: string) => (markdown ? `## ${text}` : ctx.out.bold(text));

  const city = config?.jurisdiction?.name ?? '';
  const lines: string[] = [];
  if (options.refer) {
    lines.push(markdown ? `# ${city}建议上级取消的证明材料` : bold(`${city}建议上级取消的证明材料`));
    lines.push('');
    lines.push(...referralReport(legal, render, heading));
    ctx.io.stdout.write(`${lines.join('\n')}\n`);
    return ok ? EXIT.ok : EXIT.failed;
  }
  lines.push(
    markdown ? `# ${city}政务服务事项申请材料清理情况` : bold(`${city}政务服务事项申请材料清理情况`),
  );
  lines.push('');
  lines.push(
    `${summary.departments} 个部门，政务服务事项 ${formatCount(summary.items)} 项，申请材料 ${formatCount(summary.materials)} 项，` +
      `取消 ${formatCount(summary.cancelled)} 项${plannedNote(summary)}，占比 ${formatRate(summary.cancelled, summary.materials)}。`,
  );
  if (summary.planned > 0) {
    lines.push('');
    lines.push(heading('计划取消'));
    lines.push(render(...plannedTable(summary, bold)));
  }
  lines.push('');
  lines.push(heading('按部门'));
  lines.push(render(...departmentTable(summary, bold)));
  lines.push('');
  lines.push(heading('按取消类别'));
  lines.push(render(...categoryTable(summary, engine, bold)));
  lines.push('');
  lines.push(heading('按设定依据层级'));
  lines.push(render(...legalLevelTable(legal, bold)));
  lines.push('');
  lines.push(heading('部门意见与规则结论'));
  lines.push(
    render(
      [{ header: '情况' }, { header: '材料', align: 'right' }],
      Object.entries(summary.agreement).map(([key, n]) => [AGREEMENT_ZH[key] ?? key, formatCount(n)]),
    ),
  );
  ctx.io.stdout.write(`${lines.join('\n')}\n`);
  return ok ? EXIT.ok : EXIT.failed;
}

/**
 * The figures, counted file by file so that a province's workbooks are never all in memory; the
 * whole batch at once only when an item spans two files (see evaluateFileByFile).
 */
export async function summarizeWorkbooks(
  ctx: CommandContext,
  files: string[],
  engine: Engine,
  verbose: boolean | undefined,
  asOf: string,
  limits: ImportLimits | undefined,
): Promise<{ summary: Summary; legal: LegalTally; ok: boolean }> {
  const counted = createSummaryAccumulator({ categories: [...engine.categories.keys()], asOf });
  const legal = createLegalTally();
  const outcome = await evaluateWorkbooksFileByFile(
    files,
    ctx.io,
    ctx.err,
    engine,
    (materials, decisions) => {
      for (let i = 0; i < materials.length; i++) {
        counted.add(materials[i]!, decisions[i]);
        legal.add(materials[i]!, decisions[i]!);
      }
    },
    limits ? { limits } : {},
  );
  if (outcome.kind === 'done') {
    printIssues(ctx, outcome.issues, verbose);
    return { summary: counted.result(), legal: legal.result(), ok: outcome.failed.length === 0 };
  }
  const imported = await loadWorkbooks(files, ctx.io, ctx.err, limits);
  printIssues(ctx, imported.issues, verbose);
  const evaluation = evaluateImported(imported, engine, asOf);
  return {
    summary: evaluation.summary,
    legal: tallyLegalBases(evaluation.materials, evaluation.decisions),
    ok: imported.ok,
  };
}

/** “（其中计划取消 M 项）” when some cancellations are planned (domain.md §10). */
function plannedNote(summary: Summary): string {
  return summary.planned > 0 ? `（其中计划取消 ${formatCount(summary.planned)} 项）` : '';
}

/** Per department: materials, planned cancellations (§10) and their rate. (The seed's 拟取消 figures are proposals: `report --programme`.) */
function plannedTable(summary: Summary, bold: (text: string) => string): [Column[], string[][]] {
  const columns: Column[] = [
    { header: '部门' },
    { header: '材料', align: 'right' },
    { header: '已取消', align: 'right' },
    { header: '计划取消', align: 'right' },
    { header: '计划取消率', align: 'right' },
  ];
  const row = (name: string, t: Summary['byDepartment'][number] | Summary) => [
    name,
    formatCount(t.materials),
    formatCount(t.effective),
    formatCount(t.planned),
    formatRate(t.planned, t.materials),
  ];
  const rows = summary.byDepartment.filter((d) => d.planned > 0).map((d) => row(d.department, d));
  rows.push(row(`全市（${summary.departments} 个部门）`, summary).map(bold));
  return [columns, rows];
}

function departmentTable(summary: Summary, bold: (text: string) => string): [Column[], string[][]] {
  const columns: Column[] = [
    { header: '部门' },
    { header: '事项', align: 'right' },
    { header: '材料', align: 'right' },
    { header: '取消', align: 'right' },
    { header: '保留', align: 'right' },
    { header: '取消率', align: 'right' },
  ];
  const row = (name: string, t: Summary['byDepartment'][number] | Summary) => [
    name,
    formatCount(t.items),
    formatCount(t.materials),
    formatCount(t.cancelled),
    formatCount(t.retained),
    formatRate(t.cancelled, t.materials),
  ];
  const rows = summary.byDepartment.map((d) => row(d.department, d));
  rows.push(row(`合计（${summary.departments} 个部门）`, summary).map(bold));
  return [columns, rows];
}

function categoryTable(
  summary: Summary,
  engine: Parameters<typeof categoryLabel>[0],
  bold: (text: string) => string,
): [Column[], string[][]] {
  const columns: Column[] = [
    { header: '取消类别' },
    { header: '取消', align: 'right' },
    { header: '占取消', align: 'right' },
    { header: '占材料', align: 'right' },
  ];
  const rows = Object.entries(summary.byCategory).map(([id, n]) => [
    categoryLabel(engine, id),
    formatCount(n),
    formatRate(n, summary.cancelled),
    formatRate(n, summary.materials),
  ]);
  rows.push(
    [
      '合计',
      formatCount(summary.cancelled),
      formatRate(summary.cancelled, summary.cancelled),
      formatRate(summary.cancelled, summary.materials),
    ].map(bold),
  );
  return [columns, rows];
}
