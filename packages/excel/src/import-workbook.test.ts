import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type Material, materialId } from '@jianzheng/core';
import { readZip, writeZip } from '@jianzheng/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWorkbook, importWorkbooks } from './import-workbook';
import { type Fixtures, writeFixtures } from './testing/fixtures';

let f: Fixtures;
beforeAll(async () => {
  f = await writeFixtures();
});
afterAll(async () => {
  await rm(f.dir, { recursive: true, force: true });
});

/** The parts of a material a reader of the workbook would check, one line each. */
const row = (m: Material) => [
  m.item.department,
  m.item.code ?? null,
  m.item.name,
  m.item.type ?? null,
  m.name,
];
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('importWorkbook: layouts of domain.md §8', () => {
  it('reads the canonical layout with every fact', async () => {
    const result = await importWorkbook(f.simple);
    expect(result.ok).toBe(true);
    expect(result.file).toBe('simple.xlsx');
    expect(result.issues).toEqual([]);
    expect(result.materials.map(row)).toEqual([
      ['市公安局', '340100-XK-001', '户口迁移登记', '行政确认', '居民身份证'],
      ['市公安局', '340100-XK-001', '户口迁移登记', '行政确认', '户口簿'],
      ['市公安局', '340100-XK-001', '户口迁移登记', '行政确认', '亲属关系证明'],
    ]);
    const [idCard, hukou, kinship] = result.materials as [Material, Material, Material];
    expect(idCard).toMatchObject({
      source: '申请人自备',
      issuer: '公安机关',
      legalBasis: '《户口登记条例》',
      necessary: 'yes',
      shareable: 'yes',
      internalQuery: 'no',
      commitment: 'no',
      // Its 上级已取消 cell is blank: no (domain.md §8).
      superiorCancelled: 'no',
      departmentProposal: 'cancel',
      proposedMethod: '通过人口库核验',
    });
    expect(hukou).toMatchObject({
      source: '政府部门核发',
      necessary: 'yes',
      shareable: 'yes',
      superiorCancelled: 'no',
    });
    expect(hukou.departmentProposal).toBe('retain');
    expect(hukou.notes).toBe('原件');
    expect(kinship).toMatchObject({
      source: '其他',
      legalBasis: '无',
      necessary: 'no',
      shareable: 'no',
      internalQuery: 'yes',
      commitment: 'yes',
      superiorCancelled: 'yes',
      superiorReference: '皖政办秘〔2018〕247号',
      departmentProposal: 'cancel',
    });
    // One item object for all three, and the ids of domain.md §6.
    expect(new Set(result.materials.map((m) => m.item)).size).toBe(1);
    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toBe(idCard.item);
    expect(idCard.id).toBe(materialId(idCard.item, '居民身份证'));
    expect(result.departments).toEqual(['市公安局']);
    expect(result.sheets).toEqual([{ name: '申请材料清单', department: '市公安局', rows: 3 }]);
  });

  it('takes the department from a 填报单位 line above the header', async () => {
    const result = await importWorkbook(f.titleAndUnitLine);
    expect(result.ok).toBe(true);
    expect(result.materials.map(row)).toEqual([
      ['宿州市民政局', null, '结婚登记', null, '居民身份证'],
      ['宿州市民政局', null, '结婚登记', null, '户口簿'],
    ]);
    expect(result.materials[0]).toMatchObject({
      source: '申请人自备',
      legalBasis: '《婚姻登记条例》',
      necessary: 'yes',
    });
    expect(result.issues).toEqual([]);
  });

  it('reads a two-row header with a merged group cell (实施基本情况 over 索要单位/开具单位)', async () => {
    const result = await importWorkbook(f.twoRowHeader);
    expect(result.ok).toBe(true);
    expect(result.materials.map((m) => [...row(m), m.issuer ?? null, m.legalBasis ?? null])).toEqual([
      [
        '市交通运输局',
        null,
        '出租车驾驶员从业资格',
        null,
        '无犯罪记录证明',
        '公安派出所',
        '《出租汽车驾驶员从业资格管理规定》',
      ],
      ['市交通运输局', null, '出租车驾驶员从业资格', null, '健康证明', '医疗机构', null],
    ]);
    // The blank 设定依据 reads as none, and the user is told which row that was.
    expect(result.issues.map((i) => [i.severity, i.code])).toEqual([['warning', 'BLANK_LEGAL_BASIS']]);
    expect(result.issues[0]!.message).toContain('第 5 行');
  });

  it('inherits merged and blank item cells, skips blank rows and stops at the footer', async () => {
    const result = await importWorkbook(f.mergedItems);
    expect(result.ok).toBe(true);
    expect(result.materials.map(row)).toEqual([
      ['市人社局', null, '失业保险金申领', '行政给付', '居民身份证'],
      ['市人社局', null, '失业保险金申领', '行政给付', '失业证明'],
      ['市人社局', null, '失业保险金申领', '行政给付', '银行卡'],
      ['市人社局', null, '职业资格证书补发', '行政给付', '补发申请表'],
      ['市人社局', null, '职业资格证书补发', '行政给付', '原证书遗失声明'],
    ]);
    expect(result.items.map((i) => i.name)).toEqual(['失业保险金申领', '职业资格证书补发']);
    const [first, , , fourth, fifth] = result.materials as Material[];
    expect(first!.item).toBe(result.items[0]);
    expect(fourth!.item).toBe(fifth!.item);
    expect(fifth!.legalBasis).toBe('无');
    // The signature line under the notes is named; the blank 设定依据 of row 4 reads as none, said once.
    expect(result.issues.map((i) => [i.severity, i.code, i.row ?? null])).toEqual([
      ['info', 'SIGNATURE_LINE_SKIPPED', 9],
      ['warning', 'BLANK_LEGAL_BASIS', null],
    ]);
    expect(result.issues[1]!.message).toContain('第 4 行');
  });

  it('reads several sheets, one department each, and skips the instructions sheet', async () => {
    const result = await importWorkbook(f.multiSheet);
    expect(result.ok).toBe(true);
    expect(result.materials.map(row)).toEqual([
      ['市卫生健康委', null, '医师执业注册', null, '医师资格证书'],
      ['宿州市市场监管局', null, '食品经营许可', null, '营业执照'],
      ['市住建局', null, '建筑工程施工许可', null, '建设工程规划许可证'],
    ]);
    expect(result.departments).toEqual(['市卫生健康委', '宿州市市场监管局', '市住建局']);
    expect(result.sheets).toEqual([
      { name: '填表说明', department: null, rows: 0, skipped: 'no header' },
      { name: '卫健委', department: '市卫生健康委', rows: 1 },
      { name: 'Sheet3', department: '宿州市市场监管局', rows: 1 },
      { name: '市住建局', department: '市住建局', rows: 1 },
    ]);
    expect(result.issues.map((i) => [i.severity, i.code, i.sheet, i.row])).toEqual([
      ['info', 'SHEET_WITHOUT_HEADER', '填表说明', null],
      ['info', 'DEPARTMENT_FROM_SHEET_NAME', '市住建局', 2],
      ['warning', 'BLANK_LEGAL_BASIS', null, null],
    ]);
    expect(result.issues[2]!.message).toContain('工作表「卫健委」没有“设定依据”列');
    expect(result.issues[0]!.message).toContain('「multi-sheet.xlsx」工作表「填表说明」');
  });

  it('uses the department option before the sheet name', async () => {
    const result = await importWorkbook(f.multiSheet, { department: '宿州市住房城乡建设局' });
    expect(result.departments).toEqual(['市卫生健康委', '宿州市市场监管局', '宿州市住房城乡建设局']);
    expect(codes(result.issues)).toEqual(['SHEET_WITHOUT_HEADER', 'BLANK_LEGAL_BASIS']);
  });

  it('reads rich text, formula results, numbers, dates, hyperlinks, full-width text, line breaks and list numbers', async () => {
    const result = await importWorkbook(f.cellTypes, { department: '市教育局' });
    expect(result.ok).toBe(true);
    expect(
      result.materials.map((m) => [...row(m), m.issuer ?? null, m.necessary, m.shareable, m.notes ?? null]),
    ).toEqual([
      [
        '市教育局',
        '3413000001',
        '教师资格认定',
        null,
        '居民身份证 （原件及复印件）',
        '公安机关',
        'yes',
        'no',
        '2018-08-13',
      ],
      ['市教育局', '3413000001', '教师资格认定', null, '学籍证明', '宿州市教育局', 'yes', 'yes', '42.5'],
      [
        '市教育局',
        '3413000001',
        '教师资格认定',
        null,
        '普通话水平测试等级证书',
        null,
        'unknown',
        'unknown',
        null,
      ],
    ]);
    expect(result.issues.map((i) => [i.severity, i.code, i.row, i.column])).toEqual([
      ['warning', 'FORMULA_ERROR', 4, 'E'],
      ['warning', 'FORMULA_ERROR', 4, 'G'],
      ['warning', 'BLANK_LEGAL_BASIS', null, null],
    ]);
    expect(result.issues[0]!.message).toBe(
      '「cell-types.xlsx」工作表「市教育局」第 4 行 E 列：是否必要单元格是错误值 #N/A，按空白处理',
    );
  });

  it('reads inline strings written by the streaming writer', async () => {
    const result = await importWorkbook(f.inlineStrings);
    expect(result.materials.map((m) => [m.item.name, m.name, m.source])).toEqual([
      ['纳税证明开具', '营业执照', '政府部门核发'],
      ['纳税证明开具', '经办人身份证', '申请人自备'],
    ]);
  });

  it('accepts a Buffer and a Readable as well as a path', async () => {
    const bytes = await readFile(f.mergedItems);
    const fromPath = await importWorkbook(f.mergedItems);
    const fromBuffer = await importWorkbook(bytes, { fileName: 'upload.xlsx' });
    const fromStream = await importWorkbook(Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]));
    expect(fromBuffer.file).toBe('upload.xlsx');
    expect(fromStream.file).toBe('<stream>');
    expect(fromBuffer.materials).toEqual(fromPath.materials);
    expect(fromStream.materials).toEqual(fromPath.materials);
  });
});

describe('importWorkbook: values it cannot read', () => {
  it('warns about unknown yes/no, source, type and proposal values and keeps them unknown', async () => {
    const result = await importWorkbook(f.unknownValues);
    expect(result.ok).toBe(true);
    expect(result.materials).toHaveLength(1);
    expect(result.materials[0]).toMatchObject({
      necessary: 'unknown',
      commitment: 'yes',
      departmentProposal: 'unknown',
    });
    expect(result.materials[0]!.source).toBeNull();
    expect(result.materials[0]!.item.type).toBeUndefined();
    expect(result.issues.map((i) => [i.severity, i.code, i.row, i.column])).toEqual([
      ['info', 'DEPARTMENT_FROM_SHEET_NAME', 2, null],
      ['warning', 'UNKNOWN_ITEM_TYPE', 2, 'B'],
      ['warning', 'UNKNOWN_SOURCE', 2, 'D'],
      ['warning', 'UNKNOWN_YES_NO', 2, 'E'],
      ['warning', 'UNKNOWN_PROPOSAL', 2, 'G'],
      ['warning', 'BLANK_LEGAL_BASIS', null, null],
    ]);
    const yesNo = result.issues.find((i) => i.code === 'UNKNOWN_YES_NO')!;
    expect(yesNo.message).toMatch(
      /^「unknown-values\.xlsx」工作表「市公安局」第 2 行 E 列：是否必要“不确定”无法识别/,
    );
    expect(yesNo.messageEn).toContain('"unknown-values.xlsx", sheet "市公安局", row 2, column E');
  });
});

describe('importWorkbook: bad input never throws and imports nothing', () => {
  const cases: Array<[keyof Fixtures, string, RegExp]> = [
    ['notAWorkbook', 'NOT_A_WORKBOOK', /文本文件/],
    ['empty', 'NOT_A_WORKBOOK', /空的/],
    ['zipWithoutSheets', 'NOT_A_WORKBOOK', /没有任何工作表/],
    ['truncated', 'CORRUPT_WORKBOOK', /不完整/],
    ['corrupt', 'CORRUPT_WORKBOOK', /损坏/],
    ['encrypted', 'ENCRYPTED_WORKBOOK', /密码/],
    ['legacyXls', 'UNREADABLE_FORMAT', /\.xls/],
  ];
  it.each(cases)('%s → %s', async (name, code, message) => {
    const result = await importWorkbook(f[name]);
    expect(result.ok).toBe(false);
    expect(result.materials).toEqual([]);
    expect(result.items).toEqual([]);
    const errors = result.issues.filter((issue) => issue.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ severity: 'error', code, sheet: null, row: null, column: null });
    expect(errors[0]!.message).toMatch(message);
    expect(errors[0]!.message.startsWith('「')).toBe(true);
  });

  it('refuses a sheet whose XML stops inside its rows (a sound zip), never reading it as a shorter list', async () => {
    const parts = readZip(await readFile(f.simple));
    const cut = parts.map((part) => {
      if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(part.name)) return part;
      const xml = Buffer.from(part.data).toString('utf8');
      // Cut after the second row: the header and one material are complete, the rest is gone.
      const end = xml.indexOf('</row>', xml.indexOf('</row>') + 1) + '</row>'.length;
      return { name: part.name, data: Buffer.from(xml.slice(0, end), 'utf8') };
    });
    const path = join(f.dir, 'cut-sheet.xlsx');
    await writeFile(path, writeZip(cut));
    const result = await importWorkbook(path);
    expect(result.ok).toBe(false);
    expect(result.materials).toEqual([]);
    expect(result.issues.map((i) => i.code)).toEqual(['CORRUPT_WORKBOOK']);
    expect(result.issues[0]!.message).toMatch(/工作表内容格式错误/);
  });

  it('reports a missing file', async () => {
    const result = await importWorkbook(`${f.dir}/nope.xlsx`);
    expect(result.issues.map((i) => [i.code, i.file])).toEqual([['FILE_NOT_FOUND', 'nope.xlsx']]);
  });

  it('reports a sheet whose header has no material column', async () => {
    const result = await importWorkbook(f.noMaterialColumn);
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => [i.severity, i.code, i.sheet, i.row])).toEqual([
      ['error', 'NO_MATERIAL_COLUMN', '市公安局', 1],
    ]);
    expect(result.issues[0]!.message).toContain('没有“材料名称”列');
  });

  it('reports a material row with no item above it, and imports none of the file', async () => {
    const result = await importWorkbook(f.materialWithoutItem);
    expect(result.ok).toBe(false);
    expect(result.materials).toEqual([]);
    const error = result.issues.find((i) => i.severity === 'error')!;
    expect(error).toMatchObject({ code: 'MATERIAL_WITHOUT_ITEM', sheet: '市公安局', row: 2, column: 'B' });
    expect(error.message).toBe(
      '「material-without-item.xlsx」工作表「市公安局」第 2 行 B 列：材料“居民身份证”没有所属事项：事项名称为空，上方也没有可沿用的事项',
    );
  });
});

describe('importWorkbooks', () => {
  it('imports the good files and nothing of a failing one', async () => {
    const result = await importWorkbooks([
      f.simple,
      f.materialWithoutItem,
      { input: f.titleAndUnitLine, fileName: '民政局.xlsx' },
    ]);
    expect(result.ok).toBe(false);
    expect(result.files.map((file) => [file.file, file.ok, file.materials])).toEqual([
      ['simple.xlsx', true, 3],
      ['material-without-item.xlsx', false, 0],
      ['民政局.xlsx', true, 2],
    ]);
    expect(result.departments).toEqual(['市公安局', '宿州市民政局']);
    expect(result.materials.map((m) => m.name)).toEqual([
      '居民身份证',
      '户口簿',
      '亲属关系证明',
      '居民身份证',
      '户口簿',
    ]);
    expect(result.issues.filter((i) => i.severity === 'error').map((i) => i.file)).toEqual([
      'material-without-item.xlsx',
    ]);
  });

  it('merges an item found in two files into one object and continues its ids', async () => {
    const result = await importWorkbooks([f.simple, { input: f.simple, fileName: 'again.xlsx' }]);
    expect(result.items).toHaveLength(1);
    expect(new Set(result.materials.map((m) => m.item)).size).toBe(1);
    const ids = result.materials.map((m) => m.id);
    expect(new Set(ids).size).toBe(6);
    expect(ids[3]).toBe(`${ids[0]}#2`);
    expect(codes(result.issues)).toEqual(['ITEM_IN_SEVERAL_FILES']);
  });
});
