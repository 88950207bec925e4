import { z } from 'zod';

/** An explicit workbook fact: 是 / 否 / left blank. */
export const YesNoSchema = z.enum(['yes', 'no', 'unknown']);
export type YesNo = z.infer<typeof YesNoSchema>;

const YES = new Set(['是', '可以', '能', '必要', '可', 'y', 'yes', 'true', '√', '✓', '✔', '有']);
const NO = new Set([
  '否',
  '不可以',
  '不能',
  '非必要',
  '不必要',
  '不可',
  'n',
  'no',
  'false',
  '×',
  'x',
  '✗',
  '✘',
  '无',
]);

/**
 * Reads a yes/no cell (domain.md §8): 是, 否, 可以, 不可以, 能, 不能, 必要, 非必要, Y, N, √, ×.
 * Blank is `unknown`; text that is none of these returns `undefined` so that the importer can
 * warn and keep the fact unknown rather than guess.
 */
export function parseYesNo(text: string | undefined | null): YesNo | undefined {
  if (text == null) return 'unknown';
  const value = String(text).normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  if (value === '') return 'unknown';
  if (YES.has(value)) return 'yes';
  if (NO.has(value)) return 'no';
  return undefined;
}

/** The written form used in workbooks and exports. */
export function formatYesNo(value: YesNo): string {
  return value === 'yes' ? '是' : value === 'no' ? '否' : '';
}
