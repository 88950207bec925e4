import { describe, expect, it } from 'vitest';
import { alignedLine, displayWidth, headerRule, renderTable, truncate } from './table';

describe('terminal tables', () => {
  it('aligns CJK text by terminal columns, right-aligned figures, one rule under the header', () => {
    const text = renderTable(
      [{ header: '部门' }, { header: '取消', align: 'right' }, { header: 'rate', align: 'right' }],
      [
        ['市人力资源和社会保障局', '1,290', '29.6%'],
        ['市司法局', '61', '26.4%'],
      ],
    );
    expect(text.split('\n')).toEqual([
      '部门                     取消   rate',
      '────────────────────────────────────',
      '市人力资源和社会保障局  1,290  29.6%',
      '市司法局                   61  26.4%',
    ]);
  });

  it('streams the same lines row by row as the whole table draws', () => {
    const columns = [{ header: '材料' }, { header: '编号' }];
    const rows = [
      ['居民身份证（原件及复印件）', '15a084ba79f3810d'],
      ['ＡＢ全角', 'x'],
    ];
    const widths = columns.map((c, i) =>
      Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(r[i]!))),
    );
    const streamed = [
      alignedLine(
        columns.map((c) => c.header),
        widths,
      ),
      headerRule(widths),
      ...rows.map((r) => alignedLine(r, widths)),
    ];
    expect(streamed.join('\n')).toBe(renderTable(columns, rows));
  });

  it('counts colours as nothing and cuts long names at a column, marking the cut', () => {
    expect(displayWidth('\u001b[31m取消\u001b[39m')).toBe(4);
    expect(truncate('户口迁移登记申请表', 9)).toBe('户口迁移…');
    expect(displayWidth(truncate('户口迁移登记申请表', 9))).toBeLessThanOrEqual(9);
    expect(truncate('短', 9)).toBe('短');
  });
});
