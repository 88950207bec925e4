import { describe, expect, it } from 'vitest';
import type { Decision } from '../model/decision';
import type { Material } from '../model/material';
import { assignMaterialIds } from '../model/material-id';
import { cancellationRate, formatRate } from './format-rate';
import { summarize } from './summarize';

// The first batch of the press release: 4,363 materials, 1,290 cancelled in seven categories.
const SEED_CATEGORIES: Record<string, number> = {
  'information-sharing': 540,
  'internal-query': 232,
  commitment: 208,
  'no-legal-basis': 119,
  'not-necessary': 89,
  duplicate: 71,
  'superior-decision': 31,
};

function seedLikeList(): { materials: Material[]; decisions: Decision[] } {
  const categories = Object.entries(SEED_CATEGORIES).flatMap(([id, n]) => Array<string>(n).fill(id));
  const inputs = Array.from({ length: 4363 }, (_, i) => ({
    item: {
      department: `部门${(i % 436) % 11}`,
      code: `ITEM-${i % 436}`,
      name: `事项${i % 436}`,
      type: '行政许可' as const,
    },
    name: `材料${i}`,
  }));
  const materials = assignMaterialIds(inputs);
  const decisions = materials.map((m, i): Decision => {
    const category = categories[i] ?? null;
    return {
      materialId: m.id,
      verdict: category ? 'cancel' : 'retain',
      category,
      ruleId: category ? 'x' : null,
      replacement: null,
      reason: '',
      trace: [],
      alternatives: null,
      effectiveFrom: null,
      agreement: i % 2 ? 'agree' : 'no-proposal',
      status: 'proposed',
    };
  });
  return { materials, decisions };
}

describe('summarize', () => {
  it('reproduces the arithmetic of the first batch', () => {
    const { materials, decisions } = seedLikeList();
    const summary = summarize(materials, [...decisions].reverse());
    expect(summary).toMatchObject({
      materials: 4363,
      cancelled: 1290,
      retained: 3073,
      cancellationRate: 29.6,
    });
    expect(summary.byCategory).toEqual(SEED_CATEGORIES);
    expect(Object.values(summary.byCategory).reduce((a, b) => a + b, 0)).toBe(summary.cancelled);
    expect(summary.departments).toBe(11);
    expect(summary.items).toBe(436);
    expect(summary.byDepartment.reduce((a, d) => a + d.materials, 0)).toBe(4363);
    expect(summary.byDepartment.reduce((a, d) => a + d.cancelled, 0)).toBe(1290);
    expect(summary.byItemType).toHaveLength(1);
    expect(summary.agreement.agree + summary.agreement['no-proposal']).toBe(4363);
  });

  it('counts an item once per slice even when it has many materials', () => {
    const materials = assignMaterialIds([
      { item: { department: 'A', name: '事项', type: '行政许可' }, name: 'x' },
      { item: { department: 'A', name: '事项', type: '行政许可' }, name: 'y' },
      { item: { department: 'B', name: '事项' }, name: 'x' },
    ]);
    const summary = summarize(materials, []);
    expect(summary.items).toBe(2);
    expect(summary.byDepartment.map((d) => [d.department, d.items, d.materials])).toEqual([
      ['A', 1, 2],
      ['B', 1, 1],
    ]);
    expect(summary.byItemType.map((t) => t.itemType)).toEqual(['行政许可', '未分类']);
  });
});

describe('cancellation rate', () => {
  it.each([
    [1290, 4363, 29.6, '29.6%'],
    [1761, 10107, 17.4, '17.4%'],
    [0, 0, 0, '0.0%'],
    [1, 3, 33.3, '33.3%'],
    [1, 8, 12.5, '12.5%'],
    [3, 3, 100, '100.0%'],
  ])('%i / %i → %s', (cancelled, total, rate, text) => {
    expect(cancellationRate(cancelled, total)).toBe(rate);
    expect(formatRate(cancelled, total)).toBe(text);
  });
});
