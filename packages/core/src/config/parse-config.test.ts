import { describe, expect, it } from 'vitest';
import { InvalidConfigError, UnknownRuleError } from '../errors/config-errors';
import { materials } from '../testing/fixtures';
import { effectiveConfig, engineFromConfig, parseConfig } from './parse-config';
import { supervisionSettings } from './supervision';

const EXAMPLE = {
  jurisdiction: { code: '341300', name: '宿州市', level: 'city' },
  rules: {
    order: ['superior-cancelled', 'item-cancelled'],
    disabled: ['issuer-cannot-certify'],
    categories: { 'proven-by-licence': 'no-legal-basis' },
  },
  catalogs: {
    sharedData: [{ name: '居民身份证', aliases: ['身份证'], source: '人口信息库' }],
    licenceProofs: [{ material: '户籍证明', licence: '户口簿' }],
    superiorCancellations: [
      { item: '户口迁移登记', material: '准迁证明', reference: '皖政办秘〔2018〕247号' },
    ],
    cancelledItems: [{ code: 'X-9' }, { name: '户口登记项目变更' }],
    issuerRestrictions: [{ issuerKeywords: ['村委会'], material: '亲属关系证明', aliases: [] }],
    commitment: [{ name: '无房证明', aliases: [] }],
    commitmentExclusions: [{ item: '危险化学品经营许可' }],
  },
};

describe('parseConfig', () => {
  it('accepts the example of domain.md §9 and fills defaults', () => {
    const config = parseConfig(EXAMPLE);
    const catalogs = config.catalogs as Record<string, unknown[]>;
    expect(catalogs.sharedData?.[0]).toEqual({
      name: '居民身份证',
      aliases: ['身份证'],
      source: '人口信息库',
    });
    expect(catalogs.licenceProofs?.[0]).toMatchObject({ aliases: [] });
  });

  it('accepts an empty object', () => {
    expect(parseConfig({})).toEqual({});
  });

  it('names every problem with its path', () => {
    const bad = {
      jurisdiction: { code: '34', name: '宿州市', level: 'metropolis' },
      rules: { ordr: [] },
      catalogs: { sharedData: [{ aliases: [] }], nonsense: [] },
      extra: true,
    };
    try {
      parseConfig(bad, 'city.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidConfigError);
      const paths = (error as InvalidConfigError).problems.map((p) => p.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'jurisdiction.code',
          'jurisdiction.level',
          'rules',
          'catalogs.sharedData[0].name',
          'catalogs',
          '',
        ]),
      );
      expect((error as Error).message).toMatch(/^city\.json: 配置无效/);
      expect((error as Error).message).toContain('未知的键 ordr');
    }
  });
});

describe('linkedData', () => {
  it('takes a base IRI and 统一社会信用代码 by organisation, and refuses what is neither', () => {
    const linkedData = {
      baseIri: 'https://data.suzhou.example/jianzheng/',
      organisations: { 市公安局: '11341300003194505X' },
    };
    expect(parseConfig({ linkedData }).linkedData).toEqual(linkedData);
    expect(effectiveConfig(parseConfig({ linkedData })).linkedData).toEqual(linkedData);
    try {
      parseConfig({
        linkedData: { baseIri: 'data.suzhou.example/x y', organisations: { 市公安局: '1134' } },
      });
      expect.unreachable();
    } catch (error) {
      const paths = (error as InvalidConfigError).problems.map((p) => p.path);
      expect(paths).toEqual(['linkedData.baseIri', 'linkedData.organisations.市公安局']);
      expect((error as Error).message).toContain('应为绝对 IRI');
      expect((error as Error).message).toContain('统一社会信用代码应为 18 位');
    }
  });
});

describe('engineFromConfig', () => {
  it('applies order, disabled rules, categories and replaced catalogs', () => {
    const engine = engineFromConfig(EXAMPLE);
    expect(engine.rules.map((r) => r.id)).not.toContain('issuer-cannot-certify');
    const [id, licence, household, village, hukou] = engine.evaluate(
      materials(
        { name: '身份证' },
        { name: '户籍证明' },
        { name: '户口簿', shareable: 'no' },
        { name: '亲属关系证明', issuer: '张村村委会' },
        { name: '准迁证明' },
      ),
    );
    expect(id).toMatchObject({ category: 'information-sharing', replacement: '通过人口信息库共享获取' });
    expect(licence).toMatchObject({ ruleId: 'proven-by-licence', category: 'no-legal-basis' });
    expect(household!.verdict).toBe('retain');
    expect(village!.verdict).toBe('retain');
    expect(hukou).toMatchObject({ ruleId: 'superior-cancelled', category: 'superior-decision' });
  });

  it('keeps default catalogs for absent keys and empties catalogs given as []', () => {
    const [keptDefault] = engineFromConfig({ catalogs: { licenceProofs: [] } }).evaluate(
      materials({ name: '营业执照' }),
    );
    expect(keptDefault!.ruleId).toBe('shared-data');
    const [emptied] = engineFromConfig({ catalogs: { sharedData: [] } }).evaluate(
      materials({ name: '营业执照' }),
    );
    expect(emptied!.verdict).toBe('retain');
  });

  it('reports unknown rule ids', () => {
    expect(() => engineFromConfig({ rules: { order: ['shared-date'] } })).toThrow(UnknownRuleError);
    expect(() => engineFromConfig({ rules: { order: ['shared-date'] } })).toThrow(
      /rules\.order: 未知的规则 “shared-date”/,
    );
  });

  it('accepts categories defined in the configuration', () => {
    const engine = engineFromConfig({
      categories: [{ id: 'merged', label: { zh: '合并办理', en: 'merged' } }],
      rules: { categories: { duplicate: 'merged' } },
    });
    expect(engine.rules.find((r) => r.id === 'duplicate')?.category).toBe('merged');
  });
});

describe('effectiveConfig', () => {
  it('keeps the commitment letters’ wording and the supervision calendar, and spells out their defaults', () => {
    const written = parseConfig({
      ...EXAMPLE,
      commitmentLetter: {
        title: '宿州市告知承诺书',
        checks: [{ material: '无犯罪记录证明', check: '公安部门核查' }],
      },
      supervision: { deadlineWorkingDays: 3, holidays: ['2026-10-01'], workdays: ['2026-10-11'] },
    });
    const shown = effectiveConfig(written);
    expect(shown.commitmentLetter).toEqual({
      title: '宿州市告知承诺书',
      checks: [{ material: '无犯罪记录证明', aliases: [], check: '公安部门核查' }],
    });
    expect(shown.supervision).toEqual({
      deadlineWorkingDays: 3,
      holidays: ['2026-10-01'],
      workdays: ['2026-10-11'],
    });
    // What `config show` prints is itself a configuration giving the same deadlines and letters.
    const again = parseConfig(JSON.parse(JSON.stringify(shown)));
    expect(supervisionSettings(again)).toEqual(supervisionSettings(written));
    expect(again.commitmentLetter).toEqual(written.commitmentLetter);

    const bare = effectiveConfig(parseConfig({}));
    expect(bare.supervision).toEqual({ deadlineWorkingDays: 5, holidays: [], workdays: [] });
    expect(bare).not.toHaveProperty('commitmentLetter');
  });
});
