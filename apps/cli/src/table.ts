import { escapeMarkdownText } from '@jianzheng/json';
import Table from 'cli-table3';
import stringWidth from 'string-width';

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

const GAP = '  ';
// No frame: columns two spaces apart, one rule under the header, the way the press release lays
// its figures out. cli-table3 measures CJK text with string-width.
const CHARS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '─',
  'mid-mid': '─'.repeat(GAP.length),
  right: '',
  'right-mid': '',
  middle: GAP,
};

/** An aligned plain-text table (CJK-aware), drawn by cli-table3. */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const table = new Table({
    head: columns.map((c) => c.header),
    chars: CHARS,
    colAligns: columns.map((c) => c.align ?? 'left'),
    style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 0 },
  });
  for (const row of rows) table.push(columns.map((_, i) => row[i] ?? ''));
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

// string-width segments graphemes with Intl.Segmenter: about 30 × slower than a code point table on
// Node 20 (bench/cli-text.bench.mjs). `evaluate` measures every cell of every row, and a batch repeats
// its departments, categories and common material names, so widths are remembered (bounded).
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const WIDTHS = new Map<string, number>();
const REMEMBERED = 100_000;

/** Terminal columns of a text (CJK characters take two; colours take none), by string-width. */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = WIDTHS.get(text);
  if (width === undefined) {
    width = stringWidth(text);
    if (WIDTHS.size >= REMEMBERED) WIDTHS.clear();
    WIDTHS.set(text, width);
  }
  return width;
}

/** Pads a text with spaces to `width` terminal columns. */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/**
 * One line of a table printed row by row (`evaluate` streams rows whose count grows with the input;
 * cli-table3 holds the whole table and takes about 1.5 ms a row): cells padded to `widths`, two
 * spaces apart, as renderTable draws them.
 */
export function alignedLine(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((cell, i) => padEnd(cell, widths[i]!))
    .join(GAP)
    .trimEnd();
}

/** The rule under an aligned header: as wide as the columns and their gaps. */
export function headerRule(widths: readonly number[]): string {
  return '─'.repeat(widths.reduce((a, b) => a + b, 0) + GAP.length * (widths.length - 1));
}

/** Cuts a text to at most `width` terminal columns, marking the cut with “…”. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    const w = displayWidth(char);
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return `${out}…`;
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
