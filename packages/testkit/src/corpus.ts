import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { addArchiveCases } from './corpus-archives';
import { addFormatCases, FORMAT_SHEET } from './corpus-formats';
import { seededRandom } from './random';
import { readZip, writeZip, type ZipEntry } from './zip';

/** What importing a corpus file must give. */
export interface CorpusExpectation {
  /** Whether the file imports (no error issue). A file that does not import imports nothing. */
  ok: boolean;
  /** The issue that must be reported (error when `ok` is false, else a warning or notice). */
  code?: string;
  severity?: 'error' | 'warning' | 'info';
  /** Where the issue must point, when the input allows it. */
  sheet?: string;
  row?: number;
  column?: string;
  /** Materials imported when `ok`. */
  materials?: number;
}

export interface CorpusCase {
  /** Stable id, also the file's base name. */
  id: string;
  /** What the case is, in zh-CN, as a reviewer would describe it. */
  title: string;
  fileName: string;
  path: string;
  expect: CorpusExpectation;
}

export { ZIP_BOMB_EXPANDED_BYTES } from './corpus-archives';

const HEADER = ['事项编码', '事项名称', '材料名称', '开具单位', '设定依据', '是否必要', '可共享获取'];

function materialRows(count: number, seed = 7): string[][] {
  const random = seededRandom(seed);
  const names = [
    '居民身份证',
    '户口簿',
    '营业执照',
    '结婚证',
    '申请表',
    '无犯罪记录证明',
    '收入证明',
    '授权委托书',
  ];
  const rows: string[][] = [];
  for (let i = 0; i < count; i++) {
    const first = i % 3 === 0;
    rows.push([
      first ? `34130000${String(i).padStart(4, '0')}` : '',
      first ? `最低生活保障审批${i}` : '',
      `${names[random.int(names.length)]}${i}`,
      random.chance(0.5) ? '申请人' : '村民委员会',
      random.chance(0.5) ? '《社会救助暂行办法》' : '无',
      random.chance(0.5) ? '是' : '否',
      random.chance(0.5) ? '可以' : '',
    ]);
  }
  return rows;
}

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function departmentSheet(wb: ExcelJS.Workbook, name: string, rows = materialRows(6)): ExcelJS.Worksheet {
  const sheet = wb.addWorksheet(name);
  sheet.addRow(HEADER);
  for (const row of rows) sheet.addRow(row);
  return sheet;
}

/**
 * Writes the bad-input corpus of issue 8 into `dir` and returns each case with the outcome an
 * import must give. Deterministic: the same bytes every run (exceljs timestamps aside).
 */
/**
 * Cases every importer must refuse, naming the file and importing nothing (`expect.ok` false).
 * Known when tests are collected, before the corpus is written, so each consumer makes one
 * test per case from the same list.
 */
export const REFUSED_CASE_IDS = [
  'not-a-workbook',
  'truncated-zip',
  'zip-bomb',
  'zip-bomb-lying-size',
  'encrypted',
  'empty-file',
  'empty-workbook',
  'no-material-column',
  'material-without-item',
  'xls-broken',
  'blank-material-row',
  'formula-without-value',
  'cell-too-long',
  'shared-strings-bomb',
] as const;

/** Cases that import every material with located warnings (`expect.ok` true). */
export const ACCEPTED_CASE_IDS = [
  'wide-1000-columns',
  'long-cells-16384',
  'formula-ref-error',
  'dates-in-text-columns',
  'header-in-wrong-row',
  'two-material-columns',
  'duplicate-sheets',
  'hidden-sheet',
  'unknown-yes-no',
  'xls-biff8',
  'xls-renamed',
  'xls-html',
  'xls-xml2003',
  'ods',
  'xlsb',
  'csv-utf8',
  'csv-renamed',
  'csv-gbk',
  'x-prefixed',
  'cdata-strings',
  'workbook-elsewhere',
  'zip64',
  'hidden-rows',
] as const;

/** The lists above must say what the written cases expect; a drift fails every consumer at once. */
function checkCaseLists(cases: readonly CorpusCase[]): void {
  const refused = cases.filter((c) => !c.expect.ok).map((c) => c.id);
  const ok = new Set(cases.filter((c) => c.expect.ok).map((c) => c.id));
  const listed = new Set<string>(REFUSED_CASE_IDS);
  const drift = [
    ...refused.filter((id) => !listed.has(id)),
    ...REFUSED_CASE_IDS.filter((id) => !refused.includes(id)),
    ...ACCEPTED_CASE_IDS.filter((id) => !ok.has(id)),
  ];
  if (drift.length > 0)
    throw new Error(`bad-input corpus: case lists disagree with the cases: ${drift.join(', ')}`);
}

export async function writeBadInputCorpus(dir: string): Promise<CorpusCase[]> {
  await mkdir(dir, { recursive: true });
  const cases: CorpusCase[] = [];
  const add = async (
    id: string,
    title: string,
    bytes: Uint8Array,
    expect: CorpusExpectation,
    ext = 'xlsx',
  ) => {
    const fileName = `${id}.${ext}`;
    const path = join(dir, fileName);
    await writeFile(path, bytes);
    cases.push({ id, title, fileName, path, expect });
  };
  const good = await workbook((wb) => departmentSheet(wb, '市民政局', materialRows(300)));

  await addArchiveCases(add, good);

  await add(
    'empty-workbook',
    '空白工作簿（只有一个空工作表）',
    await workbook((wb) => wb.addWorksheet('Sheet1')),
    { ok: false, code: 'NO_MATERIAL_COLUMN' },
  );

  await add(
    'wide-1000-columns',
    '1,000 列的工作表（表头之后还有大量无关列）',
    await workbook((wb) => {
      const sheet = wb.addWorksheet('市公安局');
      const extra = Array.from({ length: 1000 - HEADER.length }, (_, i) => `附加列${i + 1}`);
      sheet.addRow([...HEADER, ...extra]);
      for (const row of materialRows(20)) sheet.addRow([...row, ...extra.map((_, i) => `值${i}`)]);
    }),
    { ok: true, materials: 20 },
  );

  const long = '长'.repeat(16_384 - 8);
  await add(
    'long-cells-16384',
    '单元格长达 16,384 个字符',
    await workbook((wb) => {
      // Six rows, as many as the format cases of the same department (市民政局): a consumer that
      // uploads the corpus in order sees the department replaced by as many materials, not fewer.
      const rows = materialRows(6);
      for (const row of rows) row[4] = `《社会救助暂行办法》${long}`;
      rows[1]![2] = `身份证${long}`;
      departmentSheet(wb, '市民政局', rows);
    }),
    { ok: true, materials: 6 },
  );

  await add(
    'formula-ref-error',
    '错误值 #REF!（是否必要列，粘贴为数值后的错误单元格）',
    await workbook((wb) => {
      const sheet = departmentSheet(wb, '市人社局', materialRows(8));
      sheet.getCell('F4').value = { error: '#REF!' } as ExcelJS.CellValue;
    }),
    {
      ok: true,
      materials: 8,
      code: 'FORMULA_ERROR',
      severity: 'warning',
      sheet: '市人社局',
      row: 4,
      column: 'F',
    },
  );

  await add(
    'formula-ref-error-result',
    '公式的计算结果是 #REF!（引用的工作表已删除）',
    await workbook((wb) => {
      const sheet = departmentSheet(wb, '市人社局', materialRows(8));
      sheet.getCell('F4').value = { formula: '#REF!A1', result: { error: '#REF!' } } as ExcelJS.CellValue;
    }),
    {
      ok: true,
      materials: 8,
      code: 'FORMULA_ERROR',
      severity: 'warning',
      sheet: '市人社局',
      row: 4,
      column: 'F',
    },
  );

  await add(
    'dates-in-text-columns',
    '文本列中是日期值（材料名称、设定依据）',
    await workbook((wb) => {
      const sheet = departmentSheet(wb, '市教育局', materialRows(6));
      sheet.getCell('C3').value = new Date(Date.UTC(2018, 8, 4));
      sheet.getCell('E5').value = new Date(Date.UTC(2018, 0, 1));
    }),
    { ok: true, materials: 6 },
  );

  await add(
    'header-in-wrong-row',
    '表头不在第 1 行（上方有标题、说明和空行）',
    await workbook((wb) => {
      const sheet = wb.addWorksheet('清单');
      sheet.addRow(['市住房和城乡建设局申请材料清理情况表']);
      sheet.addRow(['填报单位：市住房和城乡建设局　填报日期：2018年8月']);
      sheet.addRow([]);
      sheet.addRow(['请按要求填写下表']);
      sheet.addRow([]);
      sheet.addRow([]);
      sheet.addRow(HEADER);
      for (const row of materialRows(9)) sheet.addRow(row);
    }),
    { ok: true, materials: 9 },
  );

  await add(
    'two-material-columns',
    '两个材料名称列（材料名称与申请材料）',
    await workbook((wb) => {
      const sheet = wb.addWorksheet('市卫健委');
      sheet.addRow([...HEADER, '申请材料']);
      for (const row of materialRows(5)) sheet.addRow([...row, `另一列${row[2]}`]);
    }),
    {
      ok: true,
      materials: 5,
      code: 'DUPLICATE_HEADER',
      severity: 'warning',
      sheet: '市卫健委',
      row: 1,
      column: 'H',
    },
  );

  // exceljs refuses to write two sheets of one name; rename the second in workbook.xml.
  const twoSheets = readZip(
    await workbook((wb) => {
      departmentSheet(wb, '市司法局', materialRows(4, 1));
      departmentSheet(wb, 'SECOND', materialRows(5, 2));
    }),
  ).map(
    (e): ZipEntry =>
      e.name === 'xl/workbook.xml'
        ? {
            name: e.name,
            data: Buffer.from(
              Buffer.from(e.data).toString('utf8').replace('name="SECOND"', 'name="市司法局"'),
            ),
          }
        : e,
  );
  await add('duplicate-sheets', '两个同名工作表', writeZip(twoSheets), { ok: true, materials: 9 });

  await add(
    'hidden-sheet',
    '含隐藏工作表',
    await workbook((wb) => {
      departmentSheet(wb, '市交通运输局', materialRows(4, 3));
      const hidden = departmentSheet(wb, '隐藏', materialRows(3, 4));
      hidden.state = 'hidden';
    }),
    // The hidden sheet (an old draft, say) is skipped with a notice naming it.
    { ok: true, materials: 4, code: 'HIDDEN_SHEET_SKIPPED', severity: 'info', sheet: '隐藏' },
  );

  await add(
    'no-material-column',
    '表头没有材料名称列',
    await workbook((wb) => {
      const sheet = wb.addWorksheet('市商务局');
      sheet.addRow(['事项编码', '事项名称', '开具单位', '设定依据']);
      sheet.addRow(['341300001', '对外贸易经营者备案', '申请人', '《对外贸易法》']);
    }),
    { ok: false, code: 'NO_MATERIAL_COLUMN', sheet: '市商务局', row: 1 },
  );

  await add(
    'material-without-item',
    '材料行上方没有事项',
    await workbook((wb) => {
      const rows = materialRows(4);
      rows[0]![0] = '';
      rows[0]![1] = '';
      departmentSheet(wb, '市农业农村局', rows);
    }),
    { ok: false, code: 'MATERIAL_WITHOUT_ITEM', sheet: '市农业农村局', row: 2 },
  );

  await add(
    'unknown-yes-no',
    '是否必要列填写了无法识别的值',
    await workbook((wb) => {
      const sheet = departmentSheet(wb, '市医保局', materialRows(5));
      sheet.getCell('F3').value = '视情况而定';
    }),
    {
      ok: true,
      materials: 5,
      code: 'UNKNOWN_YES_NO',
      severity: 'warning',
      sheet: '市医保局',
      row: 3,
      column: 'F',
    },
  );

  await addFormatCases(add, () =>
    workbook((wb) => {
      const sheet = wb.addWorksheet('市民政局');
      for (const row of FORMAT_SHEET) sheet.addRow([...row]);
    }),
  );

  // The expectations also as data next to the files, for tools other than these tests.
  await writeFile(
    join(dir, 'corpus.json'),
    `${JSON.stringify(
      cases.map(({ path: _path, ...rest }) => rest),
      null,
      2,
    )}\n`,
  );
  checkCaseLists(cases);
  return cases;
}
