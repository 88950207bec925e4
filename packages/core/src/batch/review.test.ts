import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/create-engine';
import { assignMaterialIds } from '../model/material-id';
import { InvalidReviewError } from './errors';
import { applyReview, planReview } from './review';

const [material] = assignMaterialIds([
  {
    item: { department: '市公安局', name: '户口迁移' },
    name: '居民身份证复印件',
    legalBasis: '《户口登记条例》',
    departmentProposal: 'retain',
  },
]);
const engine = createEngine();
const [decision] = engine.evaluate([material!]);
const opts = { by: 'reviewer-1', at: '2018-08-01T10:00:00Z', categories: engine.categories.keys() };

describe('applyReview', () => {
  it('confirms the engine verdict with the note', () => {
    const next = applyReview(material!, decision!, { action: 'confirm', note: '同意' }, opts);
    expect(next.verdict).toBe(decision!.verdict);
    expect(next).toMatchObject({ status: 'confirmed', by: 'reviewer-1', note: '同意' });
  });

  it('overrides to retain and recomputes the agreement with the department', () => {
    expect(decision!.verdict).toBe('cancel');
    const next = applyReview(
      material!,
      decision!,
      { action: 'override', verdict: 'retain', note: '保留' },
      opts,
    );
    expect(next).toMatchObject({ verdict: 'retain', category: null, ruleId: null, status: 'overridden' });
    expect(next.agreement).toBe('agree');
  });

  it('refuses an unknown category and a cancel without category on a retained decision', () => {
    expect(() =>
      applyReview(
        material!,
        decision!,
        { action: 'override', verdict: 'cancel', category: 'nope', note: 'x' },
        {
          ...opts,
          categories: engine.categories.keys(),
        },
      ),
    ).toThrow(InvalidReviewError);
    const retained = { ...decision!, verdict: 'retain' as const, category: null };
    expect(() =>
      applyReview(
        material!,
        retained,
        { action: 'override', verdict: 'cancel', note: 'x' },
        {
          ...opts,
          categories: engine.categories.keys(),
        },
      ),
    ).toThrow(/category/);
  });
});

describe('planReview', () => {
  const later = { ...opts, by: 'reviewer-2', at: '2018-08-01T10:05:00Z' };

  it('plans a change for a proposed decision, and nothing for the same confirm repeated', () => {
    const first = planReview(material!, decision!, { action: 'confirm', note: '同意' }, opts);
    expect(first.kind).toBe('change');
    const again = planReview(material!, first.decision, { action: 'confirm', note: '同意' }, later);
    expect(again).toEqual({ kind: 'unchanged', decision: first.decision });
    // A different note is a new settlement (the record says why), so it is written.
    expect(planReview(material!, first.decision, { action: 'confirm', note: '同意取消' }, later).kind).toBe(
      'change',
    );
  });

  it('treats a repeated identical override as nothing to do, a different one as a change', () => {
    const input = { action: 'override' as const, verdict: 'retain' as const, note: '保留' };
    const first = planReview(material!, decision!, input, opts);
    expect(first.kind).toBe('change');
    expect(planReview(material!, first.decision, input, later).kind).toBe('unchanged');
    expect(planReview(material!, first.decision, { action: 'confirm', note: '保留' }, later).kind).toBe(
      'change',
    );
  });
});
