// One cell of the attachment's sheets as SpreadsheetML: through the shared strings table while it
// has room, inline after; text a spreadsheet would take for a formula gets its quoted style.
import { JianzhengError } from '@jianzheng/core';
import { type Kind, SHEETS } from './attachment-layout';
import { quotedStyle } from './xlsx-writer/parts';
import type { SharedStrings } from './xlsx-writer/shared-strings';
import { EXCEL_CELL_LIMIT, looksLikeFormula, needsPreserve, xmlCellText } from './xlsx-writer/xml';

/** A text longer than an Excel cell holds: Excel would refuse or cut it, so nothing is written. */
export class CellTooLongForExcelError extends JianzhengError {
  constructor(
    readonly sheet: string,
    readonly cell: string,
    readonly length: number,
  ) {
    super(
      'CELL_TOO_LONG',
      `Excel 附件工作表「${sheet}」${cell} 单元格的内容有 ${length.toLocaleString('en-US')} 个字符，超过 Excel 单元格上限 32,767，未写入附件；请缩短该内容`,
      {
        messageEn: `cell ${cell} of sheet "${sheet}" would hold ${length} characters, over Excel's 32,767; the attachment was not written`,
      },
    );
  }
}

/** A text cell after `<c r="REF`: the quoted twin of its style for text a spreadsheet would take for a formula. */
export function sharedCell(index: number, text: string, style: number): string {
  return `" s="${looksLikeFormula(text) ? quotedStyle(style) : style}" t="s"><v>${index}</v></c>`;
}

/** The same, with the text inline: for the texts that come once the shared strings table is full. */
export function inlineCell(text: string, style: number): string {
  const space = needsPreserve(text) ? ' xml:space="preserve"' : '';
  const s = looksLikeFormula(text) ? quotedStyle(style) : style;
  return `" s="${s}" t="inlineStr"><is><t${space}>${xmlCellText(text)}</t></is></c>`;
}

/** The cell at `ref`: empty, a number, or a text; a text longer than Excel holds throws. */
export function cell(
  strings: SharedStrings,
  ref: string,
  style: number,
  value: string | number | null,
  kind: Kind,
): string {
  if (value === null || value === '') return `<c r="${ref}" s="${style}"/>`;
  if (typeof value === 'number' && Number.isFinite(value))
    return `<c r="${ref}" s="${style}"><v>${value}</v></c>`;
  const text = String(value);
  if (text.length > EXCEL_CELL_LIMIT) throw new CellTooLongForExcelError(sheetName(kind), ref, text.length);
  const index = strings.indexOf(text);
  return `<c r="${ref}${index < 0 ? inlineCell(text, style) : sharedCell(index, text, style)}`;
}

/** The sheet's tab name, for a message. */
export function sheetName(kind: Kind): string {
  return SHEETS.find(([k]) => k === kind)?.[1] ?? kind;
}
