import { deflateRawSync } from 'node:zlib';
import { readZip, repeatedDeflate, writeZip } from '@jianzheng/testkit';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importWorkbook } from './import-workbook';

const MiB = 1024 * 1024;
const entry = (name: string, text: string) => ({ name, data: Buffer.from(text) });

/** A zip whose `part` declares and inflates to `mib` MiB of `fill` from a few KB. */
const bombPart = (part: string, mib: number, fill = 0x20) =>
  repeatedDeflate(part, Buffer.from('<x>'), Buffer.alloc(MiB, fill), mib, Buffer.from('</x>'));

const odsWith = (content: ReturnType<typeof bombPart> | { name: string; data: Buffer }) =>
  writeZip([
    entry('mimetype', 'application/vnd.oasis.opendocument.spreadsheet'),
    entry('META-INF/manifest.xml', '<manifest/>'),
    content,
  ]);

async function xlsxWithPart(name: string, replace: (name: string) => ReturnType<typeof bombPart>) {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('市公安局').addRow(['实施部门', '事项名称', '材料名称']);
  workbook.getWorksheet('市公安局')!.addRow(['市公安局', '户口迁移', '居民身份证']);
  const base = Buffer.from(await workbook.xlsx.writeBuffer());
  return writeZip(readZip(base).map((e) => (e.name === name ? replace(e.name) : e)));
}

const errorCodes = (result: Awaited<ReturnType<typeof importWorkbook>>) =>
  result.issues.filter((i) => i.severity === 'error').map((i) => i.code);

describe('zip-based bombs are refused before SheetJS or the xlsx reader inflates them', () => {
  it('refuses an .ods whose content.xml declares more than maxWholeInflatedBytes', async () => {
    const bytes = odsWith(bombPart('content.xml', 300));
    expect(bytes.length).toBeLessThan(2 * MiB);
    const result = await importWorkbook(bytes, { fileName: 'bomb.ods' });
    expect(result.ok).toBe(false);
    expect(errorCodes(result)).toEqual(['WORKBOOK_TOO_LARGE']);
    expect(result.issues[0]!.message).toContain('300 MiB');
  });

  it('refuses an .xlsb the same way, and honours a lower configured limit', async () => {
    const bytes = writeZip([entry('[Content_Types].xml', '<Types/>'), bombPart('xl/workbook.bin', 40)]);
    // Under the default limit it reaches SheetJS (on its worker), which finds no workbook in it.
    expect(errorCodes(await importWorkbook(bytes, { fileName: 'bomb.xlsb' }))).toEqual(['UNREADABLE_FORMAT']);
    const limited = await importWorkbook(bytes, {
      fileName: 'bomb.xlsb',
      limits: { maxWholeInflatedBytes: 32 * MiB },
    });
    expect(errorCodes(limited)).toEqual(['WORKBOOK_TOO_LARGE']);
  });

  it('refuses an .ods whose part inflates past the size its directory declares', async () => {
    const real = Buffer.alloc(20 * MiB, 0x20);
    const lying = {
      name: 'content.xml',
      method: 8 as const,
      compressed: deflateRawSync(real),
      crc: 0,
      size: 1000,
    };
    const result = await importWorkbook(odsWith(lying), { fileName: 'lying.ods' });
    expect(errorCodes(result)).toEqual(['WORKBOOK_TOO_LARGE']);
    expect(result.issues[0]!.message).toContain('content.xml');
  });

  it('refuses an xlsx part declared past maxPartBytes before inflating it', async () => {
    const bytes = await xlsxWithPart('xl/worksheets/sheet1.xml', (name) => bombPart(name, 64));
    const result = await importWorkbook(bytes, { limits: { maxPartBytes: 16 * MiB } });
    expect(errorCodes(result)).toEqual(['WORKBOOK_TOO_LARGE']);
  });
});

describe('one string or cell is limited while it is read', () => {
  it('stops a 150 MB shared string after a few MiB, naming the shared-strings part', async () => {
    const shared = (name: string) =>
      repeatedDeflate(
        name,
        Buffer.from('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'),
        Buffer.alloc(MiB, 0x41),
        150,
        Buffer.from('</t></si></sst>'),
      );
    const bytes = await xlsxWithPart('xl/sharedStrings.xml', shared);
    expect(bytes.length).toBeLessThan(MiB);
    const result = await importWorkbook(bytes);
    expect(errorCodes(result)).toEqual(['CELL_TOO_LONG']);
    const issue = result.issues.find((i) => i.code === 'CELL_TOO_LONG')!;
    expect(issue.sheet).toBe('sharedStrings.xml');
    // Refused at the held-bytes limit (6 MiB for 32,767 characters), not after 150 MB.
    expect(issue.message).toMatch(/读到 [4-8] MiB/);
  });

  it('stops a 100 MB inline cell in a worksheet, naming its row', async () => {
    const sheet = (name: string) =>
      repeatedDeflate(
        name,
        Buffer.from(
          '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>材料名称</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>',
        ),
        Buffer.alloc(MiB, 0x41),
        100,
        Buffer.from('</t></is></c></row></sheetData></worksheet>'),
      );
    const result = await importWorkbook(await xlsxWithPart('xl/worksheets/sheet1.xml', sheet));
    const issue = result.issues.find((i) => i.code === 'CELL_TOO_LONG')!;
    expect(issue).toBeDefined();
    expect(issue.row).toBe(2);
    expect(issue.message).toMatch(/读到 [4-8] MiB/);
  });
});

describe('whole-file formats parse on a worker thread with a heap limit', () => {
  it('answers a CSV that needs more than the worker heap with PARSER_MEMORY_EXCEEDED', async () => {
    const line = `${Array.from({ length: 20 }, (_, i) => `单元格${i}`).join(',')}\n`;
    const csv = Buffer.from(`实施部门,事项名称,材料名称\n${line.repeat(60_000)}`);
    const result = await importWorkbook(csv, { fileName: 'big.csv', limits: { maxParserHeapMb: 16 } });
    expect(errorCodes(result)).toEqual(['PARSER_MEMORY_EXCEEDED']);
    // The process is untouched: the same file imports with the default heap.
    const again = await importWorkbook(csv.subarray(0, 4096 * 4), { fileName: 'small.csv' });
    expect(errorCodes(again)).not.toContain('PARSER_MEMORY_EXCEEDED');
  });

  it('reports a cell over maxCellLength found on the worker with its row and column', async () => {
    const csv = Buffer.from(`实施部门,事项名称,材料名称\n市公安局,户口迁移,${'甲'.repeat(200)}\n`);
    const result = await importWorkbook(csv, { fileName: '公安局.csv', limits: { maxCellLength: 100 } });
    const issue = result.issues.find((i) => i.code === 'CELL_TOO_LONG')!;
    expect(issue).toMatchObject({ row: 2, column: 'C' });
  });
});
