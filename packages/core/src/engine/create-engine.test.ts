import { describe, expect, it } from 'vitest';
import { DuplicateRuleError, UnknownCategoryError, UnknownRuleError } from '../errors/config-errors';
import { isJianzhengError } from '../errors/jianzheng-error';
import { defineCategory } from '../model/category';
import { DEFAULT_RULES } from '../rules/index';
import { decide, decideOne, materials, POLICE_ITEM } from '../testing/fixtures';
import { createEngine } from './create-engine';
import { defineRule } from './define-rule';

const DEFAULT_ORDER = [
  'superior-cancelled',
  'item-cancelled',
  'no-legal-basis',
  'duplicate',
  'proven-by-licence',
  'not-necessary',
  'issuer-cannot-certify',
  'shared-data',
  'internal-query',
  'written-commitment',
];

describe('createEngine', () => {
  it('evaluates the ten default rules in the order of domain.md §4', () => {
    expect(createEngine().rules.map((r) => r.id)).toEqual(DEFAULT_ORDER);
    expect(createEngine().rules.map((r) => r.category)).toEqual([
      'superior-decision',
      'superior-decision',
      'no-legal-basis',
      'duplicate',
      'duplicate',
      'not-necessary',
      'not-necessary',
      'information-sharing',
      'internal-query',
      'commitment',
    ]);
  });

  it('traces every rule, with facts, even after the deciding one', () => {
    const decision = decideOne({ name: '居民身份证', legalBasis: '无' });
    expect(decision.trace.map((t) => t.ruleId)).toEqual(DEFAULT_ORDER);
    expect(decision.ruleId).toBe('no-legal-basis');
    expect(decision.trace.find((t) => t.ruleId === 'shared-data')).toMatchObject({ matched: true });
    for (const entry of decision.trace) expect(entry.reason).not.toBe('');
  });

  it('retains when no rule cancels, with null category and rule', () => {
    const decision = decideOne({ name: '户口迁移申请表' });
    expect(decision).toMatchObject({ verdict: 'retain', category: null, ruleId: null, replacement: null });
    expect(decision.trace.every((t) => !t.matched)).toBe(true);
  });

  it('stops at the deciding rule when the trace is off', () => {
    const decision = decideOne({ name: '居民身份证', legalBasis: '无' }, { trace: false });
    expect(decision.ruleId).toBe('no-legal-basis');
    expect(decision.trace.map((t) => t.ruleId)).toEqual(DEFAULT_ORDER.slice(0, 3));
  });

  it('reorders: listed rules first, the rest keep their default order', () => {
    const engine = createEngine({ order: ['shared-data', 'no-legal-basis'] });
    expect(engine.rules.map((r) => r.id).slice(0, 4)).toEqual([
      'shared-data',
      'no-legal-basis',
      'superior-cancelled',
      'item-cancelled',
    ]);
    expect(decideOne({ name: '居民身份证', legalBasis: '无' }, { order: ['shared-data'] }).ruleId).toBe(
      'shared-data',
    );
  });

  it('disables and re-categorises rules', () => {
    const options = { disabled: ['no-legal-basis'], categories: { 'shared-data': 'internal-query' } };
    const decision = decideOne({ name: '居民身份证', legalBasis: '无' }, options);
    expect(decision.ruleId).toBe('shared-data');
    expect(decision.category).toBe('internal-query');
    expect(decision.trace.map((t) => t.ruleId)).toEqual(
      createEngine()
        .rules.map((r) => r.id)
        .filter((id) => id !== 'no-legal-basis'),
    );
  });

  it('rejects unknown rule ids and categories with clear, typed errors', () => {
    expect(() => createEngine({ order: ['no-such-rule'] })).toThrow(UnknownRuleError);
    expect(() => createEngine({ disabled: ['nope'] })).toThrow(/rules\.disabled: 未知的规则 “nope”/);
    expect(() => createEngine({ categories: { duplicate: 'lost' } })).toThrow(UnknownCategoryError);
    try {
      createEngine({ categories: { duplicate: 'lost' } });
    } catch (error) {
      expect(isJianzhengError(error)).toBe(true);
      expect((error as UnknownCategoryError).code).toBe('UNKNOWN_CATEGORY');
      expect((error as UnknownCategoryError).messageEn).toContain('unknown category "lost"');
    }
    expect(() => createEngine({ rules: [...DEFAULT_RULES, DEFAULT_RULES[0]!] })).toThrow(DuplicateRuleError);
  });

  it('runs a rule and a category a city defines itself', () => {
    const photo = defineCategory({ id: 'on-site', label: { zh: '现场采集', en: 'collected on site' } });
    const noPhotos = defineRule({
      id: 'no-photos',
      category: 'on-site',
      title: { zh: '照片现场采集', en: 'photos taken on site' },
      compile: () => (m) => {
        const matched = m.name.endsWith('照片');
        return {
          matched,
          reason: matched ? '窗口现场拍照' : '不是照片',
          facts: { name: m.name },
          replacement: '现场采集',
        };
      },
    });
    const engine = createEngine({ rules: [...DEFAULT_RULES, noPhotos], categoryDefinitions: [photo] });
    const [photoDecision, formDecision] = engine.evaluate(
      materials({ name: '近期免冠照片' }, { name: '申请表' }),
    );
    expect(photoDecision).toMatchObject({ verdict: 'cancel', ruleId: 'no-photos', category: 'on-site' });
    expect(formDecision!.verdict).toBe('retain');
    expect(engine.categories.get('on-site')?.label.zh).toBe('现场采集');
    expect(() => createEngine({ rules: [noPhotos] })).toThrow(UnknownCategoryError);
  });

  it('rejects unusable rule definitions where they are written', () => {
    expect(() =>
      defineRule({
        id: 'Bad Id',
        category: 'duplicate',
        title: { zh: 'x', en: 'x' },
        compile: () => () => ({ matched: false, reason: '', facts: {} }),
      }),
    ).toThrow(/规则编号/);
  });

  it('compiles rules once, not per material', () => {
    let compiled = 0;
    const counting = defineRule({
      id: 'counting',
      category: 'duplicate',
      title: { zh: '计数', en: 'count' },
      compile: () => {
        compiled++;
        return () => ({ matched: false, reason: '否', facts: {} });
      },
    });
    const engine = createEngine({ rules: [counting] });
    engine.evaluate(materials({ name: 'a' }, { name: 'b' }, { name: 'c' }));
    engine.evaluate(materials({ name: 'd' }));
    expect(compiled).toBe(1);
  });

  it('keeps input order with items interleaved', () => {
    const other = { ...POLICE_ITEM, code: 'X-2', name: '户口登记项目变更' };
    const decisions = decide([
      { name: '准迁证明' },
      { name: '准迁证明', item: other },
      { name: '准迁证明' },
      { name: '准迁证明', item: other },
    ]);
    expect(decisions.map((d) => d.ruleId)).toEqual([null, null, 'duplicate', 'duplicate']);
  });

  it('computes agreement with the department proposal', () => {
    const decisions = decide([
      { name: '居民身份证', departmentProposal: 'cancel' },
      { name: '户籍证明', departmentProposal: 'retain' },
      { name: '户口迁移申请表', departmentProposal: 'cancel' },
      { name: '户口迁移申请表二', departmentProposal: 'retain' },
      { name: '营业执照' },
    ]);
    expect(decisions.map((d) => d.agreement)).toEqual([
      'agree',
      'agree',
      'department-cancels',
      'agree',
      'no-proposal',
    ]);
    expect(decide([{ name: '户口簿', departmentProposal: 'retain' }])[0]!.agreement).toBe('engine-cancels');
  });

  it('identifies the rule set: the version changes when rules or catalogs change', () => {
    const a = createEngine().ruleSet;
    expect(a.id).toBe('jianzheng-default');
    expect(createEngine().ruleSet.version).toBe(a.version);
    expect(createEngine({ disabled: ['duplicate'] }).ruleSet.version).not.toBe(a.version);
    expect(createEngine({ catalogs: { sharedData: [] } }).ruleSet.version).not.toBe(a.version);
    expect(createEngine({ ruleSet: { id: 'suzhou', version: '2018.1' } }).ruleSet).toEqual({
      id: 'suzhou',
      version: '2018.1',
    });
  });
});
