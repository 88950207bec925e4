import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publicationFromSpec, readZip } from '@jianzheng/testkit';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { writePublicationWorkbook } from './write-publication-workbook';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const HOSTILE = ['=HYPERLINK("http://x.invalid","点击")', '+1+1', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=2'];

describe('published cells a spreadsheet would take for formulas', () => {
  it('are written as text with the quote-prefix style, read back by exceljs as the same text', async () => {
    const publication = publicationFromSpec(
      { code: '341300', name: '宿州市', level: 'city' },
      { id: 'f1', title: '公式', documentNumber: '宿政办〔2018〕1号' },
      [
        {
          department: '市公安局',
          name: '=1+1 户口迁移',
          materials: [
            ...HOSTILE.map((name): [string, string?] => [name, 'information-sharing']),
            ['居民身份证'],
          ],
        },
      ],
    );
    const before = JSON.stringify(publication);
    const dir = await mkdtemp(join(tmpdir(), 'jz-formulas-'));
    dirs.push(dir);
    const path = join(dir, 'list.xlsx');
    await writePublicationWorkbook(publication, path);
    // The publication (what the JSON is written from) keeps the text exactly.
    expect(JSON.stringify(publication)).toBe(before);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const cells = new Map<string, { value: unknown; ref: string; sheet: string }>();
    for (const sheet of workbook.worksheets)
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string')
            cells.set(cell.value, { value: cell.value, ref: cell.address, sheet: sheet.name });
          else if (cell.value !== null && typeof cell.value === 'object' && 'formula' in cell.value)
            throw new Error(`${sheet.name}!${cell.address} was read as a formula`);
        }),
      );
    // Written and read back with a CR as a CR (not a line break), a tab as a tab.
    for (const text of [...HOSTILE, '=1+1 户口迁移'])
      expect(cells.has(text), JSON.stringify(text)).toBe(true);

    // Each such cell's style carries quotePrefix; an ordinary one's does not.
    const parts = readZip(await readFile(path));
    const styles = parts.find((p) => p.name === 'xl/styles.xml')!.data.toString();
    const xfs = /<cellXfs[^>]*>(.*?)<\/cellXfs>/s.exec(styles)![1]!.match(/<xf [^>]*?(?:\/>|>.*?<\/xf>)/gs)!;
    const styleOf = (sheetIndex: number, ref: string) => {
      const xml = parts.find((p) => p.name === `xl/worksheets/sheet${sheetIndex}.xml`)!.data.toString();
      return Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(xml)![1]);
    };
    const sheetIndex = (name: string) => workbook.worksheets.findIndex((s) => s.name === name) + 1;
    for (const text of HOSTILE) {
      const at = cells.get(text)!;
      expect(xfs[styleOf(sheetIndex(at.sheet), at.ref)], text).toContain('quotePrefix="1"');
    }
    const plain = cells.get('居民身份证')!;
    expect(xfs[styleOf(sheetIndex(plain.sheet), plain.ref)]).not.toContain('quotePrefix');
  });
});
