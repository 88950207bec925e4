import { JianzhengError } from '@jianzheng/core';

/**
 * What one imported file may hold, enforced while it is read (never after it was all in memory).
 * Every field is optional; an absent one takes the default below. A file over a limit imports
 * nothing and gets one error issue naming the limit (and the sheet/row/cell where it applies).
 */
export interface ImportLimits {
  /** Rows read per file, header and notes included (default 3,000,000; Excel's sheet holds 1,048,576). */
  maxRows?: number;
  /** Materials per file (default 2,000,000). */
  maxMaterials?: number;
  /**
   * Materials of one item (default 10,000; a real item lists a few dozen). An item is decided
   * only once it is complete, so a file that is one endless item would be held whole.
   */
  maxItemMaterials?: number;
  /** Characters in one cell (default 32,767: what Excel itself can hold in a cell). */
  maxCellLength?: number;
  /**
   * Entries in the shared-strings table (default 10,000,000). A 1 MB part can declare 150 million
   * empty `<si/>` entries: the table is held in memory, so it is counted as it is read.
   */
  maxSharedStrings?: number;
  /** Bytes one part of an xlsx may inflate to, counted while inflating (default 1 GiB: zip bombs). */
  maxPartBytes?: number;
  /**
   * Size of a file read by the whole-file reader (SheetJS: .xls, .et, .csv, .ods, .xlsb, HTML and
   * XML “伪xls”), which holds the file and all its cells in memory (default 64 MiB).
   */
  maxFileBytes?: number;
  /**
   * Bytes an .ods or .xlsb may declare its parts to inflate to, all parts together (default
   * 256 MiB). SheetJS inflates them whole, so they are checked before it sees a byte and the
   * declared sizes are verified by inflating (counted, discarded) first.
   */
  maxWholeInflatedBytes?: number;
  /** Heap of the worker thread a whole-file format is parsed on, in MiB (default 512). */
  maxParserHeapMb?: number;
}

export const DEFAULT_LIMITS: Readonly<Required<ImportLimits>> = Object.freeze({
  maxRows: 3_000_000,
  maxMaterials: 2_000_000,
  maxItemMaterials: 10_000,
  maxCellLength: 32_767,
  maxSharedStrings: 10_000_000,
  maxPartBytes: 1024 * 1024 * 1024,
  maxFileBytes: 64 * 1024 * 1024,
  maxWholeInflatedBytes: 256 * 1024 * 1024,
  maxParserHeapMb: 512,
});

export function resolveLimits(limits: ImportLimits | undefined): Required<ImportLimits> {
  const resolved = { ...DEFAULT_LIMITS };
  if (limits === undefined) return resolved;
  for (const key of Object.keys(DEFAULT_LIMITS) as Array<keyof ImportLimits>) {
    const value = limits[key];
    if (value === undefined) continue;
    if (!(typeof value === 'number' && value > 0 && (Number.isInteger(value) || value === Infinity))) {
      throw new JianzhengError(
        'INVALID_IMPORT_LIMIT',
        `导入限制 ${key} 必须是正整数（收到 ${String(value)}）`,
        {
          messageEn: `import limit ${key} must be a positive integer (got ${String(value)})`,
        },
      );
    }
    resolved[key] = value;
  }
  return resolved;
}

/** Where in a workbook a limit was passed, as far as it is known. */
export interface LimitLocation {
  sheet?: string;
  row?: number;
  column?: string;
}

/** A file passed one of its `ImportLimits`. The importer turns it into an error issue. */
export abstract class ImportLimitError extends JianzhengError {
  /** The `ImportLimits` field that was passed. */
  abstract readonly limit: keyof ImportLimits;
  constructor(
    code: string,
    zh: string,
    en: string,
    readonly at: LimitLocation = {},
  ) {
    super(code, zh, { messageEn: en });
  }
}

const count = (n: number) => n.toLocaleString('en-US');
const mib = (n: number) => `${Math.round(n / 1048576).toLocaleString('en-US')} MiB`;

export class TooManyRowsError extends ImportLimitError {
  readonly limit = 'maxRows';
  constructor(max: number, at: LimitLocation) {
    super(
      'TOO_MANY_ROWS',
      `文件的行数超过上限 ${count(max)} 行，已停止读取；请拆分为多个文件，或由管理员调高上限`,
      `the file has more than ${count(max)} rows (the limit); split it or raise the limit`,
      at,
    );
  }
}

export class TooManyMaterialsError extends ImportLimitError {
  readonly limit = 'maxMaterials';
  constructor(max: number, at: LimitLocation) {
    super(
      'TOO_MANY_MATERIALS',
      `文件的申请材料超过上限 ${count(max)} 条，已停止读取；请拆分为多个文件，或由管理员调高上限`,
      `the file holds more than ${count(max)} materials (the limit); split it or raise the limit`,
      at,
    );
  }
}

export class TooManyItemMaterialsError extends ImportLimitError {
  readonly limit = 'maxItemMaterials';
  constructor(max: number, item: string, at: LimitLocation) {
    super(
      'TOO_MANY_ITEM_MATERIALS',
      `事项「${item}」的申请材料超过上限 ${count(max)} 条（一个事项通常只有几十条），可能是重复粘贴的行，已停止读取；请检查该事项，或由管理员调高上限`,
      `the item "${item}" lists more than ${count(max)} materials (the limit; an item usually lists a few dozen); check the item or raise the limit`,
      at,
    );
  }
}

export class CellTooLongError extends ImportLimitError {
  readonly limit = 'maxCellLength';
  constructor(max: number, length: number, at: LimitLocation) {
    super(
      'CELL_TOO_LONG',
      `单元格有 ${count(length)} 个字符，超过上限 ${count(max)}（Excel 单元格最多 32,767 个字符）`,
      `the cell holds ${count(length)} characters, over the limit of ${count(max)} (Excel holds at most 32,767)`,
      at,
    );
  }
}

export class TooManySharedStringsError extends ImportLimitError {
  readonly limit = 'maxSharedStrings';
  constructor(max: number) {
    super(
      'TOO_MANY_SHARED_STRINGS',
      `共享字符串表的条目超过上限 ${count(max)} 条，可能是恶意构造的文件，已拒绝读取`,
      `the shared-strings table holds more than ${count(max)} entries (the limit): possibly a hostile file, refused`,
    );
  }
}

export class PartTooLargeError extends ImportLimitError {
  readonly limit = 'maxPartBytes';
  constructor(part: string, max: number) {
    super(
      'WORKBOOK_TOO_LARGE',
      `文件中的“${part}”解压后超过 ${mib(max)}，可能是恶意构造的压缩包（zip 炸弹），已拒绝读取；如确为正常数据，请拆分为多个工作簿`,
      `the part ${part} inflates past ${mib(max)}: possibly a zip bomb, refused; split genuine data into several workbooks`,
    );
  }
}

export class FileTooLargeError extends ImportLimitError {
  readonly limit = 'maxFileBytes';
  constructor(format: string, size: number, max: number) {
    super(
      'FILE_TOO_LARGE',
      `${format} 文件有 ${mib(size)}，超过此格式的读取上限 ${mib(max)}（该格式须整体读入内存）；请在 Excel 或 WPS 中另存为 .xlsx（可流式读取）后再导入，或拆分文件`,
      `the ${format} file is ${mib(size)}, over the ${mib(max)} limit for this format (read whole into memory); save it as .xlsx (streamed) or split it`,
    );
  }
}

/**
 * Bytes of one cell, row or shared string held while its end tag has not arrived: the text's
 * longest UTF-8 and entity spelling of `maxCellLength` characters with room for a row of them.
 * Past it the part is refused while it is read, before a 100 MB cell is ever buffered whole.
 */
export function maxHeldBytes(maxCellLength: number): number {
  return Number.isFinite(maxCellLength) ? Math.max(4 * 1024 * 1024, maxCellLength * 192) : Infinity;
}

/** One cell (or shared string) was still open after `maxHeldBytes` of its XML were read. */
export class CellTooLargeError extends ImportLimitError {
  readonly limit = 'maxCellLength';
  constructor(max: number, bytes: number, at: LimitLocation) {
    super(
      'CELL_TOO_LONG',
      `单元格（或共享字符串）的内容读到 ${mib(bytes)} 仍未结束，远超上限 ${count(max)} 个字符，可能是恶意构造的文件，已停止读取`,
      `a cell (or shared string) was still open after ${mib(bytes)} of its XML, far over the ${count(max)}-character limit: possibly a hostile file, reading stopped`,
      at,
    );
  }
}
