import { describe, expect, it } from 'vitest';
import { diffPublications } from './diff';
import { renderDiffMarkdown } from './render-diff';
import { sampleInputs, samplePublication } from './test-support';

// 房屋租赁合同 has legal basis 无 in the sample; give it one so that only the planned entry cancels it.
function inputs() {
  return sampleInputs().map((m) =>
    m.name === '房屋租赁合同' ? { ...m, legalBasis: '《户口登记条例》' } : m,
  );
}
const planned = (effectiveFrom: string) => ({
  catalogs: { sharedData: [{ name: '房屋租赁合同', aliases: [], source: '住房租赁平台', effectiveFrom }] },
});
const rental = (pub: ReturnType<typeof samplePublication>) =>
  pub.departments.flatMap((d) => d.items.flatMap((i) => i.materials)).find((m) => m.name === '房屋租赁合同')!;

describe('planned cancellations in a publication (domain.md §10)', () => {
  it('publishes effectiveFrom while the publication date (jurisdiction time) is before it', () => {
    const pub = samplePublication(
      inputs(),
      { publishedAt: '2018-12-31T23:30:00+08:00' },
      planned('2019-01-01'),
    );
    expect(rental(pub)).toMatchObject({ verdict: 'cancel', effectiveFrom: '2019-01-01' });
    expect(pub.summary.planned).toBe(1);
    expect(pub.summary.effective).toBe(pub.summary.cancelled - 1);
    expect(pub.schemaVersion).toBe('1.2');
  });

  it('is an ordinary cancellation once the publication date reaches it (in the jurisdiction zone)', () => {
    // 2018-12-31T16:30Z is already 2019-01-01 in Asia/Shanghai.
    const pub = samplePublication(inputs(), { publishedAt: '2018-12-31T16:30:00Z' }, planned('2019-01-01'));
    expect(rental(pub)).toMatchObject({ verdict: 'cancel', effectiveFrom: null });
    expect(pub.summary.planned).toBe(0);
  });

  it('diff names a planned cancellation that became effective, and flags one pushed later', () => {
    const v1 = samplePublication(inputs(), {}, planned('2019-01-01'));
    const later = samplePublication(
      inputs(),
      {
        version: 2,
        publishedAt: '2019-02-01T09:00:00+08:00',
        batch: { ...v1.batch, adjustmentReason: '平台上线' },
      },
      planned('2019-01-01'),
    );
    const effective = diffPublications(v1, later);
    expect(effective.nowEffective.map((e) => e.name)).toEqual(['房屋租赁合同']);
    expect(effective.counts.postponed).toBe(0);

    const pushed = samplePublication(
      inputs(),
      { version: 2, batch: { ...v1.batch, adjustmentReason: '平台延期' } },
      planned('2019-07-01'),
    );
    const diff = diffPublications(v1, pushed);
    expect(diff.postponed.map((e) => [e.name, e.from.effectiveFrom, e.to.effectiveFrom])).toEqual([
      ['房屋租赁合同', '2019-01-01', '2019-07-01'],
    ]);
    const notice = renderDiffMarkdown(diff);
    expect(notice).toContain('**⚠️ 推迟取消（计划取消日期延后）**');
    expect(notice).toContain('| 2019-01-01 | 2019-07-01 |');
  });
});
