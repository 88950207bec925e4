import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CorpusCase, writeBadInputCorpus, ZIP_BOMB_EXPANDED_BYTES } from './corpus';
import { readZip } from './zip';

let dir: string;
let cases: CorpusCase[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jz-corpus-'));
  cases = await writeBadInputCorpus(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const byId = (id: string) => cases.find((c) => c.id === id)!;

describe('writeBadInputCorpus', () => {
  it('writes every case of issue 8 once, each with an expected outcome', () => {
    const ids = cases.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'not-a-workbook',
      'truncated-zip',
      'zip-bomb',
      'encrypted',
      'xls-renamed',
      'csv-renamed',
      'wide-1000-columns',
      'long-cells-16384',
      'formula-ref-error',
      'dates-in-text-columns',
      'header-in-wrong-row',
      'two-material-columns',
      'duplicate-sheets',
      'empty-workbook',
      'hidden-sheet',
    ]) {
      expect(ids).toContain(id);
    }
    for (const c of cases) {
      expect(c.expect.ok || c.expect.code !== undefined, c.id).toBe(true);
      expect(c.title.length).toBeGreaterThan(0);
    }
  });

  it('writes the expected outcomes as data next to the files (corpus.json)', async () => {
    const listed = JSON.parse(await readFile(join(dir, 'corpus.json'), 'utf8')) as Array<{
      id: string;
      expect: unknown;
    }>;
    expect(listed.map((c) => c.id)).toEqual(cases.map((c) => c.id));
    expect(listed.map((c) => c.expect)).toEqual(cases.map((c) => c.expect));
  });

  it('builds a real zip bomb: about a megabyte that declares (and inflates to) more than 1 GiB', async () => {
    const bomb = byId('zip-bomb');
    expect((await stat(bomb.path)).size).toBeLessThan(2 * 1024 * 1024);
    const bytes = await readFile(bomb.path);
    // The central directory's uncompressed sizes, summed.
    const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    let at = bytes.readUInt32LE(end + 16);
    let total = 0;
    for (let n = 0; n < bytes.readUInt16LE(end + 10); n++) {
      total += bytes.readUInt32LE(at + 24);
      at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    }
    expect(total).toBeGreaterThan(ZIP_BOMB_EXPANDED_BYTES);
  });

  it('writes encrypted and .xls cases as OLE compound files naming their streams', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const encrypted = await readFile(byId('encrypted').path);
    const xls = await readFile(byId('xls-renamed').path);
    expect(encrypted.subarray(0, 8)).toEqual(ole);
    expect(xls.subarray(0, 8)).toEqual(ole);
    expect(encrypted.includes(Buffer.from('EncryptedPackage', 'utf16le'))).toBe(true);
    expect(xls.includes(Buffer.from('Workbook', 'utf16le'))).toBe(true);
    expect(xls.includes(Buffer.from('EncryptionInfo', 'utf16le'))).toBe(false);
  });

  it('writes workbooks exceljs itself can open where the case is a real workbook', async () => {
    const wide = new ExcelJS.Workbook();
    await wide.xlsx.readFile(byId('wide-1000-columns').path);
    expect(wide.worksheets[0]!.getRow(1).cellCount).toBe(1000);
    const long = new ExcelJS.Workbook();
    await long.xlsx.readFile(byId('long-cells-16384').path);
    expect(String(long.worksheets[0]!.getCell('C3').value).length).toBe(16_384 - 8 + 3);
    const hidden = new ExcelJS.Workbook();
    await hidden.xlsx.readFile(byId('hidden-sheet').path);
    expect(hidden.worksheets.map((s) => s.state)).toEqual(['visible', 'hidden']);
  });

  it('gives the duplicate-sheets workbook two sheets of the same name', async () => {
    const entries = readZip(await readFile(byId('duplicate-sheets').path));
    const workbookXml = Buffer.from(entries.find((e) => e.name === 'xl/workbook.xml')!.data).toString('utf8');
    expect(workbookXml.match(/name="市司法局"/g)).toHaveLength(2);
  });
});
