import { describe, expect, it } from 'vitest';
import { readSharedStrings } from './shared-strings';
import { type CellValue, MalformedWorksheetError, type SheetRow, WorksheetScanner } from './worksheet-rows';

const SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:F9"/>
<sheetViews><sheetView workbookViewId="0"/></sheetViews><cols><col min="1" max="3" width="20"/></cols>
<sheetData>
<row r="1" spans="1:6"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" s="2"/><c r="F1" t='inlineStr'><is><t>户口簿 &amp; 身份证</t></is></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><r><rPr><b/></rPr><t xml:space="preserve">营业</t></r><r><t>执照</t></r><rPh sb="0" eb="2"><t>えいぎょう</t></rPh></is></c><c r="B3"><v>42</v></c><c r="C3" s="1"><v>43101</v></c><c r="D3" t="b"><v>1</v></c><c r="E3" t="e"><v>#N/A</v></c></row>
<row r="4"/>
<row><c><v>1.5</v></c><c t="str"><f>A1&amp;B1</f><v>a&lt;b&#x4E2D;&#20013;</v></c><c t="e"><f>#REF!+1</f><v>#REF!</v></c><c s="1"><f>TODAY()</f><v>43101</v></c><c><f>NOW()</f></c><c t="b"><v>0</v></c></row>
<row r="9" ht="30" customHeight="1"><c r="AB9" t="inlineStr"><is><t/></is></c><c r="AC9"><v></v></c><c r="XFD9" t="s"><v>2</v></c></row>
</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells><pageMargins left="0.7"/></worksheet>`;

const context = {
  sharedStrings: ['材料名称', '事项名称', '是否必要'],
  isDateStyle: (style: number) => style === 1,
  date1904: false,
};

function scan(chunks: Buffer[]): SheetRow[] {
  const scanner = new WorksheetScanner(context);
  const rows: SheetRow[] = [];
  for (const chunk of chunks) rows.push(...scanner.push(chunk));
  scanner.end();
  return rows;
}

function cells(row: SheetRow): Array<[number, CellValue]> {
  const out: Array<[number, CellValue]> = [];
  row.eachValue((value, column) => out.push([column, value]));
  return out;
}

function splitEvery(bytes: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}

describe('WorksheetScanner', () => {
  const bytes = Buffer.from(SHEET, 'utf8');

  it('reads every kind of cell the importer meets', () => {
    const rows = scan([bytes]);
    expect(rows.map((r) => r.number)).toEqual([1, 3, 4, 5, 9]);
    expect(cells(rows[0]!)).toEqual([
      [1, '材料名称'],
      [2, '事项名称'],
      [6, '户口簿 & 身份证'],
    ]);
    expect(cells(rows[1]!)).toEqual([
      // Rich-text runs joined; the phonetic guide is not part of the text.
      [1, '营业执照'],
      [2, 42],
      [3, new Date('2018-01-01T00:00:00Z')],
      [4, true],
      [5, { error: '#N/A' }],
    ]);
    expect(cells(rows[2]!)).toEqual([]);
    // A row and cells without references follow the previous ones.
    expect(cells(rows[3]!)).toEqual([
      [1, 1.5],
      [2, 'a<b中中'],
      // A formula's cached error stays an error (exceljs's reader dropped it).
      [3, { error: '#REF!' }],
      // A formula's date result (=TODAY()) reads as the date it shows.
      [4, new Date(Date.UTC(2018, 0, 1))],
      // A formula saved without its result is not a blank: its value is unknown.
      [5, { formula: 'NOW()' }],
      [6, false],
    ]);
    expect(cells(rows[4]!)).toEqual([
      [28, ''],
      [16384, '是否必要'],
    ]);
    expect(rows[4]!.value(16384)).toBe('是否必要');
    expect(rows[4]!.value(29)).toBeUndefined();
  });

  it('gives the same rows however the bytes are split, even inside a character', () => {
    const whole = JSON.stringify(scan([bytes]).map(cells));
    for (const size of [1, 2, 3, 5, 7, 13, 64, 333]) {
      expect(JSON.stringify(scan(splitEvery(bytes, size)).map(cells)), `chunks of ${size}`).toBe(whole);
    }
    for (let cut = 1; cut < bytes.length; cut += 17) {
      const split = [bytes.subarray(0, cut), bytes.subarray(cut)];
      expect(JSON.stringify(scan(split).map(cells)), `cut at ${cut}`).toBe(whole);
    }
  });

  it('reads a cell far longer than a chunk', () => {
    const long = '证'.repeat(200_000);
    const xml = Buffer.from(
      `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${long}</t></is></c></row></sheetData></worksheet>`,
    );
    const rows = scan(splitEvery(xml, 1024));
    expect(rows[0]!.value(1)).toBe(long);
  });

  it('refuses a sheet cut off inside its rows', () => {
    const cut = bytes.subarray(0, bytes.indexOf('<row r="9"'));
    expect(() => scan([cut])).toThrow(MalformedWorksheetError);
    expect(() => scan([cut])).toThrow(/工作表 XML 格式错误/);
  });

  it('reads a sheet without rows', () => {
    expect(scan([Buffer.from('<worksheet><sheetData/></worksheet>')])).toEqual([]);
    expect(scan([Buffer.from('<worksheet><sheetData></sheetData></worksheet>')])).toEqual([]);
  });
});

describe('readSharedStrings', () => {
  const xml = Buffer.from(
    `<?xml version="1.0"?><sst xmlns="x" count="5" uniqueCount="5"><si><t>居民身份证</t></si><si/><si><r><t>营业</t></r><r><rPr><i/></rPr><t xml:space="preserve"> 执照</t></r><rPh><t>x</t></rPh></si><si><t>A&amp;B &#x263A;</t></si><si><t></t></si></sst>`,
  );

  async function* from(chunks: Buffer[]): AsyncGenerator<Buffer> {
    yield* chunks;
  }

  it('reads plain, empty and rich strings, joined as Excel shows them', async () => {
    expect(await readSharedStrings(from([xml]))).toEqual(['居民身份证', '', '营业 执照', 'A&B ☺', '']);
  });

  it('gives the same table however the bytes are split', async () => {
    const whole = await readSharedStrings(from([xml]));
    for (const size of [1, 2, 3, 4, 5, 11, 50]) {
      expect(await readSharedStrings(from(splitEvery(xml, size))), `chunks of ${size}`).toEqual(whole);
    }
  });

  it('refuses a table cut off inside a string', async () => {
    const cut = xml.subarray(0, xml.indexOf('营业') + 3);
    await expect(readSharedStrings(from([cut]))).rejects.toThrow(/共享字符串表/);
  });
});

describe('SheetRow.value', () => {
  const sheet = (rows: string) =>
    Buffer.from(`<worksheet><sheetData>${rows}</sheetData></worksheet>`, 'utf8');

  it('finds every column of a row in increasing columns, gaps and all', () => {
    const [row] = scan([
      sheet(
        '<row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>3</v></c><c r="D1"><v>4</v></c><c r="Q1"><v>17</v></c></row>',
      ),
    ]);
    for (let column = 0; column <= 20; column++) {
      expect(row!.value(column)).toBe([1, 3, 4, 17].includes(column) ? column : undefined);
    }
  });

  it('gives the first of repeated or reordered cells, as the row was written', () => {
    const [row] = scan([
      sheet(
        '<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c><c r="B1"><v>3</v></c><c r="D1"><v>4</v></c></row>',
      ),
    ]);
    expect([row!.value(1), row!.value(2), row!.value(3), row!.value(4)]).toEqual([2, 1, undefined, 4]);
  });
});
