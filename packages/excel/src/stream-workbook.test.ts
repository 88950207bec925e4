import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWorkbook } from './import-workbook';
import { streamWorkbook, type WorkbookEvent } from './stream-workbook';
import { type Fixtures, writeFixtures } from './testing/fixtures';

let f: Fixtures;
let dir: string;
beforeAll(async () => {
  f = await writeFixtures();
  dir = await mkdtemp(join(tmpdir(), 'jz-stream-'));
});
afterAll(async () => {
  await rm(f.dir, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
});

async function collect(events: AsyncIterable<WorkbookEvent>) {
  const all: WorkbookEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

async function write(name: string, rows: unknown[][], header = ['事项名称', '材料名称', '是否必要']) {
  const path = join(dir, name);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const sheet = workbook.addWorksheet('市公安局');
  sheet.addRow(header).commit();
  for (const values of rows) sheet.addRow(values).commit();
  sheet.commit();
  await workbook.commit();
  return path;
}

describe('streamWorkbook', () => {
  it('yields each item as soon as it is complete, then the end with the issues', async () => {
    const events = await collect(streamWorkbook(f.mergedItems));
    expect(
      events.map((e) => (e.type === 'item' ? [e.item.name, e.materials.map((m) => m.name)] : e.type)),
    ).toEqual([
      ['失业保险金申领', ['居民身份证', '失业证明', '银行卡']],
      ['职业资格证书补发', ['补发申请表', '原证书遗失声明']],
      'end',
    ]);
    const end = events.at(-1)!;
    expect(end).toMatchObject({
      type: 'end',
      ok: true,
      file: 'merged-items.xlsx',
      materials: 5,
      departments: ['市人社局'],
    });
  });

  it('keeps one item object and continues ids when an item comes back later', async () => {
    const path = await write('recurring.xlsx', [
      ['户口迁移', '居民身份证', '是'],
      ['身份证挂失', '报警回执', '是'],
      ['户口迁移', '居民身份证', '是'],
    ]);
    const events = await collect(streamWorkbook(path));
    const items = events.flatMap((e) => (e.type === 'item' ? [e] : []));
    expect(items.map((e) => e.item.name)).toEqual(['户口迁移', '身份证挂失', '户口迁移']);
    expect(items[2]!.item).toBe(items[0]!.item);
    expect(items[2]!.materials[0]!.id).toBe(`${items[0]!.materials[0]!.id}#2`);
    const end = events.at(-1)!;
    expect(end.type === 'end' && end.issues.map((i) => [i.code, i.row])).toEqual([
      ['DEPARTMENT_FROM_SHEET_NAME', 2],
      ['ITEM_REPEATED', 4],
      ['BLANK_LEGAL_BASIS', null],
    ]);
    // The collected import sees the same thing.
    const result = await importWorkbook(path);
    expect(result.items).toHaveLength(2);
    expect(result.materials.map((m) => m.id)).toEqual(items.flatMap((e) => e.materials.map((m) => m.id)));
  });

  it('reports an error found late, after items were already yielded', async () => {
    const path = await write(
      'late-error.xlsx',
      [['户口迁移', '居民身份证', '是'], [], ['', '', ''], ['', '户口簿', '是']],
      ['事项名称', '材料名称', '是否必要'],
    );
    const events = await collect(streamWorkbook(path));
    expect(events[0]!.type).toBe('item');
    const end = events.at(-1)!;
    // The blank row does not break inheritance: 户口簿 still belongs to 户口迁移.
    expect(end.type === 'end' && end.ok).toBe(true);

    const broken = await write(
      'broken.xlsx',
      [
        ['户口迁移', '居民身份证', '是'],
        ['', '户口簿', '是'],
      ],
      ['序号', '材料名称', '是否必要'],
    );
    const brokenEvents = await collect(streamWorkbook(broken));
    const brokenEnd = brokenEvents.at(-1)!;
    expect(brokenEnd.type === 'end' && [brokenEnd.ok, brokenEnd.issues.map((i) => i.code)]).toEqual([
      false,
      ['DEPARTMENT_FROM_SHEET_NAME', 'MATERIAL_WITHOUT_ITEM', 'MATERIAL_WITHOUT_ITEM'],
    ]);
    expect((await importWorkbook(broken)).materials).toEqual([]);
  });

  it('caps repeated issues of one kind and summarises the rest', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => ['户口迁移', `材料${i + 1}`, '看情况']);
    const result = await importWorkbook(await write('many-unknown.xlsx', rows));
    const unknown = result.issues.filter((i) => i.code === 'UNKNOWN_YES_NO');
    expect(unknown).toHaveLength(20);
    expect(unknown.map((i) => i.row)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    const more = result.issues.find((i) => i.code === 'MORE_ISSUES')!;
    expect(more.message).toBe(
      '「many-unknown.xlsx」工作表「市公安局」C 列：另有 10 处同类问题（UNKNOWN_YES_NO）未逐条列出',
    );
    expect(result.materials.every((m) => m.necessary === 'unknown')).toBe(true);
  });

  it('reports progress in rows', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => [`事项${Math.floor(i / 5)}`, `材料${i % 5}`, '是']);
    const seen: number[] = [];
    const result = await importWorkbook(await write('progress.xlsx', rows), {
      onProgress: (n) => seen.push(n),
    });
    expect(result.materials).toHaveLength(2500);
    expect(result.items).toHaveLength(500);
    expect(seen).toEqual([1000, 2000, 2501]);
  });
});
