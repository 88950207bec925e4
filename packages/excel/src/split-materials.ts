import { columnLetter } from './column-letter';
import type { FileContext } from './file-context';
import { makeIssue } from './issues';
import { LEADING_NUMBER } from './text';

// "1.居民户口簿\n2.房产证\n3.儿童预防接种证" in one cell is three materials (domain.md §8, "Layouts,
// second round"); "居民身份证、户口簿" or "A和B" without numbers stays one material (§10).
const SEPARATOR = /\r\n|\r|\n|[；;]/;

/**
 * The entries of a material cell that lists several numbered materials — each beginning with a
 * list number (1. 1、 （1） ① 一、) on its own line or after a ； — or undefined when the cell is
 * one material. A line without a number continues the entry above it (“1.申请表\n（加盖公章）”).
 */
export function splitNumbered(raw: string): string[] | undefined {
  if (!SEPARATOR.test(raw)) return undefined;
  const entries: string[] = [];
  for (const part of raw.split(SEPARATOR)) {
    const text = part.trim();
    if (text.length === 0) continue;
    const match = LEADING_NUMBER.exec(text);
    if (match !== null && match[0].length < text.length) entries.push(text);
    else if (entries.length === 0) return undefined;
    else entries[entries.length - 1] += text;
  }
  return entries.length >= 2 ? entries : undefined;
}

/** The warning for a split cell: which materials it became. */
export function reportSplit(
  ctx: FileContext,
  sheet: string,
  row: number,
  column: number,
  names: string[],
): void {
  ctx.issues.add(
    makeIssue(
      'warning',
      'MATERIALS_SPLIT',
      { file: ctx.file, sheet, row, column: columnLetter(column) },
      `这个单元格按编号列出了 ${names.length} 项材料，已拆为 ${names.length} 项分别导入（${names.join('；')}），同行其他各列的内容适用于每一项；如应为一项材料，请改写后重新导入`,
      `the cell lists ${names.length} numbered materials; imported as ${names.length} materials (${names.join('; ')}), each with the row's other cells`,
    ),
  );
}
