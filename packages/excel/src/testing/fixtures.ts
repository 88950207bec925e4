// Test helper: writes every layout and bad input of domain.md §8 with exceljs into a temp dir.
// Nothing binary is committed; each test run regenerates the files from this code.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCfb, writeZip } from '@jianzheng/testkit';
import ExcelJS from 'exceljs';

export const HEADERS = [
  '序号',
  '实施部门',
  '事项编码',
  '事项名称',
  '事项类型',
  '材料名称',
  '材料来源',
  '开具单位',
  '设定依据',
  '是否必要',
  '可共享获取',
  '可内部查询',
  '可告知承诺',
  '上级已取消',
  '清理意见',
  '取消方式',
  '备注',
];

type Cell = ExcelJS.CellValue;

async function save(dir: string, name: string, workbook: ExcelJS.Workbook): Promise<string> {
  const path = join(dir, name);
  await workbook.xlsx.writeFile(path);
  return path;
}

/** Canonical headers in row 1, one item with three materials and every fact. */
async function simple(dir: string) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('申请材料清单');
  sheet.addRow(HEADERS);
  sheet.addRow([
    1,
    '市公安局',
    '340100-XK-001',
    '户口迁移登记',
    '行政确认',
    '居民身份证',
    '申请人自备',
    '公安机关',
    '《户口登记条例》',
    '是',
    '是',
    '否',
    '否',
    '',
    '取消',
    '通过人口库核验',
    '',
  ]);
  sheet.addRow([
    2,
    '市公安局',
    '340100-XK-001',
    '户口迁移登记',
    '行政确认',
    '户口簿',
    '政府部门核发',
    '公安机关',
    '《户口登记条例》',
    '必要',
    '可以',
    '不能',
    '×',
    '否',
    '保留',
    '',
    '原件',
  ]);
  sheet.addRow([
    3,
    '市公安局',
    '340100-XK-001',
    '户口迁移登记',
    '行政确认',
    '亲属关系证明',
    '其他',
    '村（居）委会',
    '无',
    '非必要',
    'N',
    'Y',
    '√',
    '皖政办秘〔2018〕247号',
    '拟取消',
    '书面承诺',
    '',
  ]);
  return save(dir, 'simple.xlsx', workbook);
}

/** A title row, a “填报单位：X　填报日期：…” line, the header in row 3, no department column. */
async function titleAndUnitLine(dir: string) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(['宿州市市级政务服务事项申请材料清理情况表']);
  sheet.mergeCells('A1:F1');
  sheet.addRow(['填报单位：宿州市民政局　　填报日期：2018年6月30日']);
  sheet.mergeCells('A2:F2');
  sheet.addRow(['序号', '事项名称', '申请材料', '来源', '依据', '必要性']);
  sheet.addRow([1, '结婚登记', '居民身份证', '申请人提供', '《婚姻登记条例》', '是']);
  sheet.addRow([2, '结婚登记', '户口簿', '申请人提供', '《婚姻登记条例》', '是']);
  return save(dir, 'title-and-unit-line.xlsx', workbook);
}

/** Two header rows: 实施基本情况 merged over 索要单位/开具单位, other headers merged vertically. */
async function twoRowHeader(dir: string) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('证明材料');
  sheet.addRow(['宿州市证明材料清单']);
  sheet.mergeCells('A1:F1');
  sheet.addRow(['序号', '证明名称', '证明用途', '实施基本情况', null, '设定依据']);
  sheet.addRow([null, null, null, '索要单位', '开具单位', null]);
  for (const column of ['A', 'B', 'C', 'F']) sheet.mergeCells(`${column}2:${column}3`);
  sheet.mergeCells('D2:E2');
  sheet.addRow([
    1,
    '无犯罪记录证明',
    '出租车驾驶员从业资格',
    '市交通运输局',
    '公安派出所',
    '《出租汽车驾驶员从业资格管理规定》',
  ]);
  sheet.addRow([2, '健康证明', '出租车驾驶员从业资格', '市交通运输局', '医疗机构', '']);
  return save(dir, 'two-row-header.xlsx', workbook);
}

/**
 * Item, type and serial cells merged vertically; a second item whose continuation rows are
 * simply blank; a blank row; footer notes, and a row under the notes that must be ignored.
 */
async function mergedItems(dir: string) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('市人社局');
  sheet.addRow(['序号', '实施部门', '事项名称', '事项类型', '材料名称', '设定依据']);
  sheet.addRow([1, '市人社局', '失业保险金申领', '行政给付', '居民身份证', '《失业保险条例》']);
  sheet.addRow([null, null, null, null, '失业证明', '《失业保险条例》']);
  sheet.addRow([null, null, null, null, '银行卡', '']);
  sheet.addRow([2, null, '职业资格证书补发', null, '补发申请表', '《职业资格证书管理办法》']);
  sheet.addRow([]);
  sheet.addRow([null, null, null, null, '原证书遗失声明', '无']);
  sheet.addRow(['注：1.本表由各单位填写；2.材料名称按办事指南填写。']);
  sheet.addRow(['填表人：张三', null, '联系电话：0557-1234567']);
  sheet.addRow([3, '市人社局', '不应导入的事项', '行政许可', '不应导入的材料', '']);
  // Merged after the rows exist: exceljs's addRow appends below every row a merge touched.
  sheet.mergeCells('A2:A4');
  sheet.mergeCells('B2:B7');
  sheet.mergeCells('C2:C4');
  sheet.mergeCells('D2:D7');
  sheet.mergeCells('A8:F8');
  return save(dir, 'merged-items.xlsx', workbook);
}

/** An instruction sheet and three department sheets: department from column, line, sheet name. */
async function multiSheet(dir: string) {
  const workbook = new ExcelJS.Workbook();
  const help = workbook.addWorksheet('填表说明');
  help.addRow(['填表说明']);
  help.addRow(['1. 每个事项的每项申请材料填一行。']);
  help.addRow(['2. 材料名称请按办事指南填写。']);
  const column = workbook.addWorksheet('卫健委');
  column.addRow(['实施部门', '事项名称', '材料名称']);
  column.addRow(['市卫生健康委', '医师执业注册', '医师资格证书']);
  const line = workbook.addWorksheet('Sheet3');
  line.addRow(['填报单位：', '宿州市市场监管局', null, '填报日期：2018.7.1']);
  line.addRow(['事项名称', '材料名称', '备注']);
  line.addRow(['食品经营许可', '营业执照', '']);
  const named = workbook.addWorksheet('市住建局');
  named.addRow(['事项名称', '材料名称']);
  named.addRow(['建筑工程施工许可', '建设工程规划许可证']);
  return save(dir, 'multi-sheet.xlsx', workbook);
}

/** Rich text, formulas (results), numbers, dates, hyperlinks, full-width text, line breaks, list numbers, an error. */
async function cellTypes(dir: string) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('市教育局');
  sheet.addRow(['事项编码', '事项名称', '材料名称', '开具单位', '是否必要', '可共享获取', '备注']);
  const rich: Cell = { richText: [{ text: '学籍' }, { font: { bold: true }, text: '证明' }] };
  const formula: Cell = { formula: '"教师资格"&"认定"', result: '教师资格认定' };
  sheet.addRow([
    3413000001,
    formula,
    '１、居民身份证\n（原件及复印件）',
    '公安机关',
    '是',
    { formula: 'IF(1,"否","是")', result: '否' },
    new Date(Date.UTC(2018, 7, 13)),
  ]);
  sheet.addRow([
    3413000001,
    formula,
    rich,
    { text: '宿州市教育局', hyperlink: 'https://example.invalid' },
    'Ｙ',
    '是',
    42.5,
  ]);
  sheet.addRow([
    3413000001,
    formula,
    '(3)普通话水平测试等级证书',
    '',
    { error: '#N/A' },
    '',
    { error: '#DIV/0!' },
  ]);
  return save(dir, 'cell-types.xlsx', workbook);
}

/** The streaming writer, with inline strings instead of the shared-strings table. */
async function inlineStrings(dir: string) {
  const path = join(dir, 'inline-strings.xlsx');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
  const sheet = workbook.addWorksheet('市税务局');
  sheet.addRow(['事项名称', '材料名称', '材料来源']).commit();
  sheet.addRow(['纳税证明开具', '营业执照', '政府部门核发']).commit();
  sheet.addRow(['纳税证明开具', '经办人身份证', '申请人自备']).commit();
  sheet.commit();
  await workbook.commit();
  return path;
}

/** Materials the default rules keep: a legal basis, no catalog names, nothing shareable. */
async function retainedMaterials(dir: string) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('市市场监管局');
  sheet.addRow([
    '实施部门',
    '事项编码',
    '事项名称',
    '事项类型',
    '材料名称',
    '材料来源',
    '设定依据',
    '是否必要',
  ]);
  const basis = '《食品经营许可管理办法》第十二条';
  sheet.addRow([
    '市市场监管局',
    'SC-001',
    '食品经营许可',
    '行政许可',
    '食品经营许可申请书',
    '申请人自备',
    basis,
    '是',
  ]);
  sheet.addRow([null, null, null, null, '食品安全管理制度文本', '申请人自备', basis, '是']);
  sheet.addRow([null, null, null, null, '经营设备布局和工艺流程图', '申请人自备', basis, '是']);
  sheet.addRow([
    '市市场监管局',
    '',
    '特种设备使用登记',
    '',
    '特种设备使用登记表',
    '申请人自备',
    '《特种设备安全法》第三十三条',
    '是',
  ]);
  sheet.addRow([
    null,
    null,
    null,
    null,
    '产品质量合格证明',
    '中介机构出具',
    '《特种设备安全法》第三十三条',
    '是',
  ]);
  return save(dir, 'retained-materials.xlsx', workbook);
}

async function unknownValues(dir: string) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('市公安局');
  sheet.addRow(['事项名称', '事项类型', '材料名称', '材料来源', '是否必要', '可告知承诺', '清理意见']);
  sheet.addRow(['身份证挂失', '行政服务', '报警回执', '自己带', '不确定', '是', '再研究']);
  return save(dir, 'unknown-values.xlsx', workbook);
}

async function noMaterialColumn(dir: string) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('市公安局');
  sheet.addRow(['序号', '事项名称', '设定依据', '材料来源']);
  sheet.addRow([1, '身份证挂失', '《居民身份证法》', '申请人自备']);
  return save(dir, 'no-material-column.xlsx', workbook);
}

async function materialWithoutItem(dir: string) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('市公安局');
  sheet.addRow(['序号', '事项名称', '材料名称']);
  sheet.addRow([1, null, '居民身份证']);
  sheet.addRow([2, '身份证挂失', '报警回执']);
  return save(dir, 'material-without-item.xlsx', workbook);
}

/** A valid workbook whose compressed sheet data is overwritten with noise. */
async function corrupt(dir: string, valid: Buffer) {
  const bytes = Buffer.from(valid);
  const start = Math.floor(bytes.length * 0.3);
  for (let i = start; i < start + 400 && i < bytes.length; i++) bytes[i] = (i * 97) & 0xff;
  const path = join(dir, 'corrupt.xlsx');
  await writeFile(path, bytes);
  return path;
}

/** The streams an encrypted xlsx or a .xls holds, as a real compound file (testkit's writeCfb). */
function oleStreams(...names: string[]) {
  return names.map((name) => ({ name, data: Buffer.alloc(64, 1) }));
}

export interface Fixtures {
  dir: string;
  simple: string;
  titleAndUnitLine: string;
  twoRowHeader: string;
  mergedItems: string;
  multiSheet: string;
  cellTypes: string;
  inlineStrings: string;
  unknownValues: string;
  retainedMaterials: string;
  noMaterialColumn: string;
  materialWithoutItem: string;
  notAWorkbook: string;
  csvRenamed: string;
  empty: string;
  truncated: string;
  corrupt: string;
  encrypted: string;
  legacyXls: string;
  zipWithoutSheets: string;
}

/** Writes every fixture into a fresh temp dir and returns their paths. */
export async function writeFixtures(): Promise<Fixtures> {
  const dir = await mkdtemp(join(tmpdir(), 'jz-excel-'));
  const file = async (name: string, data: string | Buffer) => {
    const path = join(dir, name);
    await writeFile(path, data);
    return path;
  };
  const simplePath = await simple(dir);
  const valid = await readFile(simplePath);
  return {
    dir,
    simple: simplePath,
    titleAndUnitLine: await titleAndUnitLine(dir),
    twoRowHeader: await twoRowHeader(dir),
    mergedItems: await mergedItems(dir),
    multiSheet: await multiSheet(dir),
    cellTypes: await cellTypes(dir),
    inlineStrings: await inlineStrings(dir),
    unknownValues: await unknownValues(dir),
    retainedMaterials: await retainedMaterials(dir),
    noMaterialColumn: await noMaterialColumn(dir),
    materialWithoutItem: await materialWithoutItem(dir),
    notAWorkbook: await file('not-a-workbook.xlsx', 'This is a Word document, really.\n'),
    csvRenamed: await file('csv-renamed.xlsx', '事项名称,材料名称\n结婚登记,居民身份证\n'),
    empty: await file('empty.xlsx', ''),
    truncated: await file('truncated.xlsx', valid.subarray(0, Math.floor(valid.length / 2))),
    corrupt: await corrupt(dir, valid),
    encrypted: await file('encrypted.xlsx', writeCfb(oleStreams('EncryptionInfo', 'EncryptedPackage'))),
    legacyXls: await file('legacy.xls', writeCfb(oleStreams('Workbook', 'SummaryInformation'))),
    zipWithoutSheets: await file(
      'not-a-workbook.zip',
      writeZip([{ name: 'readme.txt', data: Buffer.from('这不是工作簿') }]),
    ),
  };
}
