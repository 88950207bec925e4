import * as XLSX from '@e965/xlsx';
import type { Publication } from '@jianzheng/core';
import { publicationFromSpec, readZip } from '@jianzheng/testkit';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { HEADER_ROW, type Kind, kindOf, publicationTitle, sheetsOf, subtitle } from './attachment-layout';
import { DEFAULT_LEVEL, writeAttachment } from './attachment-sheets';
import { columnLetter } from './column-letter';
import { exportPublication } from './export-publication';
import { STYLE } from './xlsx-writer/parts';
import { looksLikeFormula } from './xlsx-writer/xml';

// The attachment's text cells refer to xl/sharedStrings.xml. Two independent readers must see
// every cell the layout puts there — a wrong index, a text escaped wrongly in the table or a
// count that disagrees shows up as a cell that differs.

const LONGEST = `${'依据《条例》第三条 & <附件> '.repeat(2_000)}`.slice(0, 32_767);

/** Texts that test the table's escaping, whitespace and the quoted style, some repeated across sheets. */
/**
 * Hundreds of rows per sheet, so each sheet is written in several chunks: texts that differ row
 * by row (CJK, some hostile), so that past a small table the chunks hold inline text too.
 */
function longPublication(): Publication {
  const hostile = ['=1+1 户口迁移', '  前后空格  ', '行1\r\n行2', '证明\u0001材料', '户口簿_x000D_补办'];
  const items = Array.from({ length: 300 }, (_, i) => ({
    department: `第${(i % 3) + 1}局`,
    name: `事项${i}：${hostile[i % hostile.length]}`,
    materials: Array.from({ length: 1 + (i % 11) }, (_, m) =>
      m % 3 === 0
        ? [`材料${i}-${m}${hostile[m % hostile.length]}`, 'information-sharing']
        : [`材料${i}-${m}`],
    ),
  }));
  return structuredClone(
    publicationFromSpec(
      { code: '341300', name: '宿州市', level: 'city' },
      { id: 'long', title: '分块写出', documentNumber: '宿政办〔2018〕9号' },
      items as never,
    ),
  );
}

function hostilePublication(): Publication {
  const frozen = publicationFromSpec(
    { code: '341300', name: '宿州市', level: 'city' },
    { id: 'sst', title: '共享字符串', documentNumber: '宿政办〔2018〕9号' },
    [
      {
        department: '市公安局',
        name: '=1+1 户口迁移',
        materials: [
          ['=HYPERLINK("http://x.invalid","点击")', 'information-sharing'],
          ['  前后空格  ', 'information-sharing'],
          ['居民身份证'],
          ['证明\u0001材料\u0008（\u000b复印件\u001f）\uFFFE', 'information-sharing'],
        ],
      },
      {
        department: '市公安局',
        name: '户口簿_x000D_补办',
        materials: [['居民身份证'], ['\t=1+1', 'information-sharing'], ['孤立代理\uD800项']],
      },
      {
        department: '市民政局',
        name: '婚姻登记',
        materials: [['居民身份证', 'information-sharing'], ['行1\r\n行2\n'], ['=1+1 户口迁移']],
      },
    ],
  );
  const publication = structuredClone(frozen);
  const rows = publication.departments.flatMap((d) => d.items.flatMap((i) => i.materials));
  rows[0]!.basis = LONGEST;
  rows[1]!.basis = LONGEST;
  return publication;
}

type Cells = Map<string, string | number>;

/** The text with each lone surrogate as U+FFFD (String#toWellFormed, not in this target's lib). */
const wellFormed = (text: string) =>
  text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** What each sheet shows, cell by cell, derived from the publication through the layout. */
function expectedSheets(publication: Publication, timeZone?: string): Map<string, Cells> {
  const counts: Record<Kind, number> = { cancel: 0, planned: 0, commitment: 0, retain: 0 };
  for (const d of publication.departments)
    for (const i of d.items) for (const m of i.materials) counts[kindOf(m)]++;
  const sheets = new Map<string, Cells>();
  for (const [kind, name, columns] of sheetsOf(counts)) {
    const cells: Cells = new Map();
    cells.set('A1', publicationTitle(publication, kind));
    cells.set('A2', subtitle(publication, timeZone));
    for (const [i, c] of columns.entries()) cells.set(`${columnLetter(i + 1)}${HEADER_ROW}`, c.header);
    let row = HEADER_ROW;
    let serial = 0;
    for (const d of publication.departments) {
      let firstOfDepartment = true;
      for (const i of d.items) {
        let firstOfItem = true;
        for (const m of i.materials) {
          if (kindOf(m) !== kind) continue;
          row++;
          if (firstOfItem) serial++;
          columns.forEach((c, k) => {
            if ((c.group === 'item' && !firstOfItem) || (c.group === 'department' && !firstOfDepartment))
              return;
            const value = c.value(d, i, m, serial, publication);
            // What UTF-8 can carry: a lone surrogate is written (and read back) as U+FFFD.
            if (value !== '')
              cells.set(
                `${columnLetter(k + 1)}${row}`,
                typeof value === 'string' ? wellFormed(value) : value,
              );
          });
          firstOfItem = false;
          firstOfDepartment = false;
        }
      }
    }
    sheets.set(name, cells);
  }
  return sheets;
}

async function readWithExceljs(bytes: Buffer): Promise<Map<string, Cells>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets = new Map<string, Cells>();
  for (const sheet of workbook.worksheets) {
    const cells: Cells = new Map();
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        // A merged cell but its first answers with the first's value: not a cell of its own.
        if (cell.isMerged && cell.master.address !== cell.address) return;
        if (typeof cell.value === 'string' || typeof cell.value === 'number')
          cells.set(cell.address, cell.value);
        else if (cell.value !== null) cells.set(cell.address, JSON.stringify(cell.value));
      }),
    );
    sheets.set(sheet.name, cells);
  }
  return sheets;
}

/** SheetJS reads CR LF in a text as LF, inline or shared alike (its own normalisation). */
const asSheetJs = (cells: Cells): Cells =>
  new Map([...cells].map(([ref, v]) => [ref, typeof v === 'string' ? v.replace(/\r\n/g, '\n') : v]));

function readWithSheetJs(bytes: Buffer): Map<string, Cells> {
  const workbook = XLSX.read(bytes, { type: 'buffer' });
  const sheets = new Map<string, Cells>();
  for (const name of workbook.SheetNames) {
    const cells: Cells = new Map();
    const sheet = workbook.Sheets[name]!;
    for (const [ref, cell] of Object.entries(sheet)) {
      if (ref.startsWith('!')) continue;
      const c = cell as XLSX.CellObject;
      if (c.t === 's' || c.t === 'n') cells.set(ref, c.v as string | number);
      else cells.set(ref, `${c.t}:${String(c.v)}`);
    }
    sheets.set(name, cells);
  }
  return sheets;
}

/** The package's sheets and table as XML, and what the table's references say. */
function tableOf(bytes: Buffer) {
  const parts = readZip(bytes);
  const text = (name: string) => {
    const data = parts.find((p) => p.name === name)?.data;
    return data && Buffer.from(data).toString('utf8');
  };
  const sst = text('xl/sharedStrings.xml')!;
  const [, count, unique] = /<sst [^>]*count="(\d+)" uniqueCount="(\d+)"/.exec(sst)!.map(Number);
  const sheets = parts
    .filter((p) => p.name.startsWith('xl/worksheets/'))
    .map((p) => Buffer.from(p.data).toString('utf8'));
  const references = sheets.flatMap((xml) =>
    [...xml.matchAll(/<c r="([A-Z]+\d+)" s="(\d+)" t="s"><v>(\d+)<\/v><\/c>/g)].map((m) => ({
      ref: m[1]!,
      style: Number(m[2]),
      index: Number(m[3]),
    })),
  );
  const inline = sheets.reduce((n, xml) => n + (xml.match(/t="inlineStr"/g)?.length ?? 0), 0);
  return {
    count,
    unique,
    entries: sst.match(/<si>/g)?.length ?? 0,
    references,
    inline,
    contentTypes: text('[Content_Types].xml')!,
    rels: text('xl/_rels/workbook.xml.rels')!,
  };
}

describe('the attachment through a shared strings table', () => {
  it('shows every cell the layout puts there to exceljs and SheetJS, hostile text included', async () => {
    const publication = hostilePublication();
    const bytes = await exportPublication(publication);
    const expected = expectedSheets(publication);
    const exceljs = await readWithExceljs(bytes);
    const sheetjs = readWithSheetJs(bytes);
    expect([...exceljs.keys()]).toEqual([...expected.keys()]);
    expect([...sheetjs.keys()]).toEqual([...expected.keys()]);
    for (const [name, cells] of expected) {
      const sorted = (m: Cells) => [...m].sort(([a], [b]) => a.localeCompare(b));
      expect(sorted(exceljs.get(name)!), `exceljs, ${name}`).toEqual(sorted(cells));
      expect(sorted(sheetjs.get(name)!), `SheetJS, ${name}`).toEqual(sorted(asSheetJs(cells)));
    }
    // The 32,767-character cell is whole, and read as the same text wherever it is used.
    expect([...exceljs.get('取消的申请材料')!.values()].filter((v) => v === LONGEST)).toHaveLength(2);
  });

  it('counts every reference, holds each text once, numbers texts in order of first use and quotes formula-like text', async () => {
    const publication = hostilePublication();
    const bytes = await exportPublication(publication);
    const table = tableOf(bytes);
    expect(table.inline).toBe(0);
    expect(table.count).toBe(table.references.length);
    expect(table.unique).toBe(table.entries);
    // First uses, in the order the sheets are written, are 0, 1, 2, …
    const firsts: number[] = [];
    for (const { index } of table.references) if (!firsts.includes(index)) firsts.push(index);
    expect(firsts).toEqual([...Array(table.unique).keys()]);
    // SheetJS's view of the table: no text twice, and each reference's style quoted exactly when its text reads as a formula.
    const strings = (XLSX.read(bytes, { type: 'buffer' }) as unknown as { Strings: Array<{ t: string }> })
      .Strings;
    const texts = strings.map((s) => s.t);
    expect(new Set(texts).size).toBe(texts.length);
    const bodyStyles = new Set<number>([
      STYLE.title,
      STYLE.subtitle,
      STYLE.header,
      STYLE.body,
      STYLE.bodyCentred,
    ]);
    for (const { ref, style, index } of table.references) {
      const quoted = !bodyStyles.has(style);
      expect(quoted, `${ref}: ${JSON.stringify(texts[index])}`).toBe(looksLikeFormula(texts[index]!));
    }
    expect(table.contentTypes).toContain(
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>',
    );
    expect(table.rels).toMatch(/Type="[^"]+\/sharedStrings" Target="sharedStrings.xml"/);
  });

  it('writes sheets of hundreds of rows in chunks, shared and inline text mixed, as both readers show them', async () => {
    const publication = longPublication();
    for (const limit of [40, 100_000]) {
      const chunks: Buffer[] = [];
      await writeAttachment(
        { write: (chunk: Buffer) => chunks.push(chunk) > 0, drain: async () => {} },
        publication,
        DEFAULT_LEVEL,
        undefined,
        limit,
      );
      const bytes = Buffer.concat(chunks);
      expect(tableOf(bytes).inline > 0).toBe(limit === 40);
      // Each cell written once, in its row: a chunk holding a piece of the chunk before would
      // repeat cells that a lenient reader takes as the same values.
      for (const part of readZip(bytes).filter((p) => p.name.startsWith('xl/worksheets/'))) {
        const xml = Buffer.from(part.data).toString('utf8');
        const refs = [...xml.matchAll(/<c r="([A-Z]+\d+)"/g)].map((m) => m[1]!);
        expect(new Set(refs).size, part.name).toBe(refs.length);
        for (const row of xml.matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/g))
          for (const cell of row[2]!.matchAll(/<c r="[A-Z]+(\d+)"/g)) expect(cell[1]).toBe(row[1]);
      }
      const sheetjs = readWithSheetJs(bytes);
      const expected = expectedSheets(publication);
      let shown = 0;
      for (const [name, cells] of expected) {
        const sheetjsCells = asSheetJs(cells);
        for (const [ref, value] of sheetjsCells)
          expect(sheetjs.get(name)!.get(ref), `${limit} ${name}!${ref}`).toEqual(value);
        expect(sheetjs.get(name)!.size).toBe(cells.size);
        shown += cells.size;
      }
      // 1,800 rows: each sheet is several chunks of about 200 rows, items of 1 to 11 rows.
      expect(shown).toBeGreaterThan(8_000);
    }
  });

  it('writes the texts past a full table inline, and the workbook reads the same', async () => {
    const publication = hostilePublication();
    const chunks: Buffer[] = [];
    const sink = { write: (chunk: Buffer) => chunks.push(chunk) > 0, drain: async () => {} };
    await writeAttachment(sink, publication, DEFAULT_LEVEL, undefined, 5);
    const bytes = Buffer.concat(chunks);
    const table = tableOf(bytes);
    expect(table.unique).toBe(5);
    expect(table.count).toBe(table.references.length);
    expect(table.inline).toBeGreaterThan(0);
    const expected = expectedSheets(publication);
    const exceljs = await readWithExceljs(bytes);
    const sheetjs = readWithSheetJs(bytes);
    for (const [name, cells] of expected) {
      // exceljs shows inline text's OOXML escapes as written (`_x0001_`, `_x005F_`), as it did
      // before the table; shared strings it decodes.
      const sheetjsCells = asSheetJs(cells);
      for (const [ref, value] of cells) {
        expect(sheetjs.get(name)!.get(ref), `SheetJS ${name}!${ref}`).toEqual(sheetjsCells.get(ref));
        if (
          typeof value === 'number' ||
          !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE]|_x[0-9A-F]{4}_/.test(value)
        )
          expect(exceljs.get(name)!.get(ref), `exceljs ${name}!${ref}`).toEqual(value);
      }
      expect(sheetjs.get(name)!.size).toBe(cells.size);
    }
    // The same bytes twice: indices depend on the publication alone.
    const again: Buffer[] = [];
    await writeAttachment(
      { write: (chunk) => again.push(chunk) > 0, drain: async () => {} },
      publication,
      DEFAULT_LEVEL,
      undefined,
      5,
    );
    expect(Buffer.concat(again).equals(bytes)).toBe(true);
  });
});
