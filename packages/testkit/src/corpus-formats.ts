// Corpus cases of issue 12: the formats departments actually send, the xlsx spellings of other
// producers, and hostile files against the reader's limits. Every file is made here, by a test
// run, from the same small department sheet — nothing large is committed.
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import yazl from 'yazl';
import { readZip, repeatedDeflate, writeZip, type ZipEntry } from './zip';

/** The department sheet every format case holds: a title, a 填报单位 line, the header, 6 materials. */
export const FORMAT_SHEET: readonly (readonly string[])[] = [
  ['市民政局申请材料清理情况表'],
  ['填报单位：市民政局'],
  ['序号', '事项编码', '事项名称', '材料名称', '开具单位', '设定依据', '是否必要'],
  ['1', '341300000001', '最低生活保障审批', '居民身份证', '公安机关', '《社会救助暂行办法》', '是'],
  ['2', '', '', '户口簿', '公安机关', '《社会救助暂行办法》', '是'],
  ['3', '', '', '家庭收入证明', '村民委员会', '无', '否'],
  ['4', '341300000002', '临时救助', '申请书', '申请人', '《社会救助暂行办法》', '是'],
  ['5', '', '', '居民身份证', '公安机关', '', '可以'],
  ['6', '', '', '困难情况证明', '村民委员会', '无', '否'],
  ['注：本表由各部门填报。'],
];
export const FORMAT_SHEET_MATERIALS = 6;

type Add = (
  id: string,
  title: string,
  bytes: Uint8Array,
  expect: import('./corpus').CorpusExpectation,
  ext?: string,
) => Promise<void>;

function sheetjsBook(rows: readonly (readonly string[])[], name = '市民政局'): XLSX.WorkBook {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows.map((r) => [...r])), name);
  return book;
}

function sheetjsWrite(book: XLSX.WorkBook, bookType: XLSX.BookType): Buffer {
  return Buffer.from(XLSX.write(book, { type: 'buffer', bookType, compression: true }) as Uint8Array);
}

export function csvText(rows: readonly (readonly string[])[]): string {
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return rows.map((row) => row.map(quote).join(',')).join('\r\n');
}

/** Rewrites parts of an xlsx (by name) and writes it again. */
function rewrite(
  xlsx: Uint8Array,
  edit: (entry: ZipEntry, text: string) => ZipEntry | string | undefined,
): Buffer {
  const out: ZipEntry[] = [];
  for (const entry of readZip(xlsx)) {
    const changed = edit(entry, Buffer.from(entry.data).toString('utf8'));
    if (changed === undefined) out.push(entry);
    else if (typeof changed === 'string') out.push({ name: entry.name, data: Buffer.from(changed, 'utf8') });
    else out.push(changed);
  }
  return writeZip(out);
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** What the .NET Open XML SDK writes: the SpreadsheetML elements under an `x:` prefix. */
export function prefixSpreadsheetMl(xlsx: Uint8Array): Buffer {
  return rewrite(xlsx, (entry, text) => {
    if (!/^xl\/(workbook|styles|sharedStrings|worksheets\/[^/]+)\.xml$/.test(entry.name)) return undefined;
    return text
      .replace(`xmlns="${MAIN_NS}"`, `xmlns:x="${MAIN_NS}"`)
      .replace(/<(\/?)([A-Za-z][\w]*)(?=[\s/>])/g, '<$1x:$2');
  });
}

/** Every shared and inline string as a CDATA section. */
function cdataStrings(xlsx: Uint8Array): Buffer {
  const fromXml = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  return rewrite(xlsx, (entry, text) => {
    if (!/^xl\/(sharedStrings|worksheets\/[^/]+)\.xml$/.test(entry.name)) return undefined;
    return text.replace(
      /<t( [^>]*)?>([^<]*)<\/t>/g,
      (_m, attrs = '', inner: string) => `<t${attrs}><![CDATA[${fromXml(inner)}]]></t>`,
    );
  });
}

/** The workbook part moved to xl/book.xml: only `_rels/.rels` says where it is. */
function workbookElsewhere(xlsx: Uint8Array): Buffer {
  return rewrite(xlsx, (entry, text) => {
    if (entry.name === 'xl/workbook.xml') return { name: 'xl/book.xml', data: entry.data };
    if (entry.name === 'xl/_rels/workbook.xml.rels')
      return { name: 'xl/_rels/book.xml.rels', data: entry.data };
    if (entry.name === '_rels/.rels' || entry.name === '[Content_Types].xml') {
      return text.replace(/xl\/workbook\.xml/g, 'xl/book.xml');
    }
    return undefined;
  });
}

/** The same parts in a ZIP64 archive with data descriptors, as streaming writers make them. */
async function zip64(xlsx: Uint8Array): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const entry of readZip(xlsx)) {
    if (entry.name.endsWith('/')) continue;
    const { Readable } = await import('node:stream');
    zip.addReadStream(Readable.from([Buffer.from(entry.data)]), entry.name, {
      forceZip64Format: true,
      mtime: new Date(Date.UTC(2018, 0, 1)),
    });
  }
  zip.end({ forceZip64Format: true, comment: '' });
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Cell values in a worksheet part replaced by raw XML (`{ E5: '<c r="E5" t="d">…</c>' }`). */
export function replaceCells(sheetXml: string, cells: Record<string, string>): string {
  let xml = sheetXml;
  for (const [ref, replacement] of Object.entries(cells)) {
    const pattern = new RegExp(`<c r="${ref}"(?: [^>]*)?(?:/>|>[\\s\\S]*?</c>)`);
    if (!pattern.test(xml)) throw new Error(`corpus: no cell ${ref} to replace`);
    xml = xml.replace(pattern, replacement);
  }
  return xml;
}

/** A row attribute added to a row of a worksheet part. */
function rowAttribute(sheetXml: string, row: number, attribute: string): string {
  return sheetXml.replace(new RegExp(`<row r="${row}"`), `<row r="${row}" ${attribute}`);
}

export async function addFormatCases(add: Add, exceljsSheet: () => Promise<Buffer>): Promise<void> {
  const book = sheetjsBook(FORMAT_SHEET);
  const ok = { ok: true, materials: FORMAT_SHEET_MATERIALS } as const;
  await add('xls-biff8', 'Excel 97-2003 工作簿（.xls，BIFF8）', sheetjsWrite(book, 'xls'), ok, 'xls');
  // BIFF5 (Excel 95) is not here: SheetJS writes its text as Latin-1 ('____' for Chinese). The
  // committed LibreOffice fixtures cover it (packages/excel/fixtures).
  await add('xls-renamed', '.xls 文件改名为 .xlsx（按内容识别）', sheetjsWrite(book, 'xls'), ok);
  await add('xls-html', '系统导出的“伪xls”：网页表格存为 .xls', sheetjsWrite(book, 'html'), ok, 'xls');
  await add('xls-xml2003', '系统导出的“伪xls”：XML 电子表格 2003', sheetjsWrite(book, 'xlml'), ok, 'xls');
  await add('ods', 'OpenDocument 电子表格（.ods）', sheetjsWrite(book, 'ods'), ok, 'ods');
  await add('xlsb', 'Excel 二进制工作簿（.xlsb）', sheetjsWrite(book, 'xlsb'), ok, 'xlsb');
  const csv = csvText(FORMAT_SHEET);
  await add('csv-utf8', 'CSV（UTF-8，无 BOM）', Buffer.from(csv, 'utf8'), ok, 'csv');
  await add('csv-renamed', 'CSV（UTF-8 带 BOM）改名为 .xlsx', Buffer.from(`\ufeff${csv}`, 'utf8'), ok);
  await add('csv-gbk', 'CSV（GBK 编码，中文 Windows 的默认）', iconv.encode(csv, 'gbk'), ok, 'csv');
  await add(
    'xls-broken',
    '损坏的 .xls（只有文件头）',
    // An OLE container whose Workbook stream is cut after its first record.
    sheetjsWrite(book, 'xls').subarray(0, 1536),
    { ok: false, code: 'UNREADABLE_FORMAT' },
    'xls',
  );

  const xlsx = await exceljsSheet();
  await add('x-prefixed', '.NET Open XML SDK 写出的 x: 前缀标签', prefixSpreadsheetMl(xlsx), ok);
  await add('cdata-strings', '文本写成 CDATA 段', cdataStrings(xlsx), ok);
  await add(
    'workbook-elsewhere',
    '工作簿部件不在 xl/workbook.xml（由 _rels/.rels 指向）',
    workbookElsewhere(xlsx),
    ok,
  );
  await add('zip64', 'ZIP64 压缩包（含数据描述符）', await zip64(xlsx), ok);
  await add(
    'hidden-rows',
    '含隐藏行（照常导入并提示）',
    rewrite(xlsx, (entry, text) =>
      entry.name === 'xl/worksheets/sheet1.xml' ? rowAttribute(text, 6, 'hidden="1"') : undefined,
    ),
    { ...ok, code: 'HIDDEN_ROWS', severity: 'warning', sheet: '市民政局' },
  );
  await add(
    'blank-material-row',
    '材料名称为空但其他单元格有内容的行',
    rewrite(xlsx, (entry, text) =>
      entry.name === 'xl/worksheets/sheet1.xml' ? replaceCells(text, { D6: '<c r="D6"/>' }) : undefined,
    ),
    { ok: false, code: 'MATERIAL_NAME_MISSING', sheet: '市民政局', row: 6, column: 'D' },
  );
  await add(
    'formula-without-value',
    '公式没有保存计算结果（脚本生成的文件）',
    rewrite(xlsx, (entry, text) =>
      entry.name === 'xl/worksheets/sheet1.xml'
        ? replaceCells(text, { G5: '<c r="G5"><f>IF(A5&gt;0,"是","否")</f><v></v></c>' })
        : undefined,
    ),
    { ok: false, code: 'FORMULA_WITHOUT_VALUE', sheet: '市民政局', row: 5, column: 'G' },
  );
  await add(
    'cell-too-long',
    '单元格超过 32,767 个字符',
    rewrite(xlsx, (entry, text) =>
      entry.name === 'xl/worksheets/sheet1.xml'
        ? replaceCells(text, { F7: `<c r="F7" t="inlineStr"><is><t>${'长'.repeat(32_768)}</t></is></c>` })
        : undefined,
    ),
    { ok: false, code: 'CELL_TOO_LONG', sheet: '市民政局', row: 7, column: 'F' },
  );

  // About 1 MB that declares 150 million empty shared strings: refused while counting them.
  const entries = readZip(xlsx);
  const bomb = repeatedDeflate(
    'xl/sharedStrings.xml',
    Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN_NS}">`),
    Buffer.from('<si/>'.repeat(200_000)),
    750,
    Buffer.from('</sst>'),
  );
  await add(
    'shared-strings-bomb',
    '共享字符串炸弹：约 1 MB 的部件含 1.5 亿个空 <si/>',
    writeZip(entries.map((e) => (e.name === 'xl/sharedStrings.xml' ? bomb : e))),
    { ok: false, code: 'TOO_MANY_SHARED_STRINGS' },
  );
}
