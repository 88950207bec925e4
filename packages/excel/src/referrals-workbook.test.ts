import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createReferralsWorkbook } from './referrals-workbook';

const referral = (material: string, instrument: string, article: string | null) => ({
  department: '市公安局',
  itemCode: '341301001',
  itemName: '临时居民身份证申领',
  material,
  materialId: material,
  level: 'department-rule' as const,
  instrument,
  documentNumber: '公安部令第78号',
  article,
});

describe('createReferralsWorkbook (建议上级取消)', () => {
  it('writes one row per material under its issuer, with instrument, 文号, article and level in words', async () => {
    const bytes = await createReferralsWorkbook(
      [
        {
          issuer: '公安部',
          materials: [referral('临时居民身份证申领表', '临时居民身份证管理办法', '第五条')],
        },
        { issuer: '安徽省人民政府', materials: [referral('=HYPERLINK("x")', '安徽省居住证实施办法', null)] },
      ],
      { jurisdiction: '宿州市', title: '第一批' },
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('建议上级取消')!;
    expect(ws.getCell('A1').value).toBe('宿州市建议上级取消的证明材料');
    expect(String(ws.getCell('A2').value)).toContain('2 个制定机关、2 项材料');
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([
      '序号',
      '制定机关',
      '索要部门',
      '事项编码',
      '事项名称',
      '证明材料',
      '设定依据',
      '文号',
      '条款',
      '效力层级',
    ]);
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual([
      1,
      '公安部',
      '市公安局',
      '341301001',
      '临时居民身份证申领',
      '临时居民身份证申领表',
      '《临时居民身份证管理办法》',
      '公安部令第78号',
      '第五条',
      '部门规章',
    ]);
    expect(ws.getCell('B5').value).toBe('安徽省人民政府');
    // A material name that looks like a formula stays text, never a formula.
    expect(ws.getCell('F5').value).toBe('=HYPERLINK("x")');
    expect(ws.getCell('F5').type).toBe(ExcelJS.ValueType.String);
  });
});
