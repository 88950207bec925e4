// Every format other than xlsx — .xls (BIFF8/BIFF5) and WPS .et, .ods, .xlsb, CSV, and the “伪xls”
// exports (an HTML table or XML Spreadsheet 2003 saved as .xls) — read by SheetJS, which is the
// one library that reads them all in JavaScript. It reads whole files into memory, so the input
// was size-checked before (ImportLimits.maxFileBytes). Its cells become the same SheetRow objects
// the xlsx scanner yields, so every layout of domain.md §8 imports the same way in every format.
import { JianzhengError } from '@jianzheng/core';
import iconv from 'iconv-lite';
import { concatenation, emptyStringFormulas } from './biff-formulas';
import { columnLetter } from './column-letter';
import { CellTooLongError } from './limits';
import type { WholeFormat } from './open-input';
import type { StreamedSheet } from './read-worksheets';
import { type CellValue, SheetRow } from './worksheet-rows';

type SheetJS = typeof import('@e965/xlsx');

let loaded: Promise<SheetJS> | undefined;

/** SheetJS and its code pages (BIFF5 .xls from Chinese Windows is GBK, code page 936), once. */
function sheetjs(): Promise<SheetJS> {
  loaded ??= (async () => {
    const XLSX = await import('@e965/xlsx');
    const codepages = await import('@e965/xlsx/dist/cpexcel.full.mjs');
    XLSX.set_cptable(codepages);
    return XLSX;
  })();
  return loaded;
}

/** A file the fallback reader could not read, with the format it was taken for. */
export class UnreadableFormatError extends JianzhengError {
  constructor(
    format: string,
    /** What was wrong, in zh-CN (kept so the error can cross from the parser's worker thread). */
    readonly detail: string,
    cause?: unknown,
  ) {
    super(
      'UNREADABLE_FORMAT',
      `无法读取此 ${format} 文件（${detail}）。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入`,
      {
        messageEn: `cannot read this ${format} file (${detail}); open it in Excel or WPS and save as .xlsx`,
        cause,
      },
    );
  }
}

/** The text of a CSV or “伪xls” export: UTF-8 (± BOM), UTF-16 with BOM, else GB18030 (GBK's superset). */
export function decodeText(bytes: Buffer): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: bytes.toString('utf8', 3), encoding: 'UTF-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: bytes.toString('utf16le', 2), encoding: 'UTF-16LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: iconv.decode(bytes.subarray(2), 'utf16-be'), encoding: 'UTF-16BE' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: iconv.decode(bytes, 'gb18030'), encoding: 'GB18030' };
  }
}

const FORMAT_NAMES: Record<WholeFormat, string> = {
  ole: '.xls/.et',
  ods: '.ods',
  xlsb: '.xlsb',
  text: '文本（CSV/网页/XML）',
};

// SheetJS prints this to console.error for every conditional section of an ODS number format
// that LibreOffice writes (currency, accounting: value()>0, value()<0 …): a dozen English lines on
// the operator's stderr, naming no file, about a display format whose only use here is telling a
// date from a number. Those sections never hold a date code; any other message passes through.
const FORMAT_NOISE = 'ODS number format may be incorrect';

/** Runs SheetJS's synchronous read with its number-format notice held back. */
export function withoutFormatNoise<T>(read: () => T): T {
  const original = console.error;
  console.error = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith(FORMAT_NOISE)) return;
    original(...args);
  };
  try {
    return read();
  } finally {
    console.error = original;
  }
}

export function formatName(format: WholeFormat): string {
  return FORMAT_NAMES[format];
}

const DAY_MS = 24 * 3600 * 1000;

/** Reads a whole non-xlsx workbook into sheets of SheetRows. Throws UnreadableFormatError. */
export async function readWholeWorkbook(
  bytes: Buffer,
  format: WholeFormat,
  maxCellLength: number,
  /** The name of a CSV's one sheet (SheetJS calls it Sheet1). */
  csvSheetName?: string,
): Promise<StreamedSheet[]> {
  const XLSX = await sheetjs();
  const common = { dense: true, cellNF: true, cellDates: false, cellStyles: false, WTF: false } as const;
  let workbook: import('@e965/xlsx').WorkBook;
  try {
    if (format === 'text') {
      const { text } = decodeText(bytes);
      // raw: cells as written (an item code 341300000123456789 must not become 3.41e17, nor
      // “2018-09-04” a number): the importer parses the values it understands itself.
      workbook = withoutFormatNoise(() => XLSX.read(text, { ...common, type: 'string', raw: true }));
    } else {
      workbook = withoutFormatNoise(() => XLSX.read(bytes, { ...common, type: 'buffer' }));
    }
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    const detail = /password|encrypt/i.test(message)
      ? '文件已加密'
      : /unsupported|not supported/i.test(message)
        ? '不支持的版本或格式'
        : '文件已损坏或格式无法识别';
    throw new UnreadableFormatError(FORMAT_NAMES[format], detail, error);
  }
  const date1904 = workbook.Workbook?.WBProps?.date1904 === true;
  const props = workbook.Workbook?.Sheets ?? [];
  let emptyStrings: Set<string> | undefined;
  // Only a .xls formula read as 0 can be an empty-string result; the records are read only then.
  const isEmptyString = (index: number, r: number, c: number): boolean => {
    if (format !== 'ole') return false;
    emptyStrings ??= emptyStringFormulas(XLSX.CFB, bytes);
    return emptyStrings.has(`${index}:${r}:${c}`);
  };
  return workbook.SheetNames.map((name, index) => {
    const hidden = props[index]?.Hidden;
    const sheet = workbook.Sheets[name]!;
    return {
      name:
        format === 'text' && csvSheetName !== undefined && workbook.SheetNames.length === 1
          ? csvSheetName
          : name,
      state: hidden === 2 ? 'veryHidden' : hidden === 1 ? 'hidden' : 'visible',
      rows: batches(sheetRows(XLSX, sheet, date1904, maxCellLength, (r, c) => isEmptyString(index, r, c))),
      merges: (sheet['!merges'] ?? []).map((m) => ({
        top: m.s.r + 1,
        left: m.s.c + 1,
        bottom: m.e.r + 1,
        right: m.e.c + 1,
      })),
    };
  });
}

async function* batches(rows: Iterable<SheetRow>): AsyncGenerator<SheetRow[]> {
  let batch: SheetRow[] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length === 1000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function* sheetRows(
  XLSX: SheetJS,
  sheet: import('@e965/xlsx').WorkSheet,
  date1904: boolean,
  maxCellLength: number,
  isEmptyString: (row: number, column: number) => boolean,
): Generator<SheetRow> {
  const data = (sheet['!data'] ?? []) as Array<
    Array<import('@e965/xlsx').CellObject | undefined> | undefined
  >;
  const rowProps = sheet['!rows'] ?? [];
  for (let r = 0; r < data.length; r++) {
    const cells = data[r];
    const hidden = rowProps[r]?.hidden === true;
    if (cells === undefined) {
      if (hidden) yield new SheetRow(r + 1, [], [], true);
      continue;
    }
    const columns: number[] = [];
    const values: CellValue[] = [];
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      if (cell === undefined) continue;
      const value =
        cell.f !== undefined && cell.t === 'n' && cell.v === 0
          ? zeroFormula(XLSX, data, r, c, cell.f, date1904, isEmptyString)
          : cellValue(XLSX, cell, date1904);
      if (value === undefined) continue;
      if (typeof value === 'string' && value.length > maxCellLength) {
        throw new CellTooLongError(maxCellLength, value.length, { row: r + 1, column: columnLetter(c + 1) });
      }
      columns.push(c + 1);
      values.push(value);
    }
    yield new SheetRow(r + 1, columns, values, hidden);
  }
}

function cellValue(
  XLSX: SheetJS,
  cell: import('@e965/xlsx').CellObject,
  date1904: boolean,
): CellValue | undefined {
  switch (cell.t) {
    case 's':
      return cell.v === undefined || cell.v === '' ? undefined : String(cell.v);
    case 'b':
      return cell.v === true;
    case 'e':
      return { error: cell.w ?? '#ERROR' };
    case 'd':
      return cell.v instanceof Date ? cell.v : undefined;
    case 'n': {
      if (typeof cell.v !== 'number') return cell.f !== undefined ? { formula: cell.f } : undefined;
      const format = typeof cell.z === 'string' ? cell.z : undefined;
      if (format !== undefined && XLSX.SSF.is_date(format)) {
        return new Date(Math.round((cell.v - 25569 + (date1904 ? 1462 : 0)) * DAY_MS));
      }
      return cell.v;
    }
    default:
      // A stub ('z') holds no value; a formula there was never calculated.
      return cell.f !== undefined ? { formula: cell.f } : undefined;
  }
}

/**
 * A .xls formula cached as 0 may be a text result the file lost (see biff-formulas.ts): the
 * empty string, a concatenation worked out from its cells, or, for other formulas that make text
 * (a quote or an &), a formula without a result — an error naming the cell, never a silent “0”.
 */
function zeroFormula(
  XLSX: SheetJS,
  data: Array<Array<import('@e965/xlsx').CellObject | undefined> | undefined>,
  r: number,
  c: number,
  formula: string,
  date1904: boolean,
  isEmptyString: (row: number, column: number) => boolean,
  depth = 0,
): CellValue | undefined {
  if (isEmptyString(r, c)) return undefined;
  if (!/["&]/.test(formula)) return cellValue(XLSX, data[r]![c]!, date1904);
  const text = concatenation(formula, (ref) => {
    if (depth > 8) return undefined;
    const at = XLSX.utils.decode_cell(ref);
    const cell = data[at.r]?.[at.c];
    if (cell === undefined || cell.v === undefined) return '';
    const value =
      cell.f !== undefined && cell.t === 'n' && cell.v === 0
        ? zeroFormula(XLSX, data, at.r, at.c, cell.f, date1904, isEmptyString, depth + 1)
        : cellValue(XLSX, cell, date1904);
    if (value === undefined) return '';
    return typeof value === 'object' ? undefined : String(value);
  });
  return text === undefined ? { formula } : text === '' ? undefined : text;
}
