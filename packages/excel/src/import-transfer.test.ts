import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createMaterial } from '@jianzheng/core';
import { describe, expect, it } from 'vitest';
import { PACKABLE, packMaterials, unpackMaterials } from './import-transfer';
import { importWorkbook } from './import-workbook';

const LAYOUTS = join(import.meta.dirname, '../fixtures/layouts');

describe('materials packed for the way back from an import worker', () => {
  it("knows every field of core's Material (a new field must be added to the packer)", () => {
    expect(PACKABLE).toBe(true);
  });

  it('unpack to materials equal to the imported ones, field by field and in the same key order', async () => {
    const names = (await readdir(LAYOUTS)).filter((n) => n.endsWith('.xlsx'));
    let nulls = 0;
    for (const name of names) {
      const result = await importWorkbook(join(LAYOUTS, name));
      const packed = packMaterials(result.materials, result.items)!;
      expect(packed).toBeDefined();
      // What crosses the thread boundary: a structured clone of the packed form.
      const unpacked = unpackMaterials(structuredClone(packed), result.items);
      expect(unpacked, name).toEqual(result.materials);
      expect(JSON.stringify(unpacked)).toBe(JSON.stringify(result.materials));
      for (const [i, material] of unpacked.entries()) {
        expect(material.item).toBe(result.materials[i]!.item);
        for (const value of Object.values(material)) if (value === null) nulls++;
      }
    }
    // The fixtures leave optional cells blank.
    expect(nulls).toBeGreaterThan(0);
  });

  it('sends each distinct string once, and the alternatives of 任选其一 as they are', () => {
    const item = { department: '公安局', name: '户口迁移' };
    const materials = ['居民身份证', '居民身份证', '户口簿', '居民身份证或护照（任选其一）'].map((name, i) =>
      createMaterial({ item, name, issuer: '公安机关', legalBasis: '《户口登记条例》' }, `id${i}`),
    );
    const packed = packMaterials(materials, [item])!;
    expect(packed.strings.filter((s) => s === '公安机关')).toHaveLength(1);
    expect(packed.strings.filter((s) => s === '居民身份证')).toHaveLength(1);
    expect(materials[3]!.alternatives?.length).toBeGreaterThan(1);
    const unpacked = unpackMaterials(structuredClone(packed), [item]);
    expect(unpacked).toEqual(materials);
    expect(JSON.stringify(unpacked)).toBe(JSON.stringify(materials));
  });

  it('refuses a material whose item is not among the items (sent as objects instead)', () => {
    const item = { department: '公安局', name: '户口迁移' };
    const material = createMaterial({ item, name: '居民身份证' }, 'x');
    expect(packMaterials([material], [])).toBeUndefined();
  });
});
