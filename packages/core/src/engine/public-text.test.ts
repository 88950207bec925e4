import { describe, expect, it } from 'vitest';
import { applyReview } from '../batch/review';
import { InvalidRuleDefinitionError } from '../errors/config-errors';
import { decideOne, materials } from '../testing/fixtures';
import { createEngine } from './create-engine';
import { defineRule } from './define-rule';

describe('rule metadata', () => {
  it('every default rule carries its principle and explanation; the eight principles are all named', () => {
    const rules = createEngine().rules;
    for (const rule of rules) {
      expect(rule.principleText?.zh, rule.id).toMatch(/一律取消$/);
      expect(rule.explanation?.zh, rule.id).toBeTruthy();
      expect(rule.explanation?.en, rule.id).toBeTruthy();
    }
    const principles = new Set(rules.map((r) => r.principle));
    expect([...principles].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("principle 7 speaks with its own public wording, not its category's", () => {
    const rule = createEngine().rules.find((r) => r.id === 'issuer-cannot-certify')!;
    expect(rule.category).toBe('not-necessary');
    expect(rule.publicWording.zh).toBe('村(居)委会无权出具，改由办理部门核实');
    const notNecessary = createEngine().rules.find((r) => r.id === 'not-necessary')!;
    expect(notNecessary.publicWording.zh).toBe('非办事必要条件');
  });

  it('a re-categorised rule takes its new category’s wording', () => {
    const engine = createEngine({ categories: { 'issuer-cannot-certify': 'internal-query' } });
    expect(engine.rules.find((r) => r.id === 'issuer-cannot-certify')!.publicWording.zh).toBe(
      '改为部门内部查询',
    );
  });

  it('refuses metadata that is not a {zh, en} text', () => {
    expect(() =>
      defineRule({
        id: 'bad-text',
        category: 'not-necessary',
        title: { zh: '坏', en: 'bad' },
        explanation: 'no' as unknown as { zh: string; en: string },
        compile: () => () => ({ matched: false, reason: '', facts: {} }),
      }),
    ).toThrow(InvalidRuleDefinitionError);
  });
});

describe('public reason', () => {
  it('is built from facts, never from the reviewer-facing reason', () => {
    const shared = decideOne({ name: '居民身份证复印件', shareable: 'yes' });
    expect(shared.ruleId).toBe('shared-data');
    expect(shared.publicReason).toMatch(/信息共享/);
    expect(shared.publicReason).not.toBe(shared.reason);
    expect(shared.publicReason).not.toContain('部门填报');

    const superior = decideOne({
      name: '准迁证明',
      superiorCancelled: 'yes',
      superiorReference: '皖政办秘〔2018〕247号',
    });
    expect(superior.publicReason).toBe('上级部门已公布取消（皖政办秘〔2018〕247号）');

    const village = decideOne({ name: '亲属关系证明', issuer: '张庄村民委员会', commitment: 'no' });
    expect(village.ruleId).toBe('issuer-cannot-certify');
    expect(village.publicReason).toContain('改由办理部门核实');
    expect(village.replacement).not.toContain('不再索要');
  });

  it('is null for a retained material', () => {
    expect(decideOne({ name: '申请表', necessary: 'yes' }).publicReason).toBeNull();
  });

  it("falls back to the rule's public wording when a city's rule gives none", () => {
    const photos = defineRule({
      id: 'no-photos',
      category: 'not-necessary',
      title: { zh: '不再索要照片', en: 'photos no longer required' },
      publicWording: { zh: '窗口现场采集照片', en: 'taken at the counter' },
      compile: () => (m) => ({ matched: m.name.includes('照片'), reason: '内部说明', facts: {} }),
    });
    const [decision] = createEngine({ rules: [photos] }).evaluate(materials({ name: '照片' }));
    expect(decision!.publicReason).toBe('窗口现场采集照片');
  });

  it('an override may carry its own public reason; a changed verdict drops the engine’s', () => {
    const [material] = materials({ name: '居民身份证复印件', shareable: 'yes' });
    const decision = createEngine().evaluate([material!])[0]!;
    const options = { by: 'reviewer', at: '2026-01-01T00:00:00Z', categories: ['duplicate', 'commitment'] };
    const own = applyReview(
      material!,
      decision,
      {
        action: 'override',
        verdict: 'cancel',
        category: 'commitment',
        publicReason: '实行告知承诺',
        note: '内部意见',
      },
      options,
    );
    expect(own.publicReason).toBe('实行告知承诺');
    const changed = applyReview(
      material!,
      decision,
      { action: 'override', verdict: 'cancel', category: 'duplicate', note: '内部意见' },
      options,
    );
    expect(changed.publicReason).toBeNull();
    expect(changed.note).toBe('内部意见');
  });
});
