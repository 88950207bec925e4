import { cellText } from './cell-text';
import { columnLetter } from './column-letter';
import type { FileContext } from './file-context';
import { type Field, matchHeader } from './headers';
import { makeIssue } from './issues';
import type { SheetCells } from './sheet-cells';
import type { SheetRow } from './sheet-row';

/** A recognised header cell: column, field, the text as written. */
export type HeaderCell = [column: number, field: Field, text: string];

/** The material column of the attachment's lists of materials no longer required (取消, 实行告知承诺). */
const CANCELLED_HEADERS = new Set(['取消的申请材料', '实行告知承诺的申请材料']);

/** The non-blank texts of a row and which of them are recognised headers (domain.md §8). */
export function scanHeaderCells(row: SheetRow): {
  found: HeaderCell[];
  texts: string[];
  hasMaterial: boolean;
} {
  const found: HeaderCell[] = [];
  const texts: string[] = [];
  let hasMaterial = false;
  row.eachValue((value, column) => {
    const text = cellText(value).trim();
    if (text.length === 0) return;
    texts.push(text);
    const field = matchHeader(text);
    if (field === undefined) return;
    found.push([column, field, text]);
    if (field === 'materialName') hasMaterial = true;
  });
  return { found, texts, hasMaterial };
}

/** The header of the cancelled sheet of an exported list (its material column is 取消的申请材料). */
export function isCancelledListHeader(found: HeaderCell[], texts: string[], hasMaterial: boolean): boolean {
  return (
    !hasMaterial && found.length >= 2 && texts.some((text) => CANCELLED_HEADERS.has(text.replace(/\s+/g, '')))
  );
}

/** A sub-header read within its group that carries no field (份数 under 申请材料). */
const IGNORED_IN_GROUP = new Set([
  '份数',
  '数量',
  '页数',
  '份数要求',
  '材料份数',
  '原件份数',
  '复印件份数',
  '纸质份数',
  '要求',
  '序号',
]);

/** What a group cell (申请材料, 材料信息, 事项) gathers, for sub-headers such as 名称. */
function groupField(label: string): Field | undefined {
  const field = matchHeader(label);
  if (field === 'materialName' || field === 'itemName') return field;
  const compact = label.replace(/\s+/g, '');
  if (compact.includes('材料')) return 'materialName';
  if (compact.includes('事项')) return 'itemName';
  return undefined;
}

/** A sub-header's meaning within its group: 名称 is the group's name field; 份数 is read as nothing. */
function withinGroup(text: string, group: Field | undefined): Field | 'ignored' | undefined {
  const compact = text.replace(/\s+/g, '');
  if (group !== undefined && (compact === '名称' || compact === '名字')) return group;
  const field = matchHeader(text);
  if (field !== undefined) return field;
  if (group !== undefined && IGNORED_IN_GROUP.has(compact)) return 'ignored';
  return undefined;
}

/**
 * The columns each header cell spans: its merged range on the header row, else (formats without
 * merges, such as CSV) up to the next filled header cell.
 */
export function headerSpans(
  headerLabels: ReadonlyMap<number, string>,
  merged: ReadonlyMap<number, number>,
): Array<[left: number, right: number, label: string]> {
  const columns = [...headerLabels.keys()].sort((a, b) => a - b);
  return columns.map((left, i) => [
    left,
    merged.get(left) ?? (i + 1 < columns.length ? columns[i + 1]! - 1 : Number.MAX_SAFE_INTEGER),
    headerLabels.get(left)!,
  ]);
}

/**
 * A second header row under a merged group cell (domain.md §8): every filled cell is a known
 * header, or a sub-header read within its group (申请材料 over 名称 | 来源 | 份数 → 材料名称, 材料来源,
 * not read). Returns the columns of both rows together (the lower row wins a column), or
 * undefined when the row is not a sub-header.
 */
export function subHeaderColumns(
  row: SheetRow,
  headerLabels: ReadonlyMap<number, string>,
  spans: ReadonlyArray<[number, number, string]>,
): HeaderCell[] | undefined {
  const found: HeaderCell[] = [];
  const ignored = new Set<number>();
  let other = false;
  row.eachValue((value, column) => {
    if (other) return;
    const text = cellText(value).trim();
    if (text.length === 0) return;
    const span = spans.find(([left, right]) => left <= column && column <= right);
    // Only a group over several columns gives its sub-headers a meaning of its own.
    const group = span !== undefined && span[1] > span[0] ? groupField(span[2]) : undefined;
    const field = withinGroup(text, group);
    if (field === undefined) other = true;
    else if (field === 'ignored') ignored.add(column);
    else found.push([column, field, text]);
  });
  if (found.length === 0 || other) return undefined;
  const merged = new Map<number, HeaderCell>();
  for (const [column, text] of headerLabels) {
    const field = matchHeader(text);
    if (field !== undefined && !ignored.has(column)) merged.set(column, [column, field, text]);
  }
  for (const entry of found) merged.set(entry[0], entry);
  return [...merged.values()].sort((a, b) => a[0] - b[0]);
}

/**
 * Header labels written on the row above the header and merged down (序号, 事项名称, 清理意见 beside
 * a 材料信息 group): they belong to the header row. Merged ranges already filled them in; this
 * covers formats that keep no merges (CSV, HTML exports) — a recognised label over a blank cell.
 */
export function labelsFromAbove(
  above: SheetRow | undefined,
  header: SheetRow,
  found: HeaderCell[],
): HeaderCell[] {
  if (above === undefined || above.number !== header.number - 1) return [];
  const fields = new Set(found.map((f) => f[1]));
  const added: HeaderCell[] = [];
  above.eachValue((value, column) => {
    const text = cellText(value).trim();
    if (text.length === 0 || /[:：]/.test(text) || header.value(column) !== undefined) return;
    const field = matchHeader(text);
    if (field === undefined || fields.has(field)) return;
    fields.add(field);
    added.push([column, field, text]);
  });
  return added;
}

/** Sets each field's column (the leftmost wins); a second column of the same field is a warning. */
export function mapColumns(
  ctx: FileContext,
  cells: SheetCells,
  found: HeaderCell[],
  rowNumber: number,
): void {
  for (const [column, field, text] of found.sort((a, b) => a[0] - b[0])) {
    const existing = cells.col[field];
    if (existing === undefined) {
      cells.col[field] = column;
      continue;
    }
    ctx.issues.add(
      makeIssue(
        'warning',
        'DUPLICATE_HEADER',
        { file: ctx.file, sheet: cells.sheet, row: rowNumber, column: columnLetter(column) },
        `“${text}”与 ${columnLetter(existing)} 列表示同一项内容，只读取 ${columnLetter(existing)} 列`,
        `"${text}" names the same field (${field}) as column ${columnLetter(existing)}; only column ${columnLetter(existing)} is read`,
      ),
    );
  }
}
