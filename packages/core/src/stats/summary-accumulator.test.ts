import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/create-engine';
import type { Decision } from '../model/decision';
import type { Material, MaterialInput } from '../model/material';
import { assignMaterialIds } from '../model/material-id';
import { ITEM_TYPES, type ServiceItem } from '../model/service-item';
import { summarize } from './summarize';
import { createSummaryAccumulator } from './summary-accumulator';

// Names and facts chosen so that most default rules fire somewhere in the list.
const NAMES = [
  '居民身份证',
  '户口簿',
  '申请表',
  '亲属关系证明',
  '营业执照',
  '承诺书',
  '现场照片',
  '申请表',
  '结婚证',
];
const ISSUERS = ['公安机关', '某某村委会', '', '市场监督管理局'];
const BASES = ['《行政许可法》第三十一条', '无', '', '国务院令第412号'];
const YES_NO = ['yes', 'no', 'unknown', 'unknown'] as const;
const PROPOSALS = ['retain', 'cancel', 'unknown'] as const;

/** A deterministic list of `items` items (1–9 materials each) in 5 departments. */
function generatedItems(items: number): MaterialInput[][] {
  let state = 2018;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  return Array.from({ length: items }, (_, n) => {
    const item: ServiceItem = {
      department: `市第${n % 5}局`,
      ...(n % 3 ? { code: `3413-${n}` } : {}),
      name: `事项${n}`,
      ...(n % 4 ? { type: ITEM_TYPES[n % ITEM_TYPES.length] } : {}),
    };
    return Array.from({ length: 1 + next(9) }, () => ({
      item,
      name: NAMES[next(NAMES.length)]!,
      issuer: ISSUERS[next(ISSUERS.length)] || undefined,
      legalBasis: BASES[next(BASES.length)] || undefined,
      necessary: YES_NO[next(YES_NO.length)],
      shareable: YES_NO[next(YES_NO.length)],
      departmentProposal: PROPOSALS[next(PROPOSALS.length)],
    }));
  });
}

describe('createSummaryAccumulator', () => {
  it('fed item by item with the engine’s decisions equals summarize over the whole arrays', () => {
    const engine = createEngine();
    const accumulator = createSummaryAccumulator();
    const materials: Material[] = [];
    const decisions: Decision[] = [];
    for (const inputs of generatedItems(300)) {
      const itemMaterials = assignMaterialIds(inputs);
      const itemDecisions = engine.evaluate(itemMaterials);
      itemMaterials.forEach((m, i) => {
        accumulator.add(m, itemDecisions[i]);
      });
      materials.push(...itemMaterials);
      decisions.push(...itemDecisions);
    }
    const whole = summarize(materials, [...decisions].reverse());
    const streamed = accumulator.result();
    expect(streamed).toEqual(whole);

    // The list is not trivial: several categories, agreement kinds and item types occur.
    expect(whole.materials).toBe(materials.length);
    expect(whole.items).toBe(300);
    expect(whole.departments).toBe(5);
    expect(Object.values(whole.byCategory).filter((n) => n > 0).length).toBeGreaterThanOrEqual(4);
    expect(Object.values(whole.agreement).filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);
    expect(whole.byItemType.map((t) => t.itemType)).toContain('未分类');
  });

  it('counts an item once even when its materials arrive in separate, non-adjacent adds', () => {
    const [a, b] = generatedItems(2).map((inputs) => assignMaterialIds(inputs.slice(0, 2)));
    const accumulator = createSummaryAccumulator();
    for (const material of [a![0]!, b![0]!, a![1]!, b![1]!]) accumulator.add(material);
    const summary = accumulator.result();
    expect(summary.items).toBe(2);
    expect(summary.materials).toBe(4);
    expect(summary.byDepartment.map((d) => [d.department, d.items, d.materials])).toEqual([
      ['市第0局', 1, 2],
      ['市第1局', 1, 2],
    ]);
  });

  it('keys items by their fields, not by object: one item object renamed between adds counts as two', () => {
    const item = { department: '市公安局', name: '户口迁移' };
    const accumulator = createSummaryAccumulator();
    accumulator.add({ item });
    accumulator.add({ item: { ...item } });
    item.name = '户口登记';
    accumulator.add({ item });
    const summary = accumulator.result();
    expect([summary.items, summary.materials]).toEqual([2, 3]);
  });

  it('returns a snapshot: adding after result() leaves the earlier summary as it was', () => {
    const [first, second] = assignMaterialIds([
      { item: { department: 'A', name: '事项' }, name: 'x' },
      { item: { department: 'B', name: '事项' }, name: 'y' },
    ]);
    const accumulator = createSummaryAccumulator({ categories: ['no-legal-basis', 'photo'] });
    accumulator.add(first!, { verdict: 'cancel', category: 'photo', agreement: 'agree' });
    const before = accumulator.result();
    accumulator.add(second!, { verdict: 'cancel', category: 'photo', agreement: 'engine-cancels' });
    expect(before).toMatchObject({ materials: 1, cancelled: 1, departments: 1 });
    expect(before.byCategory).toEqual({ 'no-legal-basis': 0, photo: 1 });
    expect(before.agreement).toEqual({
      agree: 1,
      'engine-cancels': 0,
      'department-cancels': 0,
      'no-proposal': 0,
    });
    const after = accumulator.result();
    expect(after).toMatchObject({ materials: 2, cancelled: 2, cancellationRate: 100, departments: 2 });
    expect(after.byCategory).toEqual({ 'no-legal-basis': 0, photo: 2 });
  });

  it('counts a material without a decision as retained and in no agreement', () => {
    const [material] = assignMaterialIds([{ item: { department: 'A', name: '事项' }, name: 'x' }]);
    const accumulator = createSummaryAccumulator();
    accumulator.add(material!);
    expect(accumulator.result()).toMatchObject({ materials: 1, retained: 1, cancelled: 0, items: 1 });
    expect(Object.values(accumulator.result().agreement)).toEqual([0, 0, 0, 0]);
  });
});
