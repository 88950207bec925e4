import { escapeMarkdownText } from '@jianzheng/json';
import { displayWidth, padEnd, padStart } from './width';

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

/** An aligned plain-text table (CJK-aware), the way the press release lays its figures out. */
export function renderTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  gap = 2,
): string {
  const widths = columns.map((column, i) =>
    Math.max(displayWidth(column.header), ...rows.map((row) => displayWidth(row[i] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) =>
        columns[i]?.align === 'right' ? padStart(cell, widths[i]!) : padEnd(cell, widths[i]!),
      )
      .join(' '.repeat(gap))
      .trimEnd();
  const rule = '─'.repeat(widths.reduce((a, b) => a + b, 0) + gap * (columns.length - 1));
  return [line(columns.map((c) => c.header)), rule, ...rows.map(line)].join('\n');
}

// Cells come from department workbooks: HTML, links and pipes must stay text.
const escapeCell = escapeMarkdownText;

/** One Markdown table cell, escaped as renderMarkdownTable escapes its cells. */
export const escapeMarkdownCell = escapeCell;

/**
 * A GitHub-flavoured Markdown table. `cellsEscaped`: the caller already passed every cell through
 * `escapeMarkdownText` (so text shared with headings is escaped once, not twice).
 */
export function renderMarkdownTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  options: { cellsEscaped?: boolean } = {},
): string {
  const cell = options.cellsEscaped ? (value: string) => value : escapeCell;
  const header = `| ${columns.map((c) => escapeCell(c.header)).join(' | ')} |`;
  const rule = `|${columns.map((c) => (c.align === 'right' ? ' ---: ' : ' --- ')).join('|')}|`;
  return [header, rule, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
}

export const formatCount = (n: number) => n.toLocaleString('en-US');
