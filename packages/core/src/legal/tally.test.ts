import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/create-engine';
import { materials } from '../testing/fixtures';
import { createLegalLevelCounter, tallyLegalBases } from './tally';

const SUZHOU = { code: '341300', name: '宿州市', level: 'city' as const, documentPrefixes: ['宿政办'] };

describe('tallyLegalBases', () => {
  it('counts materials per legal level and gathers the referrals per issuer', () => {
    const list = materials(
      { name: '准迁证明', legalBasis: '《中华人民共和国户口登记条例》' },
      { name: '户籍证明材料', legalBasis: '宿政办〔2017〕12号' },
      { name: '车辆证明', legalBasis: '《机动车登记规定》（公安部令第124号）第四条' },
      { name: '住址证明', legalBasis: '《机动车驾驶证申领和使用规定》' },
      { name: '窗口证明', legalBasis: '《窗口服务工作规程》' },
      { name: '介绍信', legalBasis: '无' },
    );
    const tally = tallyLegalBases(list, createEngine({ jurisdiction: SUZHOU }).evaluate(list));
    expect(tally.byLegalLevel.law).toEqual({ materials: 1, retained: 1, cancelled: 0 });
    expect(tally.byLegalLevel['normative-document']).toEqual({ materials: 1, retained: 0, cancelled: 1 });
    expect(tally.byLegalLevel['department-rule']).toEqual({ materials: 2, retained: 2, cancelled: 0 });
    expect(tally.byLegalLevel.none).toEqual({ materials: 1, retained: 0, cancelled: 1 });
    expect(tally.needsLegalReview).toBe(1);
    expect(tally.referrals).toHaveLength(1);
    expect(tally.referrals[0]!.issuer).toBe('公安部');
    expect(tally.referrals[0]!.materials.map((m) => [m.material, m.article])).toEqual([
      ['车辆证明', '第四条'],
      ['住址证明', null],
    ]);
  });
});

describe('createLegalLevelCounter (a publication summary’s byLegalLevel)', () => {
  it('counts materials, retained and cancelled per level, and decisions no rule assessed', () => {
    const counter = createLegalLevelCounter();
    const law = {
      level: 'law',
      instrument: null,
      documentNumber: null,
      article: null,
      issuer: null,
      decidedBy: 'pattern',
    } as const;
    counter.add({ verdict: 'retain', legalBasis: law });
    counter.add({ verdict: 'cancel', legalBasis: law });
    counter.add({ verdict: 'cancel', legalBasis: { ...law, level: 'none', decidedBy: 'none' } });
    counter.add({ verdict: 'retain' });
    const counts = counter.result();
    expect(counts.law).toEqual({ materials: 2, retained: 1, cancelled: 1 });
    expect(counts.none).toEqual({ materials: 1, retained: 0, cancelled: 1 });
    expect(counts.unassessed).toEqual({ materials: 1, retained: 1, cancelled: 0 });
    expect(Object.keys(counts)).toHaveLength(10);
  });
});
