import { describe, expect, it } from 'vitest';
import type { Decision } from '../model/decision';
import type { Material } from '../model/material';
import { itemKey, type ServiceItem } from '../model/service-item';
import { type MaterialSpec, materials } from '../testing/fixtures';
import { createEngine } from './create-engine';
import { evaluateInSlices } from './evaluate-in-slices';

const item = (n: number): ServiceItem => ({
  department: n % 2 === 0 ? '市公安局' : '市民政局',
  code: `340100-XK-${String(n).padStart(3, '0')}`,
  name: `事项${n}`,
  type: '行政确认',
});

// Names that make rules look at the item's other materials: a repeat (重复提交), a licence whose
// holder's certificate proves the same facts, a copy next to its original.
const NAMES = ['居民身份证', '居民身份证复印件', '营业执照', '营业执照复印件', '户口簿', '居民身份证'];

function itemSpecs(n: number, count: number): MaterialSpec[] {
  const at = item(n);
  return Array.from({ length: count }, (_, i) => ({
    item: at,
    name: NAMES[(n + i) % NAMES.length]!,
    legalBasis: i % 3 === 0 ? null : '《中华人民共和国户口登记条例》',
    necessary: i % 4 === 0 ? 'no' : 'yes',
  }));
}

function slicesOf(list: readonly Material[], size: number) {
  const engine = createEngine();
  const slices: Array<{ materials: readonly Material[]; decisions: readonly Decision[] }> = [];
  evaluateInSlices(engine, list, (m, d) => slices.push({ materials: m, decisions: d }), size);
  return slices;
}

describe('evaluateInSlices', () => {
  const list = materials(...Array.from({ length: 12 }, (_, n) => itemSpecs(n, 1 + (n % 5))).flat());

  it.each([1, 3, 7, 1000])('gives exactly what one evaluate gives, in slices of whole items (%i)', (size) => {
    const slices = slicesOf(list, size);
    expect(slices.flatMap((s) => s.materials)).toEqual(list);
    expect(slices.flatMap((s) => s.decisions)).toEqual(createEngine().evaluate(list));
    for (const slice of slices) {
      // Each decision is its own material's, and no item is cut in two.
      expect(slice.decisions.map((d) => d.materialId)).toEqual(slice.materials.map((m) => m.id));
      if (slice !== slices.at(-1)) expect(slice.materials.length).toBeGreaterThanOrEqual(size);
    }
    const itemsOf = slices.map((s) => new Set(s.materials.map((m) => itemKey(m.item))));
    for (let a = 0; a < itemsOf.length; a++)
      for (let b = a + 1; b < itemsOf.length; b++)
        for (const key of itemsOf[a]!) expect(itemsOf[b]!.has(key)).toBe(false);
  });

  it('cuts a list of several items into several slices', () => {
    expect(slicesOf(list, 3).length).toBeGreaterThan(3);
  });

  it('evaluates together an item listed again after another one', () => {
    const again = materials(...itemSpecs(1, 3), ...itemSpecs(2, 3), ...itemSpecs(1, 2));
    const slices = slicesOf(again, 1);
    expect(slices).toHaveLength(1);
    expect(slices[0]!.decisions).toEqual(createEngine().evaluate(again));
  });

  it('treats equal items as one item even when they are different objects', () => {
    const copies = materials(
      ...itemSpecs(4, 2),
      ...itemSpecs(4, 2).map((spec) => ({ ...spec, item: { ...spec.item! } })),
      ...itemSpecs(5, 2),
    );
    const slices = slicesOf(copies, 1);
    expect(slices.map((s) => s.materials.length)).toEqual([4, 2]);
    expect(slices.flatMap((s) => s.decisions)).toEqual(createEngine().evaluate(copies));
  });

  it('hands an empty list over once, as evaluate would answer it', () => {
    expect(slicesOf([], 10)).toEqual([{ materials: [], decisions: [] }]);
  });
});
