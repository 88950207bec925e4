import { cleanText, type YesNo } from '@jianzheng/core';
import { cellError, cellText } from './cell-text';
import { columnLetter } from './column-letter';
import type { FileContext } from './file-context';
import { FIELD_BY_NAME, type Field } from './headers';
import { makeIssue } from './issues';
import { isUncalculated, type SheetRow } from './worksheet-rows';

/**
 * The recognised cells of one sheet's rows, read as text: a formula without its result is an
 * error and an error value a warning (both naming the cell), never a silent blank.
 */
export class SheetCells {
  /** Column of each recognised field, set from the header row(s). */
  col: Partial<Record<Field, number>> = {};

  constructor(
    private readonly ctx: FileContext,
    readonly sheet: string,
  ) {}

  text(row: SheetRow, column: number | undefined, field: Field): string {
    if (column === undefined) return '';
    const value = row.value(column);
    if (typeof value === 'string') return value;
    if (value == null) return '';
    if (typeof value === 'object' && !(value instanceof Date)) {
      if (isUncalculated(value)) {
        const label = FIELD_BY_NAME.get(field)?.canonical ?? field;
        this.ctx.issues.add(
          makeIssue(
            'error',
            'FORMULA_WITHOUT_VALUE',
            { file: this.ctx.file, sheet: this.sheet, row: row.number, column: columnLetter(column) },
            `${label}单元格是公式${value.formula ? `（=${value.formula}）` : ''}，但文件中没有保存计算结果（常见于脚本生成的文件），无法知道其内容；请在 Excel 或 WPS 中打开、重新计算并保存后再导入`,
            `the ${field} cell holds a formula${value.formula ? ` (=${value.formula})` : ''} saved without its result (files written by scripts); open the file in Excel or WPS, recalculate and save, then import again`,
          ),
        );
        return '';
      }
      const error = cellError(value);
      if (error !== undefined) {
        const label = FIELD_BY_NAME.get(field)?.canonical ?? field;
        this.ctx.issues.add(
          makeIssue(
            'warning',
            'FORMULA_ERROR',
            { file: this.ctx.file, sheet: this.sheet, row: row.number, column: columnLetter(column) },
            `${label}单元格是错误值 ${error}，按空白处理`,
            `the ${field} cell holds the error ${error}; read as blank`,
          ),
        );
        return '';
      }
    }
    return cellText(value);
  }

  optionalText(row: SheetRow, column: number | undefined, field: Field): string | undefined {
    const raw = this.text(row, column, field);
    if (raw.length === 0) return undefined;
    const text = this.ctx.cleanText(raw);
    return text.length > 0 ? text : undefined;
  }

  yesNo(row: SheetRow, field: 'necessary' | 'shareable' | 'internalQuery' | 'commitment'): YesNo {
    const text = this.text(row, this.col[field], field);
    if (text.length === 0) return 'unknown';
    const value = this.ctx.yesNo(text);
    if (value !== undefined) return value;
    this.warnValue(
      row,
      field,
      'UNKNOWN_YES_NO',
      text,
      '是、否、可以、不可以、能、不能、必要、非必要、Y、N、√、×',
    );
    return 'unknown';
  }

  warnValue(row: SheetRow, field: Field, code: string, value: string, allowed: string): void {
    const label = FIELD_BY_NAME.get(field)?.canonical ?? field;
    const shown = cleanText(value);
    this.ctx.issues.add(
      makeIssue(
        'warning',
        code,
        { file: this.ctx.file, sheet: this.sheet, row: row.number, column: columnLetter(this.col[field]!) },
        `${label}“${shown}”无法识别（可填：${allowed}），按“未知”处理`,
        `${field} value "${shown}" is not recognised; kept as unknown`,
      ),
    );
  }
}
