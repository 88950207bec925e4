import { resolve } from 'node:path';
import {
  type ComparisonCell,
  type ComparisonRow,
  createJurisdictionComparison,
  type JurisdictionComparison,
} from '@jianzheng/compare';
import { escapeMarkdownText } from '@jianzheng/json';
import { readPublication } from '@jianzheng/json/node';
import type { CommandContext } from '../context';
import { CliError, EXIT } from '../errors';
import { type Column, formatCount, renderMarkdownTable, renderTable } from '../table';
import { checkInputFiles } from '../workbooks';

export interface CompareOptions {
  format: 'table' | 'json' | 'markdown';
  minCancelled: string;
  rows: string;
}

/**
 * `jianzheng compare`: several jurisdictions' publications side by side (对标, domain.md §13).
 * Files are read one at a time and dropped once added, so a province's cities fit in memory.
 */
export async function compareCommand(
  ctx: CommandContext,
  files: string[],
  options: CompareOptions,
): Promise<number> {
  const k = wholeNumber(options.minCancelled, '--min-cancelled', 1);
  const shown = wholeNumber(options.rows, '--rows', 0);
  await checkInputFiles(files, ctx.io.cwd);
  const builder = createJurisdictionComparison({ minCancelledElsewhere: k });
  for (const file of files) builder.add(await readPublication(resolve(ctx.io.cwd, file)));
  const result = builder.finish();
  if (result.notice)
    ctx.io.stderr.write(`提示 ${result.notice.message.zh}\n    ${result.notice.message.en}\n`);
  if (options.format === 'json') writeJson(ctx, result);
  else ctx.io.stdout.write(`${renderComparison(result, options.format === 'markdown', shown, ctx)}\n`);
  return EXIT.ok;
}

function wholeNumber(text: string, option: string, min: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min)
    throw new CliError(
      'CLI_OPTION_INVALID',
      `${option} 应为不小于 ${min} 的整数，收到 “${text}”`,
      `${option} must be a whole number of at least ${min}, got "${text}"`,
      EXIT.usage,
    );
  return value;
}

/**
 * One JSON document, written a thousand entries at a time: a province's findings and matrix are
 * each longer than V8's longest string (16 cities × 100,000 materials give 761,972 findings).
 */
function writeJson(ctx: CommandContext, result: JurisdictionComparison): void {
  const { rows, findings, ...head } = result;
  const out = ctx.io.stdout;
  const text = JSON.stringify(head);
  out.write(text.slice(0, -1));
  writeArray(out, ',"findings":[', findings);
  writeArray(out, '],"rows":[', rows);
  out.write('\n]}\n');
}

function writeArray(out: CommandContext['io']['stdout'], open: string, values: readonly unknown[]): void {
  let chunk: string[] = [open];
  values.forEach((value, i) => {
    chunk.push((i > 0 ? ',\n' : '\n') + JSON.stringify(value));
    if (chunk.length === 1000) {
      out.write(chunk.join(''));
      chunk = [];
    }
  });
  out.write(chunk.join(''));
}

const cellText = (cell: ComparisonCell): string => {
  if (cell.state === 'demanded') return cell.via ? `要求（${cell.via}）` : '要求';
  if (cell.state === 'not-listed') return '—';
  return `取消·${cell.category?.zh ?? ''}`;
};

/** Rows where the jurisdictions listing the material do not all decide the same way. */
const differs = (row: ComparisonRow): boolean => {
  const listed = row.cells.filter((c) => c.state !== 'not-listed');
  const first = listed[0];
  return listed.some((c) => c.state !== first?.state || c.category?.id !== first?.category?.id);
};

/**
 * Findings first, then the matrix of the rows where decisions differ; each table at most `limit`
 * rows (0 = all), with a line saying how many were left out.
 */
export function renderComparison(
  result: JurisdictionComparison,
  markdown: boolean,
  limit: number,
  ctx?: CommandContext,
): string {
  // Markdown is read as HTML by most renderers: a name such as “<script>” must stay text.
  const text = markdown ? escapeMarkdownText : (value: string) => value;
  const render = (columns: Column[], rows: string[][]) =>
    markdown ? renderMarkdownTable(columns, rows, { cellsEscaped: true }) : renderTable(columns, rows);
  const heading = (value: string) => (markdown ? `## ${value}` : (ctx?.out.bold(value) ?? value));
  const names = result.jurisdictions.map((j) => text(j.name));
  const differing = result.rows.filter(differs);
  const k = result.minCancelledElsewhere;
  const lines: string[] = [];
  lines.push(markdown ? `# 对标：${names.join('、')}` : heading(`对标：${names.join('、')}`));
  lines.push('');
  lines.push(
    `${result.jurisdictions.length} 个地区，${formatCount(result.rows.length)} 项（事项 × 材料），其中各地结论不同 ${formatCount(differing.length)} 项；` +
      `本地仍要求而至少 ${k} 个地区已取消的 ${formatCount(result.findings.length)} 项。`,
  );
  lines.push('');
  lines.push(heading(`仍要求、但至少 ${k} 个地区已取消（先例）`));
  if (result.notice) lines.push(text(result.notice.message.zh));
  const findings = limit > 0 ? result.findings.slice(0, limit) : result.findings;
  if (findings.length === 0) lines.push('无。');
  else
    lines.push(
      render(
        [
          { header: '地区' },
          { header: '部门' },
          { header: '事项' },
          { header: '材料' },
          { header: '已取消的地区（类别，文件）' },
        ],
        findings.map((f) => [
          text(f.jurisdiction.name),
          text(f.department ?? ''),
          text(f.item.name),
          text(f.material),
          f.precedents
            .map((p) =>
              text(
                `${p.jurisdiction.name}（${p.category?.zh ?? ''}，${p.batch.documentNumber ?? p.batch.title}）`,
              ),
            )
            .join('；'),
        ]),
      ),
    );
  if (findings.length < result.findings.length)
    lines.push(
      `\n另有 ${formatCount(result.findings.length - findings.length)} 项发现未显示（--rows 0 显示全部，--format json 给出全部）`,
    );
  lines.push('');
  lines.push(heading('各地结论不同的材料'));
  const rows = limit > 0 ? differing.slice(0, limit) : differing;
  if (rows.length === 0) lines.push('无。');
  else
    lines.push(
      render(
        [{ header: '事项' }, { header: '材料' }, ...names.map((header) => ({ header }))],
        rows.map((row) => [
          text(row.item.name),
          text(row.material),
          ...row.cells.map((c) => text(cellText(c))),
        ]),
      ),
    );
  if (rows.length < differing.length)
    lines.push(
      `\n另有 ${formatCount(differing.length - rows.length)} 项未显示（--rows 0 显示全部，--format json 给出完整矩阵）`,
    );
  return lines.join('\n');
}
