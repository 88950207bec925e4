import { csvText, FORMAT_SHEET, readZip, replaceCells, writeZip } from '@jianzheng/testkit';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importWorkbook } from './import-workbook';
import { DEFAULT_LIMITS } from './limits';

async function xlsx(rows: readonly (readonly unknown[])[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('市民政局');
  for (const row of rows) sheet.addRow([...row]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The workbook with its first sheet's cells replaced by raw XML and styles.xml edited. */
function patch(bytes: Buffer, cells: Record<string, string>, styles?: (xml: string) => string): Buffer {
  return writeZip(
    readZip(bytes).map((entry) => {
      const text = () => Buffer.from(entry.data).toString('utf8');
      if (entry.name === 'xl/worksheets/sheet1.xml')
        return { name: entry.name, data: Buffer.from(replaceCells(text(), cells)) };
      if (entry.name === 'xl/styles.xml' && styles)
        return { name: entry.name, data: Buffer.from(styles(text())) };
      return entry;
    }),
  );
}

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

describe('no silent change (domain.md §8)', () => {
  it('decodes _xHHHH_ escapes: 居民户口簿_x000D_ is 居民户口簿, with the same id; a literal _x005F_ escape stays literal', async () => {
    const base = await xlsx(FORMAT_SHEET);
    const plain = await importWorkbook(base, { fileName: 'a.xlsx' });
    const escaped = await importWorkbook(
      patch(base, { D5: inline('D5', '户口簿_x000D_'), D8: inline('D8', '居民身份证_x005F_x000D_') }),
      { fileName: 'a.xlsx' },
    );
    expect(escaped.ok).toBe(true);
    expect(escaped.materials[1]!.name).toBe('户口簿');
    expect(escaped.materials[1]!.id).toBe(plain.materials[1]!.id);
    expect(escaped.materials[4]!.name).toBe('居民身份证_x000D_');
  });

  it('reads zh-CN built-in date formats (27–36, 50–58) and t="d" cells as YYYY-MM-DD', async () => {
    const rows = FORMAT_SHEET.map((row) => [...row]);
    const base = await xlsx(rows);
    // Style 1 shows numFmt 31 (yyyy"年"m"月"d"日"), style 2 numFmt 57 (yyyy"年"m"月").
    const styled = patch(
      base,
      {
        F4: '<c r="F4" s="1"><v>43347</v></c>',
        F5: '<c r="F5" s="2"><v>43347.5</v></c>',
        F7: '<c r="F7" t="d"><v>2018-09-04T00:00:00</v></c>',
      },
      (xml) =>
        xml.replace(
          /<cellXfs count="\d+">([\s\S]*?)<\/cellXfs>/,
          '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="31" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="57" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>',
        ),
    );
    const result = await importWorkbook(styled, { fileName: 'dates.xlsx' });
    expect(result.ok, JSON.stringify(result.issues)).toBe(true);
    expect(result.materials.map((m) => m.legalBasis ?? null)).toEqual([
      '2018-09-04',
      // A time of day is kept (numFmt 57 shows only the month, but the value holds noon).
      '2018-09-04T12:00:00Z',
      '无',
      '2018-09-04',
      null,
      '无',
    ]);
  });

  it('skips a hidden sheet with a notice naming it and its rows; warns about hidden rows it imports', async () => {
    const wb = new ExcelJS.Workbook();
    const visible = wb.addWorksheet('市民政局');
    for (const row of FORMAT_SHEET) visible.addRow([...row]);
    visible.getRow(6).hidden = true;
    const draft = wb.addWorksheet('旧稿');
    for (const row of FORMAT_SHEET) draft.addRow([...row]);
    draft.state = 'veryHidden';
    const result = await importWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), { fileName: 'h.xlsx' });
    expect(result.ok).toBe(true);
    expect(result.materials).toHaveLength(6);
    const skipped = result.issues.find((i) => i.code === 'HIDDEN_SHEET_SKIPPED')!;
    expect(skipped).toMatchObject({ severity: 'info', sheet: '旧稿' });
    expect(skipped.message).toContain(`有 ${FORMAT_SHEET.length} 行内容`);
    const hidden = result.issues.find((i) => i.code === 'HIDDEN_ROWS')!;
    expect(hidden).toMatchObject({ severity: 'warning', sheet: '市民政局' });
    expect(hidden.message).toContain('第 6 行是隐藏行');
  });

  it('a row with content but no material is an error naming it; a row with only a serial number is not', async () => {
    const rows = FORMAT_SHEET.map((row) => [...row]);
    rows.splice(3, 0, ['', '', '最低生活保障审批']); // an item-name-only row: content, no material
    const result = await importWorkbook(await xlsx(rows), { fileName: 'b.xlsx' });
    expect(result.ok).toBe(false);
    expect(result.issues.find((i) => i.code === 'MATERIAL_NAME_MISSING')).toMatchObject({
      row: 4,
      column: 'D',
    });
    const serialOnly = FORMAT_SHEET.map((row) => [...row]);
    serialOnly.splice(9, 0, ['7']); // a pre-numbered empty template row
    expect((await importWorkbook(await xlsx(serialOnly), { fileName: 's.xlsx' })).ok).toBe(true);
  });
});

describe('上级已取消 as domain.md §8 reads it', () => {
  it('reads a blank cell of the column as no, and says nothing (unknown) where the sheet has no such column', async () => {
    const header = ['实施部门', '事项名称', '材料名称', '设定依据', '上级已取消'];
    const withColumn = await importWorkbook(
      await xlsx([
        header,
        ['市民政局', '婚姻登记', '户口簿', '《婚姻登记条例》', ''],
        ['市民政局', '婚姻登记', '结婚证', '《婚姻登记条例》', '否'],
        ['市民政局', '婚姻登记', '离婚证', '《婚姻登记条例》', '民发〔2020〕20号'],
        ['市民政局', '婚姻登记', '照片', '《婚姻登记条例》', '待定'],
      ]),
      { fileName: '民政局.xlsx' },
    );
    expect(withColumn.materials.map((m) => [m.name, m.superiorCancelled, m.superiorReference])).toEqual([
      ['户口簿', 'no', null],
      ['结婚证', 'no', null],
      ['离婚证', 'yes', '民发〔2020〕20号'],
      ['照片', 'unknown', null],
    ]);
    // Only the text it could not read is warned about, naming its cell.
    const warned = withColumn.issues.filter((i) => i.code === 'UNKNOWN_SUPERIOR_CANCELLED');
    expect(warned.map((i) => [i.row, i.column])).toEqual([[5, 'E']]);
    const without = await importWorkbook(
      await xlsx([header.slice(0, 4), ['市民政局', '婚姻登记', '户口簿', '《婚姻登记条例》']]),
      { fileName: '民政局.xlsx' },
    );
    expect(without.materials[0]!.superiorCancelled).toBe('unknown');
  });
});

describe('import limits, enforced while reading', () => {
  it('documents its defaults', () => {
    expect(DEFAULT_LIMITS).toMatchObject({ maxCellLength: 32_767, maxSharedStrings: 10_000_000 });
  });

  it('refuses a file over maxRows / maxMaterials naming sheet and row; nothing imported', async () => {
    const bytes = await xlsx(FORMAT_SHEET);
    const rows = await importWorkbook(bytes, { fileName: 'r.xlsx', limits: { maxRows: 5 } });
    expect(rows.ok).toBe(false);
    expect(rows.materials).toEqual([]);
    expect(rows.issues.find((i) => i.severity === 'error')).toMatchObject({
      code: 'TOO_MANY_ROWS',
      sheet: '市民政局',
      row: 6,
    });
    const materials = await importWorkbook(bytes, { fileName: 'm.xlsx', limits: { maxMaterials: 3 } });
    expect(materials.issues.find((i) => i.severity === 'error')).toMatchObject({
      code: 'TOO_MANY_MATERIALS',
      row: 7,
    });
  });

  it('refuses an item of more materials than maxItemMaterials, naming the item, in xlsx and CSV', async () => {
    // One item pasted 30 times over: a file that never closes its item would be held whole.
    const header = ['实施部门', '事项名称', '材料名称', '设定依据'];
    const rows = [
      header,
      ...Array.from({ length: 30 }, (_, i) => ['市公安局', '户口迁移', `材料${i}`, '《户口登记条例》']),
    ];
    for (const [bytes, name] of [
      [await xlsx(rows), 'i.xlsx'],
      [Buffer.from(csvText(rows)), 'i.csv'],
    ] as const) {
      const result = await importWorkbook(bytes, { fileName: name, limits: { maxItemMaterials: 25 } });
      expect(result.ok).toBe(false);
      expect(result.materials).toEqual([]);
      const error = result.issues.find((i) => i.severity === 'error');
      expect(error).toMatchObject({ code: 'TOO_MANY_ITEM_MATERIALS', row: 27 });
      expect(error?.message).toContain('户口迁移');
      // At the limit itself the file imports.
      const within = await importWorkbook(bytes, { fileName: name, limits: { maxItemMaterials: 30 } });
      expect(within.ok).toBe(true);
      expect(within.materials).toHaveLength(30);
    }
    expect(DEFAULT_LIMITS.maxItemMaterials).toBe(10_000);
  });

  it('names the cell over maxCellLength, in xlsx and in CSV', async () => {
    for (const [bytes, name] of [
      [await xlsx(FORMAT_SHEET), 'c.xlsx'],
      [Buffer.from(csvText(FORMAT_SHEET)), 'c.csv'],
    ] as const) {
      const result = await importWorkbook(bytes, { fileName: name, limits: { maxCellLength: 8 } });
      expect(
        result.issues.find((i) => i.severity === 'error'),
        name,
      ).toMatchObject({
        code: 'CELL_TOO_LONG',
        sheet: name === 'c.csv' ? 'c' : '市民政局',
        row: 1,
        column: 'A',
      });
    }
  });

  it('refuses shared strings over maxSharedStrings and a whole-file format over maxFileBytes', async () => {
    const sst = await importWorkbook(await xlsx(FORMAT_SHEET), {
      fileName: 's.xlsx',
      limits: { maxSharedStrings: 4 },
    });
    expect(sst.issues.find((i) => i.severity === 'error')?.code).toBe('TOO_MANY_SHARED_STRINGS');
    const csv = await importWorkbook(Buffer.from(csvText(FORMAT_SHEET)), {
      fileName: 'big.csv',
      limits: { maxFileBytes: 100 },
    });
    expect(csv.issues).toHaveLength(1);
    expect(csv.issues[0]).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(csv.issues[0]!.message).toMatch(/CSV/);
  });

  it('rejects a limit that is not a positive integer (a caller error, thrown)', async () => {
    await expect(importWorkbook(Buffer.from('x'), { limits: { maxRows: -1 } })).rejects.toMatchObject({
      code: 'INVALID_IMPORT_LIMIT',
    });
  });
});
