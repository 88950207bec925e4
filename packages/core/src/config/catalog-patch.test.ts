import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGS } from '../catalogs/defaults';
import { InvalidConfigError } from '../errors/config-errors';
import { DEFAULT_RULES } from '../rules';
import { materials } from '../testing/fixtures';
import { effectiveConfig, engineFromConfig, parseConfig } from './parse-config';

// The README's example: a city adds two shared-data sources and keeps the seventeen defaults.
const EXTENDS = {
  catalogs: {
    sharedData: {
      add: [
        { name: '公积金缴存证明', source: '市住房公积金信息系统' },
        { name: '道路运输证', aliases: ['营运证'], source: '市交通运输信息平台' },
      ],
    },
  },
};

describe('catalogs given as { add, remove }', () => {
  it('extend the defaults instead of replacing them', () => {
    const [idCard, marriage, fund] = engineFromConfig(EXTENDS).evaluate(
      materials({ name: '居民身份证复印件' }, { name: '结婚证' }, { name: '公积金缴存证明' }),
    );
    expect(idCard).toMatchObject({ verdict: 'cancel', ruleId: 'shared-data' });
    expect(marriage).toMatchObject({ verdict: 'cancel', ruleId: 'shared-data' });
    expect(fund).toMatchObject({ verdict: 'cancel', replacement: '通过市住房公积金信息系统共享获取' });
    const shown = effectiveConfig(parseConfig(EXTENDS)).catalogs as Record<string, { name: string }[]>;
    expect(DEFAULT_CATALOGS.sharedData).toHaveLength(17);
    expect(shown.sharedData!.map((e) => e.name)).toEqual([
      ...DEFAULT_CATALOGS.sharedData.map((e) => e.name),
      '公积金缴存证明',
      '道路运输证',
    ]);
    expect(shown.licenceProofs).toEqual(DEFAULT_CATALOGS.licenceProofs);
  });

  it('remove by normalised name before adding, so an entry can be redefined', () => {
    const config = {
      catalogs: {
        sharedData: {
          remove: ['结婚证', ' 居民身份证（复印件）'],
          add: [{ name: '居民身份证', aliases: [], source: '市人口库' }],
        },
      },
    };
    const [idCard, marriage] = engineFromConfig(config).evaluate(
      materials({ name: '居民身份证' }, { name: '结婚证' }),
    );
    expect(idCard).toMatchObject({ verdict: 'cancel', replacement: '通过市人口库共享获取' });
    expect(marriage!.verdict).toBe('retain');
    const names = (effectiveConfig(parseConfig(config)).catalogs!.sharedData as { name: string }[]).map(
      (e) => e.name,
    );
    expect(names).toHaveLength(16);
    expect(names.at(-1)).toBe('居民身份证');
  });

  it('refuses to remove a name that is not in the default catalog, naming its JSON path', () => {
    try {
      parseConfig({ catalogs: { commitment: { remove: ['无房证明', '身份证'] } } }, 'city.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidConfigError);
      expect((error as InvalidConfigError).problems).toEqual([
        expect.objectContaining({ path: 'catalogs.commitment.remove[1]' }),
      ]);
      expect((error as Error).message).toContain('默认目录中没有 “身份证”');
    }
  });

  it('refuses unknown keys inside the patch object', () => {
    expect(() => parseConfig({ catalogs: { sharedData: { append: [] } } })).toThrow(InvalidConfigError);
  });

  it('keeps arrays as replacement and [] as empty', () => {
    const shown = effectiveConfig(
      parseConfig({ catalogs: { sharedData: [], commitment: [{ name: '甲' }] } }),
    );
    expect(shown.catalogs!.sharedData).toEqual([]);
    expect(shown.catalogs!.commitment).toEqual([{ name: '甲', aliases: [] }]);
    expect(shown.timeZone).toBe('Asia/Shanghai');
    expect(shown.rules!.order).toEqual(DEFAULT_RULES.map((r) => r.id));
    // The effective configuration is itself a configuration that builds the same engine.
    expect(engineFromConfig(shown).ruleSet).toEqual(
      engineFromConfig({ catalogs: { sharedData: [], commitment: [{ name: '甲' }] } }).ruleSet,
    );
  });

  it('validates timeZone as an IANA zone', () => {
    expect(parseConfig({ timeZone: 'Asia/Urumqi' }).timeZone).toBe('Asia/Urumqi');
    expect(() => parseConfig({ timeZone: 'Beijing' })).toThrow(/timeZone: 不是有效的 IANA 时区/);
  });
});
