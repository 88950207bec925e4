import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importWorkbook } from './import-workbook';
import { shareTextMemos, textMemos } from './text-memos';

async function workbook(rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('公安局');
  sheet.addRow(['事项名称', '材料名称', '材料来源', '是否必要']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('text memos shared by the files of one thread', () => {
  it('gives each file what its own memos give, and each material its own alternatives', async () => {
    const rows = [
      ['户口迁移', '居民身份证或护照（任选其一）', '申请人自备', '是'],
      ['户口迁移', '1、户口簿', '申请人提供', '否'],
      ['身份证办理', '居民身份证或护照（任选其一）', '其他', '必要'],
    ];
    const first = await workbook(rows);
    const second = await workbook([...rows].reverse());
    const own = [await importWorkbook(first), await importWorkbook(second)];
    expect(textMemos()).not.toBe(textMemos());

    shareTextMemos();
    expect(textMemos()).toBe(textMemos());
    const shared = [await importWorkbook(first), await importWorkbook(second), await importWorkbook(first)];
    expect(shared[0]).toEqual(own[0]);
    expect(shared[1]).toEqual(own[1]);
    expect(shared[2]).toEqual(own[0]);
    const alternatives = shared.flatMap((result) => result.materials.map((m) => m.alternatives));
    expect(alternatives.filter((a) => a !== null)).toHaveLength(6);
    expect(new Set(alternatives.filter((a) => a !== null)).size).toBe(6);
  });
});
