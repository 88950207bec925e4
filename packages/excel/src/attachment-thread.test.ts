import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Publication, PublishedDepartment } from '@jianzheng/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LEVEL } from './attachment-sheets';
import { writeAttachmentOnThread } from './attachment-thread';
import { ArrivingPublication, type PackedBatch, packBatches, packHead } from './attachment-transfer';
import { publishedFixtures } from './testing/published-fixtures';
import { writePublicationWorkbook, writeWorkbookFile } from './write-publication-workbook';

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
  it('packs and unpacks every row field for field but the id, in batches of whole departments', async () => {
    for (const rowsPerBatch of [1, 3, 1_000_000]) {
      const batches: PackedBatch[] = [];
      const head = packHead(fixture.publication);
      const packing = packBatches(fixture.publication, rowsPerBatch);
      let next = packing.next();
      for (; !next.done; next = packing.next()) batches.push(next.value);
      const cells = next.value;
      expect(cells).toBeInstanceOf(Int32Array);
      const departments = fixture.publication.departments.length;
      expect(batches.reduce((n, b) => n + b.departments, 0)).toBe(departments);
      if (rowsPerBatch === 1) expect(batches).toHaveLength(departments);
      if (rowsPerBatch === 1_000_000) expect(batches).toHaveLength(1);

      const arriving = new ArrivingPublication(head);
      // Not here yet: the writer waits for the first batch, which then lets it go on.
      const first = arriving.arrival.ready(0);
      expect(first).toBeInstanceOf(Promise);
      arriving.add(batches[0]!);
      await first;
      for (const batch of batches.slice(1)) arriving.add(batch);
      // The sender's whole buffer replaces the worker's copy; the rows read the same from it.
      arriving.whole(cells!);
      expect(arriving.arrival.ready(departments - 1)).toBeUndefined();

      const back = arriving.publication;
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
      expect(arriving.arrival.rows).toEqual({
        cancel: rows.filter(
          (r) => r.verdict === 'cancel' && !r.effectiveFrom && r.category?.id !== 'commitment',
        ).length,
        planned: rows.filter((r) => r.verdict === 'cancel' && r.effectiveFrom).length,
        commitment: rows.filter(
          (r) => r.verdict === 'cancel' && !r.effectiveFrom && r.category?.id === 'commitment',
        ).length,
        retain: rows.filter((r) => r.verdict === 'retain').length,
      });
    }
  });

  it('writes the same bytes when the rows arrive one department at a time', async () => {
    const departments: PublishedDepartment[] = [];
    for (let k = 0; k < 30; k++)
      for (const d of fixture.publication.departments) departments.push({ ...d, name: `${d.name}${k}` });
    const many = { ...fixture.publication, departments };
    const here = join(fixture.dir, `batches-here-${++files}.xlsx`);
    const there = join(fixture.dir, `batches-thread-${files}.xlsx`);
    await writeWorkbookFile(many, here, DEFAULT_LEVEL, undefined);
    expect(await writeAttachmentOnThread(many, there, DEFAULT_LEVEL, undefined, 1)).toBe(true);
    expect((await readFile(there)).equals(await readFile(here))).toBe(true);
  });

  it('leaves no file when a late department cannot be packed, after the worker began writing', async () => {
    const own = await mkdtemp(join(tmpdir(), 'jz-attachment-thread-late-'));
    try {
      const departments: PublishedDepartment[] = [];
      for (let k = 0; k < 20; k++)
        for (const d of fixture.publication.departments)
          departments.push(structuredClone({ ...d, name: `${d.name}${k}` }));
      const late = rowsOf(departments.slice(-1))[0] as unknown as Record<string, unknown>;
      late.reason = '引擎理由';
      const temp = join(own, 'list.xlsx.tmp');
      const written = await writeAttachmentOnThread(
        { ...fixture.publication, departments },
        temp,
        DEFAULT_LEVEL,
        undefined,
        1,
      );
      expect(written).toBe(false);
      expect(await readdir(own)).toEqual([]);
    } finally {
      await rm(own, { recursive: true, force: true });
    }
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
    const packing = packBatches(older, 1_000);
    let next = packing.next();
    while (!next.done) next = packing.next();
    expect(next.value).toBeUndefined();
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
