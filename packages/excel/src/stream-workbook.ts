import { basename } from 'node:path';
import type { Jurisdiction } from '@jianzheng/core';
import { FileContext, type ItemGroup, type SheetSummary } from './file-context';
import { type ImportIssue, IssueCollector, makeIssue } from './issues';
import {
  ImportLimitError,
  type ImportLimits,
  resolveLimits,
  TooManyItemMaterialsError,
  TooManyMaterialsError,
  TooManyRowsError,
} from './limits';
import { openInput, type WorkbookInput } from './open-input';
import { formatName, UnreadableFormatError } from './read-whole';
import { readWholeOffThread } from './read-whole-off-thread';
import { openWorkbook, type StreamedSheet } from './read-worksheets';
import { reportBlankLegalBasis, settleSheetsWithoutMaterials } from './sheet-notices';
import { SheetParser } from './sheet-parser';

export interface ImportOptions {
  /** The name used in issues and results; defaults to the path's base name, else `<stream>`. */
  fileName?: string;
  /** Recorded in the result for callers that import on behalf of a city; names are kept as written. */
  jurisdiction?: Jurisdiction;
  /**
   * The department for sheets that name none (no department column, no 填报单位 line); when
   * absent, such sheets take their sheet name as the department.
   */
  department?: string;
  /** Called about every 1,000 rows and at the end with the number of rows read so far. */
  onProgress?: (rows: number) => void;
  /**
   * What one file may hold, enforced while reading (defaults in `DEFAULT_LIMITS`: 3,000,000 rows,
   * 2,000,000 materials, 32,767 characters a cell, 10,000,000 shared strings, 1 GiB per inflated
   * part, 64 MiB for a file read whole: .xls, .et, .ods, .xlsb, CSV, HTML/XML). A file over a limit
   * imports nothing and gets an error issue with the limit's code.
   */
  limits?: ImportLimits;
}

export interface StreamOptions extends ImportOptions {
  /**
   * How many items keep their state for a later, non-adjacent block of the same item (default
   * 10,000). Only the ids of an item that reappears after more items than this can repeat.
   */
  maxTrackedItems?: number;
}

/** The end of a file: what was found, and whether the file may be used at all. */
export interface StreamSummary {
  file: string;
  /** False when any error issue was found: the caller must then discard every item it received. */
  ok: boolean;
  departments: string[];
  sheets: SheetSummary[];
  issues: ImportIssue[];
  /** Rows read, header and notes included. */
  rows: number;
  /** Materials read (also when `ok` is false). */
  materials: number;
}

/** One event of `streamWorkbook`: a complete item, or the end of the file. */
export type WorkbookEvent = ({ type: 'item' } & ItemGroup) | ({ type: 'end' } & StreamSummary);

const PROGRESS_EVERY = 1000;

export function fileNameOf(input: WorkbookInput, options: ImportOptions): string {
  if (options.fileName) return options.fileName;
  if (typeof input === 'string') return basename(input);
  const path = (input as { path?: unknown }).path;
  if (typeof path === 'string') return basename(path);
  return input instanceof Uint8Array ? '<buffer>' : '<stream>';
}

/**
 * Streams a department workbook item by item, in bounded memory: each `item` event carries one
 * item's materials (ids assigned) as soon as the next item starts or the sheet ends; the last
 * event is `end` with the issues. Because an error can be found late in a file, a caller that
 * stores items must do so provisionally and drop them all when `end.ok` is false. Never throws
 * for bad input: it becomes an error issue.
 */
export async function* streamWorkbook(
  input: WorkbookInput,
  options: StreamOptions = {},
): AsyncGenerator<WorkbookEvent, void, undefined> {
  const file = fileNameOf(input, options);
  const issues = new IssueCollector(file);
  const ctx = new FileContext(
    file,
    issues,
    options.department?.trim() || undefined,
    options.maxTrackedItems ?? 10_000,
  );
  const summary = (): { type: 'end' } & StreamSummary => ({
    type: 'end',
    file,
    ok: !issues.hasErrors,
    departments: [...ctx.departments],
    sheets: ctx.sheets,
    issues: issues.finish(),
    rows: ctx.rows,
    materials: ctx.materials,
  });

  const limits = resolveLimits(options.limits);
  const opened = await openInput(input, limits);
  if ('code' in opened) {
    issues.add(makeIssue('error', opened.code, { file }, opened.zh, opened.en));
    yield summary();
    return;
  }

  const progress = options.onProgress;
  let nextProgress = PROGRESS_EVERY;
  let sheetCount = 0;
  let noWorkbook = false;
  let failure: unknown;
  let currentSheet: string | undefined;
  try {
    const worksheets: AsyncIterable<StreamedSheet> | Iterable<StreamedSheet> | undefined =
      opened.kind === 'xlsx'
        ? await openWorkbook(opened.zip, limits)
        : readWholeOffThread(opened.bytes, opened.format, {
            maxCellLength: limits.maxCellLength,
            heapMb: limits.maxParserHeapMb,
            csvSheetName: singleSheetName(file),
          });
    if (worksheets === undefined) noWorkbook = true;
    else {
      for await (const worksheet of worksheets) {
        sheetCount++;
        currentSheet = worksheet.name;
        if (worksheet.state !== 'visible') {
          await skipHidden(worksheet, ctx);
          continue;
        }
        const parser = new SheetParser(ctx, worksheet.name, worksheet.merges);
        // Every row iterator is consumed to its end, even after a footer, so that each
        // worksheet's inflater finishes before the next one starts.
        for await (const rows of worksheet.rows) {
          for (const row of rows) {
            const done = parser.row(row);
            if (ctx.rows > limits.maxRows) {
              throw new TooManyRowsError(limits.maxRows, { sheet: worksheet.name, row: row.number });
            }
            if (ctx.materials > limits.maxMaterials) {
              throw new TooManyMaterialsError(limits.maxMaterials, {
                sheet: worksheet.name,
                row: row.number,
              });
            }
            if (parser.openItemMaterials > limits.maxItemMaterials) {
              throw new TooManyItemMaterialsError(limits.maxItemMaterials, parser.openItemName, {
                sheet: worksheet.name,
                row: row.number,
              });
            }
            if (done !== undefined) yield { type: 'item', ...done };
            if (progress !== undefined && ctx.rows >= nextProgress) {
              nextProgress = ctx.rows + PROGRESS_EVERY;
              progress(ctx.rows);
            }
          }
        }
        const last = parser.end();
        if (last !== undefined) yield { type: 'item', ...last };
      }
      currentSheet = undefined;
    }
  } catch (error) {
    failure = error;
  } finally {
    await opened.close();
  }

  if (failure === undefined) {
    settleSheetsWithoutMaterials(ctx);
    reportBlankLegalBasis(ctx);
  }
  if (failure instanceof ImportLimitError) {
    const at = failure.at;
    issues.add(
      makeIssue(
        'error',
        failure.code,
        {
          file,
          sheet: at.sheet ?? (at.row !== undefined ? currentSheet : undefined),
          row: at.row,
          column: at.column,
        },
        failure.message,
        failure.messageEn ?? failure.message,
      ),
    );
  } else if (failure instanceof UnreadableFormatError) {
    issues.add(
      makeIssue('error', failure.code, { file }, failure.message, failure.messageEn ?? failure.message),
    );
  } else if (failure !== undefined) {
    const detail = failure instanceof Error ? failure.message : '';
    issues.add(
      makeIssue(
        'error',
        'CORRUPT_WORKBOOK',
        { file },
        `文件已损坏或不完整，无法读取${detail ? `（${describe(detail)}）` : ''}，请重新获取或在 Excel 中另存后再导入`,
        `the workbook is corrupt or incomplete and cannot be read${detail ? ` (${detail})` : ''}`,
      ),
    );
  } else if ((noWorkbook || sheetCount === 0) && opened.kind === 'whole') {
    const error = new UnreadableFormatError(formatName(opened.format), '文件中没有任何工作表');
    issues.add(makeIssue('error', error.code, { file }, error.message, error.messageEn ?? error.message));
  } else if (noWorkbook || sheetCount === 0) {
    issues.add(
      makeIssue(
        'error',
        'NOT_A_WORKBOOK',
        { file },
        '压缩包中没有任何工作表，不是 Excel 工作簿（.xlsx）',
        'the zip archive holds no worksheet; it is not an Excel workbook (.xlsx)',
      ),
    );
  } else if (!ctx.sheets.some((sheet) => sheet.skipped === undefined || sheet.skipped === 'cancelled list')) {
    if (opened.kind === 'whole' && opened.format === 'text' && !issues.hasErrors) {
      issues.add(
        makeIssue(
          'error',
          'NOT_A_WORKBOOK',
          { file },
          '这是文本文件（按 CSV 或网页表格读取），但其中没有含“材料名称”列的表头，不是申请材料清单；如是 Word 等其他文件，请另存为 .xlsx 或 .csv 后再导入',
          'a text file (read as CSV or an HTML table) without a header holding a material-name column: not a list of materials',
        ),
      );
    } else if (!issues.hasErrors) {
      issues.add(
        makeIssue(
          'error',
          'NO_MATERIAL_COLUMN',
          { file },
          '没有任何工作表含有“材料名称”列表头（材料名称、申请材料、申请材料名称、证明名称、证明材料名称，且同一行至少还有一个可识别的列名）',
          'no sheet has a header row with a material-name column and at least one other known column',
        ),
      );
    }
  } else if (ctx.materials === 0 && !issues.hasErrors) {
    issues.add(
      makeIssue(
        'warning',
        'NO_MATERIALS',
        { file },
        '找到了表头，但没有任何申请材料行',
        'a header was found but no material rows',
      ),
    );
  }
  progress?.(ctx.rows);
  yield summary();
}

/** A CSV has one unnamed sheet: it takes the file's name (公安局.csv → 公安局), the department fallback. */
function singleSheetName(file: string): string | undefined {
  // The base name only: a caller may name the file by its path (/…/公安局.csv).
  const base = basename(file.replace(/\\/g, '/'))
    .replace(/\.[^.]*$/, '')
    .trim();
  return base.length > 0 && !base.startsWith('<') ? base : undefined;
}

/** A hidden sheet (often an old draft) is not imported; its rows are counted for the notice. */
async function skipHidden(worksheet: StreamedSheet, ctx: FileContext): Promise<void> {
  let rows = 0;
  for await (const batch of worksheet.rows) for (const row of batch) if (!row.isEmpty) rows++;
  ctx.issues.add(
    makeIssue(
      'info',
      'HIDDEN_SHEET_SKIPPED',
      { file: ctx.file, sheet: worksheet.name },
      `这是隐藏的工作表（有 ${rows} 行内容），未导入；如其中的材料应当提交，请取消隐藏后重新导入`,
      `hidden sheet (${rows} rows with content) not imported; unhide it and import again if its materials belong to the list`,
    ),
  );
  ctx.sheets.push({ name: worksheet.name, department: null, rows: 0, skipped: 'hidden' });
}

function describe(message: string): string {
  if (/invalid signature|unexpected end|FILE_ENDED|end of/i.test(message)) return '压缩数据不完整或格式错误';
  if (/invalid (stored|distance|block|code)|incorrect header check|unknown compression/i.test(message)) {
    return '压缩数据损坏';
  }
  if (/xml|sax|tag/i.test(message)) return '工作表内容格式错误';
  return message;
}
