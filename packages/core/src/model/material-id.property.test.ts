import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MaterialInput } from './material';
import { assignMaterialIds, materialId } from './material-id';
import type { ServiceItem } from './service-item';

const ITEMS: ServiceItem[] = [
  { department: '市公安局', code: '341300-GA-001', name: '户籍迁移' },
  { department: '市公安局', name: '居住证申领' },
  { department: '市民政局', code: '341300-MZ-007', name: '结婚登记' },
  { department: '市民政局', name: '最低生活保障审批' },
];
// A few names, some spelled two ways (the same normalized name): repeats are the hard case.
const NAMES = [
  '居民身份证',
  '居民身份证（复印件）',
  '1、居民身份证',
  '户口簿',
  '结婚证',
  '申请表',
  '收入证明',
  '收入 证明',
];

const materials = fc.array(fc.record({ item: fc.constantFrom(...ITEMS), name: fc.constantFrom(...NAMES) }), {
  minLength: 1,
  maxLength: 40,
});

function groupKey(input: MaterialInput): string {
  return `${input.item.department}|${input.item.code ?? input.item.name}|${materialId(input.item, input.name)}`;
}

describe('assignMaterialIds (property-based)', () => {
  it('gives unique ids', () => {
    fc.assert(
      fc.property(materials, (inputs) => {
        const ids = assignMaterialIds(inputs).map((m) => m.id);
        expect(new Set(ids).size).toBe(ids.length);
      }),
    );
  });

  it('keeps every id stable when rows are reordered: the same set of ids, and a name that occurs once keeps its id', () => {
    fc.assert(
      fc.property(
        materials.chain((inputs) =>
          fc.tuple(fc.constant(inputs), fc.shuffledSubarray(inputs, { minLength: inputs.length })),
        ),
        ([inputs, shuffled]) => {
          const before = assignMaterialIds(inputs);
          const after = assignMaterialIds(shuffled);
          expect(new Set(after.map((m) => m.id))).toEqual(new Set(before.map((m) => m.id)));
          const counts = new Map<string, number>();
          for (const input of inputs) counts.set(groupKey(input), (counts.get(groupKey(input)) ?? 0) + 1);
          const idOf = (list: typeof before) => new Map(list.map((m) => [groupKey(m), m.id]));
          const a = idOf(before);
          const b = idOf(after);
          for (const [key, count] of counts) if (count === 1) expect(b.get(key)).toBe(a.get(key));
        },
      ),
    );
  });

  it('does not depend on other items or other names: adding rows elsewhere keeps ids', () => {
    fc.assert(
      fc.property(materials, materials, (inputs, extra) => {
        const base = assignMaterialIds(inputs);
        const keys = new Set(inputs.map(groupKey));
        const unrelated = extra.filter((e) => !keys.has(groupKey(e)));
        const mixed = assignMaterialIds([...unrelated.slice(0, 3), ...inputs, ...unrelated.slice(3)]);
        const ids = new Set(mixed.map((m) => m.id));
        for (const m of base) expect(ids.has(m.id)).toBe(true);
      }),
    );
  });

  it('uses 16 hex digits, with #n for the n-th repeat of a name in an item', () => {
    fc.assert(
      fc.property(materials, (inputs) => {
        for (const m of assignMaterialIds(inputs))
          expect(m.id).toMatch(/^[0-9a-f]{16}(#[2-9]|#[1-9][0-9]+)?$/);
      }),
    );
  });
});
