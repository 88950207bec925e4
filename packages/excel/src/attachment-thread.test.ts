import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Publication, PublishedDepartment } from '@jianzheng/core';
import { describe, expect, it } from 'vitest';
import { packPublication, unpackPublication } from './attachment-transfer';
import { publishedFixtures } from './testing/published-fixtures';
import { writePublicationWorkbook } from './write-publication-workbook';

const fixture = publishedFixtures('jz-attachment-thread-', (f) => [
  f.simple,
  f.mergedItems,
  f.retainedMaterials,
]);

let files = 0;
/** The attachment's bytes written here and on a worker thread. */
async function bothWays(pub: Publication): Promise<[Buffer, Buffer]> {
  const here = join(fixture.dir, `here-${++files}.xlsx`);
  const there = join(fixture.dir, `thread-${files}.xlsx`);
  await writePublicationWorkbook(pub, here);
  await writePublicationWorkbook(pub, there, { thread: true });
  return [await readFile(here), await readFile(there)];
}

const rowsOf = (departments: readonly PublishedDepartment[]) =>
  departments.flatMap((d) => d.items.flatMap((i) => i.materials));

describe('the attachment written on a worker thread', () => {
  it('packs and unpacks every row field for field but the id, which the attachment does not show', () => {
    const packed = packPublication(fixture.publication)!;
    expect(packed).toBeDefined();
    const back = unpackPublication(packed);
    expect(back.departments.map((d) => [d.name, d.items.map((i) => [i.code, i.name, i.type])])).toEqual(
      fixture.publication.departments.map((d) => [d.name, d.items.map((i) => [i.code, i.name, i.type])]),
    );
    const rows = rowsOf(fixture.publication.departments);
    const unpacked = rowsOf(back.departments);
    expect(unpacked).toHaveLength(rows.length);
    rows.forEach((row, i) => {
      for (const key of Object.keys(row) as (keyof typeof row)[])
        if (key !== 'id') expect(unpacked[i]![key]).toEqual(row[key]);
    });
    expect(() => unpacked[0]!.id).toThrow(/not passed/);
    expect(back.jurisdiction).toEqual(fixture.publication.jurisdiction);
    expect(back).not.toHaveProperty('sha256');
  });

  it('writes the same bytes as on this thread, hostile text and lists over its buffers included', async () => {
    const [here, there] = await bothWays(fixture.publication);
    expect(there.equals(here)).toBe(true);

    const hostile = structuredClone(fixture.publication);
    const [first] = rowsOf(hostile.departments);
    first!.name = '证明\u0001材料 & <附件> "原文" _x000D_ 📄';
    hostile.departments[0]!.name = '  市公安局 ]]> ';
    const departments: PublishedDepartment[] = [];
    for (let k = 0; k < 100; k++)
      for (const d of hostile.departments) departments.push({ ...d, name: `${d.name}${k}` });
    const [bigHere, bigThere] = await bothWays({ ...hostile, departments });
    expect(bigThere.equals(bigHere)).toBe(true);
  });

  it('writes a row of another schema (an extra field) on this thread, with the same bytes', async () => {
    const older = structuredClone(fixture.publication);
    const [first] = rowsOf(older.departments);
    (first as unknown as Record<string, unknown>).reason = '引擎理由';
    expect(packPublication(older)).toBeUndefined();
    const [here, there] = await bothWays(older);
    expect(there.equals(here)).toBe(true);
  });

  it('fails as on this thread: a cell too long is named by sheet and cell, and no file is left', async () => {
    const own = await mkdtemp(join(tmpdir(), 'jz-attachment-thread-long-'));
    try {
      const long = structuredClone(fixture.publication);
      rowsOf(long.departments).find((m) => m.verdict === 'retain')!.legalBasis = '依'.repeat(32_768);
      const failure = writePublicationWorkbook(long, join(own, 'list.xlsx'), { thread: true });
      await expect(failure).rejects.toMatchObject({
        code: 'CELL_TOO_LONG',
        sheet: '保留的申请材料',
        length: 32_768,
      });
      await expect(failure).rejects.toThrow(/32,768 个字符，超过 Excel 单元格上限 32,767/);
      expect(await readdir(own)).toEqual([]);

      const path = join(own, 'missing', 'list.xlsx');
      const missing = writePublicationWorkbook(fixture.publication, path, { thread: true });
      await expect(missing).rejects.toMatchObject({ code: 'XLSX_WRITE_FAILED', path });
      await expect(missing).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });
});
