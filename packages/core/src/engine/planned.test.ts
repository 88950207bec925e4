import { describe, expect, it } from 'vitest';
import { summarize } from '../stats/summarize';
import { materials } from '../testing/fixtures';
import { createEngine } from './create-engine';

const catalogs = {
  sharedData: [{ name: '不动产权证书', aliases: [], source: '不动产登记平台', effectiveFrom: '2027-01-01' }],
};

describe('planned cancellations (domain.md §10)', () => {
  const list = materials(
    { name: '不动产权证书' },
    { name: '营业执照', shareable: 'yes' },
    { name: '房屋租赁合同' },
  );

  it('cancels with effectiveFrom before the day a sharedData entry goes live, counted as planned', () => {
    const decisions = createEngine({ catalogs, asOf: '2026-11-30' }).evaluate(list);
    expect(decisions.map((d) => [d.verdict, d.ruleId, d.effectiveFrom])).toEqual([
      ['cancel', 'shared-data', '2027-01-01'],
      ['cancel', 'shared-data', null],
      ['retain', null, null],
    ]);
    const summary = summarize(list, decisions, { asOf: '2026-11-30' });
    expect([summary.cancelled, summary.effective, summary.planned, summary.plannedRate]).toEqual([
      2, 1, 1, 33.3,
    ]);
  });

  it('becomes an effective cancellation once the date passes effectiveFrom', () => {
    const [onTheDay] = createEngine({ catalogs, asOf: '2027-01-01' }).evaluate(list);
    expect([onTheDay?.verdict, onTheDay?.effectiveFrom]).toEqual(['cancel', null]);
    // Without a day the date is kept, and the statistics decide against their own day.
    const undated = createEngine({ catalogs }).evaluate(list);
    expect(undated[0]?.effectiveFrom).toBe('2027-01-01');
    expect(summarize(list, undated, { asOf: '2027-03-01' }).planned).toBe(0);
    expect(summarize(list, undated, { asOf: '2026-12-31' }).planned).toBe(1);
  });

  it('carries effectiveFrom from licenceProofs and commitment entries too', () => {
    const engine = createEngine({
      asOf: '2026-01-01',
      catalogs: {
        sharedData: [],
        licenceProofs: [
          {
            material: '户籍证明',
            aliases: [],
            licence: '户口簿',
            licenceAliases: [],
            effectiveFrom: '2026-06-01',
          },
        ],
        commitment: [{ name: '无违法记录声明', aliases: [], effectiveFrom: '2026-03-01' }],
      },
    });
    const decisions = engine.evaluate(
      materials({ name: '户口簿' }, { name: '户籍证明' }, { name: '无违法记录声明' }),
    );
    expect(decisions.map((d) => [d.ruleId, d.effectiveFrom])).toEqual([
      [null, null],
      ['proven-by-licence', '2026-06-01'],
      ['written-commitment', '2026-03-01'],
    ]);
    const proven = decisions[1]?.trace.find((t) => t.ruleId === 'proven-by-licence');
    expect(proven?.facts.effectiveFrom).toBe('2026-06-01');
  });
});
