import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGS } from '../catalogs/defaults';
import type { ServiceItem } from '../model/service-item';
import { decideOne } from '../testing/fixtures';

const DOCTOR: ServiceItem = { department: '市卫生健康委员会', name: '医师执业注册', type: '行政许可' };
const CHEMICALS: ServiceItem = { department: '市应急管理局', name: '危险化学品经营许可', type: '行政许可' };
const HOUSING: ServiceItem = { department: '市住房保障中心', name: '公共租赁住房申请', type: '公共服务' };

const commitmentTrace = (d: ReturnType<typeof decideOne>) =>
  d.trace.find((t) => t.ruleId === 'written-commitment')!;

// domain.md §11: 告知承诺 does not apply where 国办发〔2020〕42号 excludes it.
describe('commitment exclusions by domain (国办发〔2020〕42号)', () => {
  it('keeps 无犯罪记录证明 under 医师执业注册 and names the exclusion', () => {
    const decision = decideOne({ name: '无犯罪记录证明', commitment: 'yes', item: DOCTOR });
    expect(decision.verdict).toBe('retain');
    const trace = commitmentTrace(decision);
    expect(trace.facts).toMatchObject({
      itemExcluded: true,
      excludedBy: 'keyword',
      domain: 'health-and-safety',
      keyword: '医师执业',
      reference: '国办发〔2020〕42号',
    });
    expect(trace.reason).toContain('直接关系人身健康、生命财产安全');
    expect(trace.reason).toContain('国办发〔2020〕42号');
    expect(decision.reason).toBe(`保留：${trace.reason}`);
  });

  it('keeps a 安全评价报告 under 危险化学品经营许可', () => {
    const decision = decideOne({ name: '安全评价报告', commitment: 'yes', item: CHEMICALS });
    expect(decision.verdict).toBe('retain');
    expect(commitmentTrace(decision).facts).toMatchObject({ domain: 'public-safety', keyword: '危险化学品' });
  });

  it('matches the department name too, and leaves other items alone', () => {
    const bank = {
      department: '市地方金融监督管理局',
      name: '小额贷款公司设立审核',
      type: '行政许可',
    } as const;
    expect(commitmentTrace(decideOne({ name: '无房证明', item: bank })).facts).toMatchObject({
      domain: 'financial-prudential',
    });
    expect(decideOne({ name: '无房证明', item: HOUSING }).ruleId).toBe('written-commitment');
  });

  it('excludes by item type, item name or code from configuration, citing the entry', () => {
    const byType = {
      commitmentExclusions: [{ itemType: '公共服务' as const, reference: '宿政办〔2021〕1号' }],
    };
    const trace = commitmentTrace(decideOne({ name: '无房证明', item: HOUSING }, { catalogs: byType }));
    expect(trace).toMatchObject({
      matched: false,
      facts: { excludedBy: 'itemType', reference: '宿政办〔2021〕1号' },
    });
    const byName = { commitmentExclusions: [{ item: '公共租赁住房申请' }] };
    expect(
      commitmentTrace(decideOne({ name: '无房证明', item: HOUSING }, { catalogs: byName })).facts.excludedBy,
    ).toBe('item');
  });

  it('excludes an item a reviewer marked with a domain no keyword gives away', () => {
    const marked: ServiceItem = { ...HOUSING, domain: 'state-secrets' };
    const trace = commitmentTrace(decideOne({ name: '无房证明', item: marked }));
    expect(trace.facts).toMatchObject({ excludedBy: 'domain', domain: 'state-secrets' });
    expect(trace.reason).toContain('国家秘密');
  });

  it('ships one keyword set per 42号文 domain, each citing 42号文, and an emptied catalog excludes nothing', () => {
    const domains = DEFAULT_CATALOGS.commitmentExclusions.map((e) => e.domain);
    expect(domains).toEqual([
      'national-security',
      'state-secrets',
      'public-safety',
      'financial-prudential',
      'ecological-environment',
      'health-and-safety',
      'foreign-affairs',
    ]);
    for (const entry of DEFAULT_CATALOGS.commitmentExclusions) {
      expect(entry.reference).toBe('国办发〔2020〕42号');
      expect(entry.keywords!.length).toBeGreaterThan(0);
    }
    const open = decideOne(
      { name: '无犯罪记录证明', commitment: 'yes', item: DOCTOR },
      { catalogs: { commitmentExclusions: [] } },
    );
    expect(open.ruleId).toBe('written-commitment');
  });
});
