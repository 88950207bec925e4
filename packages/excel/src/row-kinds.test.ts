import { describe, expect, it } from 'vitest';
import { skippedRow } from './row-kinds';
import { SheetRow } from './sheet-row';

const row = (...cells: Array<string | number>) =>
  new SheetRow(
    9,
    cells.map((_, i) => i + 1),
    cells,
  );
const header = new Map([
  [1, '实施部门'],
  [2, '材料 名称'],
  [3, '备注'],
]);

describe('skippedRow', () => {
  it('tells a total row by its first character, also after leading whitespace', () => {
    expect(skippedRow(row('合计', 5), [header])).toMatchObject({ kind: 'total', text: '合计' });
    expect(skippedRow(row(' \u3000小计：3 ', 5), [header])).toMatchObject({ kind: 'total', text: '小计：3' });
    expect(skippedRow(row('合格证明', 5), [header])).toBeUndefined();
    expect(skippedRow(row('\u00a0总体方案'), [header])).toBeUndefined();
  });

  it('tells a repeated header whatever its whitespace, and never a data row', () => {
    expect(skippedRow(row('实施部门', '材料名称'), [header])).toEqual({ kind: 'repeated-header' });
    expect(skippedRow(row(' 实施 部门', '材料\n名称 ', ''), [header])).toEqual({ kind: 'repeated-header' });
    expect(skippedRow(row('实施部门', '材料名称证明'), [header])).toBeUndefined();
    expect(skippedRow(row('公安局', '材料名称'), [header])).toBeUndefined();
  });

  it('tells a signature line by its first cell', () => {
    expect(skippedRow(row(' 填表人：张三'), [header])).toMatchObject({
      kind: 'signature',
      text: '填表人：张三',
    });
    expect(skippedRow(row('填表说明'), [header])).toBeUndefined();
  });
});
