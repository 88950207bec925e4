// The hostile files of issues 13 and 28, made here (in a temp folder) from small recipes: every
// one is small on the wire and huge, slow or many once read.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readZip, repeatedDeflate, writeBadInputCorpus, writeZip } from '@jianzheng/testkit';
import ExcelJS from 'exceljs';

const MiB = 1024 * 1024;
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const cell = (text) => `<c t="inlineStr"><is><t>${text}</t></is></c>`;
const head = Buffer.from(
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}"><sheetData><row>${cell('实施部门')}${cell('事项名称')}${cell('材料名称')}</row>`,
);
const tail = Buffer.from('</sheetData></worksheet>');
const entry = (name, text) => ({ name, data: Buffer.from(text) });

/** A one-sheet workbook written by exceljs whose part `part` is replaced by `make(part)`. */
async function withPart(part, make) {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('市公安局').addRow(['实施部门', '事项名称', '材料名称']);
  workbook.getWorksheet('市公安局').addRow(['市公安局', '户口迁移', '居民身份证']);
  const base = Buffer.from(await workbook.xlsx.writeBuffer());
  return writeZip(readZip(base).map((e) => (e.name === part ? make(e.name) : e)));
}

/** Issue 13's files (the row bomb, a 900 M-character cell, the corpus's zip and shared-strings bombs). */
export async function issue13Files(dir) {
  const repeatedRows = await withPart('xl/worksheets/sheet1.xml', (name) =>
    repeatedDeflate(
      name,
      head,
      Buffer.from(`<row>${cell('市公安局')}${cell('户口迁移')}${cell('居民身份证')}</row>`.repeat(1000)),
      1500,
      tail,
    ),
  );
  const hugeCell = await withPart('xl/worksheets/sheet1.xml', (name) =>
    repeatedDeflate(
      name,
      Buffer.concat([
        head,
        Buffer.from(`<row>${cell('市公安局')}${cell('户口迁移')}<c t="inlineStr"><is><t>`),
      ]),
      Buffer.alloc(MiB, 0x41),
      900,
      Buffer.concat([Buffer.from('</t></is></c></row>'), tail]),
    ),
  );
  const corpus = await writeBadInputCorpus(join(dir, 'corpus'));
  const fromCorpus = (id) => readFileSync(corpus.find((c) => c.id === id).path);
  return {
    'shared-strings bomb (150 M <si/>).xlsx': fromCorpus('shared-strings-bomb'),
    'zip bomb (> 1 GiB inflated).xlsx': fromCorpus('zip-bomb'),
    '1.5 M repeated rows.xlsx': repeatedRows,
    'one 900 M-character cell.xlsx': hugeCell,
  };
}

/** Issue 28's files: .ods and .xlsb bombs, one 150 MB shared string, one 100 MB cell. */
export async function issue28Files() {
  const spaces = (name, mib) =>
    repeatedDeflate(name, Buffer.from('<x>'), Buffer.alloc(MiB, 0x20), mib, Buffer.from('</x>'));
  const ods = writeZip([
    entry('mimetype', 'application/vnd.oasis.opendocument.spreadsheet'),
    entry('META-INF/manifest.xml', '<manifest/>'),
    spaces('content.xml', 3800),
  ]);
  const xlsb = writeZip([entry('[Content_Types].xml', '<Types/>'), spaces('xl/workbook.bin', 1900)]);
  const sharedString = await withPart('xl/sharedStrings.xml', (name) =>
    repeatedDeflate(
      name,
      Buffer.from(`<sst xmlns="${MAIN_NS}" count="1" uniqueCount="1"><si><t>`),
      Buffer.alloc(MiB, 0x41),
      150,
      Buffer.from('</t></si></sst>'),
    ),
  );
  const cell100 = await withPart('xl/worksheets/sheet1.xml', (name) =>
    repeatedDeflate(
      name,
      Buffer.concat([
        head,
        Buffer.from(`<row>${cell('市公安局')}${cell('户口迁移')}<c t="inlineStr"><is><t>`),
      ]),
      Buffer.alloc(MiB, 0x42),
      100,
      Buffer.concat([Buffer.from('</t></is></c></row>'), tail]),
    ),
  );
  return {
    'ods bomb (3.8 GB inflated).ods': ods,
    'xlsb bomb (1.9 GB inflated).xlsb': xlsb,
    'one 150 MB shared string.xlsx': sharedString,
    'one 100 MB cell.xlsx': cell100,
  };
}

/** A 19 MB CSV of plain rows (read whole: on a worker, under the row limit's refusal). */
export function csv19() {
  const rows = ['实施部门,事项名称,材料名称,设定依据'];
  let size = 0;
  for (let i = 0; size < 19 * 1000 * 1000; i++) {
    const line = `市公安局,户口迁移第${i}项,居民身份证复印件第${i}份,《中华人民共和国户口登记条例》第${i % 30}条`;
    rows.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  return Buffer.from(`${rows.join('\n')}\n`);
}

/** An 18 MB comparison body: a publication-shaped document padded with materials. */
export function comparison18() {
  const material = JSON.stringify({
    id: 'x',
    name: '居民身份证复印件',
    verdict: 'cancel',
    category: 'information-sharing',
  });
  const count = Math.floor((18 * 1000 * 1000) / (material.length + 1));
  return Buffer.from(`{"publications":[{"materials":[${Array(count).fill(material).join(',')}]}]}`);
}
