import type { Jurisdiction } from '@jianzheng/core';
import { publicationFromSpec as publication } from '@jianzheng/testkit';
import { describe, expect, it } from 'vitest';
import { compareJurisdictions, createJurisdictionComparison } from './compare';
import { ComparisonFinishedError, DuplicateBatchInComparisonError, InvalidMinCancelledError } from './errors';
import type { ComparablePublication, JurisdictionComparison } from './types';

const 宿州: Jurisdiction = { code: '341300', name: '宿州市', level: 'city' };
const 砀山: Jurisdiction = { code: '341321', name: '砀山县', level: 'county' };
const 萧县: Jurisdiction = { code: '341322', name: '萧县', level: 'county' };

// Three small lists whose findings are known by construction:
// - 户口迁入 (code GA-001 in 宿州 and 砀山; no code but the same name, spaced, in 萧县):
//   居民身份证 demanded by 宿州 only, cancelled by 砀山 and 萧县 → a finding for 宿州 (k = 2);
//   迁移申请书 demanded by all → no finding; 结婚证 cancelled by 砀山 only → a finding only at k = 1;
//   户口簿 cancelled by 宿州 and 砀山, demanded by 萧县 → a finding for 萧县.
// - 开办企业 / 企业开办登记 share code SC-002 (matched by code despite the names): 房屋租赁合同
//   demanded by 宿州, cancelled by 砀山, item absent in 萧县 → not listed there, no finding at k = 2.
const suzhou = publication(
  宿州,
  { id: 'suzhou-first', title: '宿州市第一批', documentNumber: '宿政办秘〔2018〕100号' },
  [
    {
      department: '市公安局',
      code: 'GA-001',
      name: '户口迁入',
      type: '行政确认',
      materials: [
        ['居民身份证'],
        ['迁移申请书'],
        ['结婚证'],
        ['户口簿', 'information-sharing', '人口信息库'],
      ],
    },
    { department: '市市场监管局', code: 'SC-002', name: '开办企业', materials: [['房屋租赁合同']] },
  ],
);
const dangshan = publication(
  砀山,
  { id: 'dangshan-first', title: '砀山县第一批', documentNumber: '砀政办〔2018〕12号' },
  [
    {
      department: '县公安局',
      code: 'GA-001',
      name: '户口迁入登记',
      materials: [
        ['居民身份证（复印件）', 'information-sharing', '人口信息库'],
        ['迁移申请书'],
        ['结婚证', 'information-sharing', '婚姻登记信息系统'],
        ['户口簿', 'internal-query'],
      ],
    },
    {
      department: '县市场监管局',
      code: 'SC-002',
      name: '企业开办登记',
      materials: [['房屋租赁合同', 'commitment']],
    },
  ],
);
const xiaoxian = publication(萧县, { id: 'xiaoxian-first', title: '萧县第一批' }, [
  {
    department: '县公安局',
    name: '户口 迁入',
    materials: [['1、居民身份证', 'internal-query'], ['迁移申请书'], ['户口簿']],
  },
]);

const row = (result: JurisdictionComparison, item: string, material: string) => {
  const found = result.rows.find((r) => r.item.name === item && r.normalizedName === material);
  if (!found) throw new Error(`no row ${item} / ${material}`);
  return found;
};
const states = (result: JurisdictionComparison, item: string, material: string) =>
  row(result, item, material).cells.map((c) => (c.state === 'cancelled' ? c.category?.id : c.state));

describe('compareJurisdictions', () => {
  const result = compareJurisdictions([suzhou, dangshan, xiaoxian]);

  it('has one column per jurisdiction with its counts and batch', () => {
    expect(result.jurisdictions.map((j) => [j.name, j.items, j.materials, j.cancelled])).toEqual([
      ['宿州市', 2, 5, 1],
      ['砀山县', 2, 5, 4],
      ['萧县', 1, 3, 1],
    ]);
    expect(result.jurisdictions[1]!.batches[0]).toMatchObject({
      id: 'dangshan-first',
      title: '砀山县第一批',
      documentNumber: '砀政办〔2018〕12号',
    });
  });

  it('matches items by code, else normalized name, and materials by normalized name', () => {
    // 户口迁入登记 (砀山) joins 户口迁入 by code; 户口 迁入 (萧县, no code) by name.
    expect(states(result, '户口迁入', '居民身份证')).toEqual([
      'demanded',
      'information-sharing',
      'internal-query',
    ]);
    expect(states(result, '户口迁入', '迁移申请书')).toEqual(['demanded', 'demanded', 'demanded']);
    expect(states(result, '户口迁入', '结婚证')).toEqual(['demanded', 'information-sharing', 'not-listed']);
    expect(states(result, '户口迁入', '户口簿')).toEqual([
      'information-sharing',
      'internal-query',
      'demanded',
    ]);
    expect(states(result, '开办企业', '房屋租赁合同')).toEqual(['demanded', 'commitment', 'not-listed']);
    expect(result.rows).toHaveLength(5);
    const first = row(result, '户口迁入', '居民身份证');
    expect(first.item).toEqual({ code: 'GA-001', name: '户口迁入', type: '行政确认' });
    expect([first.demanded, first.cancelled, first.notListed]).toEqual([1, 2, 0]);
    expect(first.cells[1]).toMatchObject({ department: '县公安局', replacement: '人口信息库', batch: 0 });
  });

  it('finds what a jurisdiction retains while at least two others cancelled it, with the precedent', () => {
    expect(result.minCancelledElsewhere).toBe(2);
    expect(result.findings.map((f) => [f.jurisdiction.name, f.item.name, f.material])).toEqual([
      ['宿州市', '户口迁入', '居民身份证'],
      ['萧县', '户口迁入', '户口簿'],
    ]);
    const [suzhouFinding] = result.findings;
    expect(suzhouFinding!.department).toBe('市公安局');
    expect(
      suzhouFinding!.precedents.map((p) => [
        p.jurisdiction.name,
        p.department,
        p.category?.zh,
        p.replacement,
        p.batch.title,
        p.batch.documentNumber,
      ]),
    ).toEqual([
      ['砀山县', '县公安局', '通过信息共享获取', '人口信息库', '砀山县第一批', '砀政办〔2018〕12号'],
      ['萧县', '县公安局', '改为部门内部查询', null, '萧县第一批', null],
    ]);
    expect(result.rows[suzhouFinding!.row]!.normalizedName).toBe('居民身份证');
  });

  it('with k = 1 also finds materials only one other jurisdiction cancelled, most precedents first', () => {
    const one = compareJurisdictions([suzhou, dangshan, xiaoxian], { minCancelledElsewhere: 1 });
    expect(one.findings.map((f) => [f.jurisdiction.name, f.material, f.precedents.length])).toEqual([
      ['宿州市', '居民身份证', 2],
      ['萧县', '户口簿', 2],
      ['宿州市', '结婚证', 1],
      ['宿州市', '房屋租赁合同', 1],
    ]);
  });

  it('does not depend on the order publications come in, except for column order', () => {
    const reversed = compareJurisdictions([xiaoxian, dangshan, suzhou]);
    const key = (r: JurisdictionComparison) =>
      r.findings
        .map((f) => `${f.jurisdiction.name}/${r.rows[f.row]!.normalizedName}/${f.precedents.length}`)
        .sort();
    expect(key(reversed)).toEqual(key(result));
    expect(reversed.rows).toHaveLength(5);
  });

  it('counts a material demanded once and cancelled as a duplicate once as demanded', () => {
    const twice = publication(
      { code: '341323', name: '灵璧县', level: 'county' },
      { id: 'l', title: '灵璧县' },
      [
        {
          department: '县公安局',
          code: 'GA-001',
          name: '户口迁入',
          materials: [['居民身份证', 'duplicate'], ['居民身份证原件']],
        },
      ],
    );
    const withTwice = compareJurisdictions([suzhou, dangshan, xiaoxian, twice]);
    expect(states(withTwice, '户口迁入', '居民身份证')[3]).toBe('demanded');
    expect(
      withTwice.findings.filter((f) => f.material === '居民身份证').map((f) => f.jurisdiction.name),
    ).toEqual(['宿州市', '灵璧县']);
  });

  it('puts two batches of one jurisdiction in one column and refuses the same batch twice', () => {
    const second = publication(宿州, { id: 'suzhou-second', title: '宿州市第二批' }, [
      { department: '市民政局', name: '结婚登记', materials: [['户口簿', 'information-sharing']] },
    ]);
    const both = compareJurisdictions([suzhou, second, dangshan]);
    expect(both.jurisdictions.map((j) => j.name)).toEqual(['宿州市', '砀山县']);
    expect(both.jurisdictions[0]!.batches.map((b) => b.title)).toEqual(['宿州市第一批', '宿州市第二批']);
    expect(row(both, '结婚登记', '户口簿').cells[0]).toMatchObject({ state: 'cancelled', batch: 1 });

    const v2 = publication(
      宿州,
      { id: 'suzhou-first', title: '宿州市第一批', adjustmentReason: '补充' },
      [],
      2,
    );
    expect(() => compareJurisdictions([suzhou, v2])).toThrow(DuplicateBatchInComparisonError);
  });

  it('matches a material listed as one alternative of a cell elsewhere', () => {
    const alternatives: ComparablePublication = {
      jurisdiction: { code: '341324', name: '泗县', level: 'county' },
      batch: { id: 's', title: '泗县第一批', documentNumber: '泗政〔2018〕3号' },
      version: 1,
      publishedAt: '2018-09-04T09:00:00+08:00',
      departments: [
        {
          name: '县公安局',
          items: [
            {
              code: 'GA-001',
              name: '户口迁入',
              type: null,
              materials: [
                {
                  name: '居民身份证或户口簿',
                  verdict: 'cancel',
                  category: {
                    id: 'information-sharing',
                    zh: '通过信息共享获取',
                    en: 'obtained through data sharing',
                  },
                  replacement: '人口信息库',
                  alternatives: ['居民身份证', '户口簿'],
                },
              ],
            },
          ],
        },
      ],
    };
    const withAlternatives = compareJurisdictions([suzhou, alternatives]);
    const cell = row(withAlternatives, '户口迁入', '居民身份证').cells[1]!;
    expect(cell).toMatchObject({ state: 'cancelled', via: '居民身份证或户口簿', department: '县公安局' });
    expect(row(withAlternatives, '户口迁入', '居民身份证或户口簿').cells.map((c) => c.state)).toEqual([
      'not-listed',
      'cancelled',
    ]);
    // Only rows another jurisdiction lists are filled: 泗县 starts no row of its own for 户口簿.
    expect(withAlternatives.rows.filter((r) => r.normalizedName === '户口簿')).toHaveLength(1);
  });

  it('refuses a k that is not a whole number of at least 1, and use after finish', () => {
    expect(() => compareJurisdictions([], { minCancelledElsewhere: 0 })).toThrow(InvalidMinCancelledError);
    expect(() => compareJurisdictions([], { minCancelledElsewhere: 1.5 })).toThrow(/不小于 1 的整数/);
    const builder = createJurisdictionComparison();
    builder.add(suzhou);
    builder.finish();
    expect(() => builder.add(dangshan)).toThrow(ComparisonFinishedError);
  });
});

describe('too few jurisdictions for k', () => {
  it('says so, and still gives the whole matrix', () => {
    const two = compareJurisdictions([suzhou, dangshan]);
    expect(two.findings).toEqual([]);
    expect(two.notice).toMatchObject({ code: 'too-few-jurisdictions', others: 1, k: 2 });
    expect(two.notice!.message.zh).toContain('少于 k = 2');
    expect(two.notice!.message.zh).toContain('k = 1');
    expect(two.rows.length).toBeGreaterThan(0);
    expect(states(two, '户口迁入', '居民身份证')).toEqual(['demanded', 'information-sharing']);
    expect(compareJurisdictions([suzhou, dangshan], { minCancelledElsewhere: 1 }).notice).toBeNull();
    expect(compareJurisdictions([suzhou, dangshan, xiaoxian]).notice).toBeNull();
    expect(compareJurisdictions([suzhou]).notice).toMatchObject({ others: 0 });
  });
});
