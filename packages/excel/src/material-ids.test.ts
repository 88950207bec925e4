import { rm } from 'node:fs/promises';
import { assignMaterialIds, itemKey, type Material, materialId, normalizeName } from '@jianzheng/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWorkbooks } from './import-workbook';
import { fastMaterialId } from './material-ids';
import { type Fixtures, writeFixtures } from './testing/fixtures';

let f: Fixtures;
beforeAll(async () => {
  f = await writeFixtures();
});
afterAll(async () => {
  await rm(f.dir, { recursive: true, force: true });
});

describe('fastMaterialId', () => {
  it.each([
    ['居民身份证', 1],
    ['1、居民身份证（原件及复印件）', 1],
    ['（一）户口簿', 2],
    ['１２３４５热线记录', 3],
    ['营业执照副本', 1],
  ])('equals core materialId for %s #%i', (name, occurrence) => {
    const item = { department: '市公安局', code: '3413-001', name: '户口迁移' };
    expect(fastMaterialId(itemKey(item), normalizeName(name), occurrence)).toBe(
      materialId(item, name, occurrence),
    );
    const uncoded = { department: ' 市公安局 ', name: '户口迁移 ' };
    expect(fastMaterialId(itemKey(uncoded), normalizeName(name), occurrence)).toBe(
      materialId(uncoded, name, occurrence),
    );
  });

  it("gives every imported material the id core's assignMaterialIds gives it", async () => {
    const imported = await importWorkbooks([
      f.simple,
      f.titleAndUnitLine,
      f.twoRowHeader,
      f.mergedItems,
      f.multiSheet,
      f.cellTypes,
      f.retainedMaterials,
    ]);
    expect(imported.materials.length).toBeGreaterThan(15);
    const again = assignMaterialIds(imported.materials.map(({ id: _id, ...rest }) => rest));
    expect(imported.materials).toEqual(again as Material[]);
  });
});
