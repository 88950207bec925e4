import { describe, expect, it } from 'vitest';
import { titleKey } from '../legal/instrument-index';
import { DEFAULT_LEGAL_INSTRUMENTS } from './legal-instruments';
import { LegalInstrumentEntrySchema } from './schema';

describe('the default legalInstruments catalog', () => {
  it('holds at least 150 national laws, administrative regulations and 国务院决定', () => {
    const national = DEFAULT_LEGAL_INSTRUMENTS.filter((e) =>
      ['law', 'administrative-regulation', 'state-council-decision'].includes(e.level),
    );
    expect(national.length).toBeGreaterThanOrEqual(150);
    expect(national.filter((e) => e.level === 'state-council-decision').length).toBeGreaterThan(0);
  });

  it('every entry is valid and no title or number names two entries', () => {
    const titles = new Set<string>();
    const numbers = new Set<string>();
    for (const entry of DEFAULT_LEGAL_INSTRUMENTS) {
      expect(LegalInstrumentEntrySchema.safeParse(entry).success).toBe(true);
      for (const name of [entry.name, ...(entry.aliases ?? [])]) {
        expect(titles.has(titleKey(name)), name).toBe(false);
        titles.add(titleKey(name));
      }
      if (entry.number) {
        expect(numbers.has(entry.number), entry.number).toBe(false);
        numbers.add(entry.number);
      }
    }
  });

  it('gives every 国务院令 to the 国务院 and every law to the NPC or its Standing Committee', () => {
    for (const entry of DEFAULT_LEGAL_INSTRUMENTS) {
      if (entry.number?.startsWith('国务院令')) expect(entry.issuer, entry.name).toBe('国务院');
      if (entry.level === 'law') expect(entry.issuer, entry.name).toMatch(/^全国人民代表大会/);
    }
  });
});

describe('facts checked against the published texts', () => {
  const byName = (name: string) => DEFAULT_LEGAL_INSTRUMENTS.find((e) => e.name === name);

  it('行政处罚法 was adopted by the 全国人民代表大会 itself (1996), not its Standing Committee', () => {
    expect(byName('中华人民共和国行政处罚法')?.issuer).toBe('全国人民代表大会');
  });

  it('the election law carries its full title, and lists’ short 《选举法》 still finds it', () => {
    const entry = byName('中华人民共和国全国人民代表大会和地方各级人民代表大会选举法');
    expect(entry?.aliases).toEqual(expect.arrayContaining(['选举法', '中华人民共和国选举法']));
    expect(byName('中华人民共和国选举法')).toBeUndefined();
  });

  it('the 医疗器械经营 rule in force is the 市场监管总局’s of 2022 (令第54号)', () => {
    expect(byName('医疗器械经营监督管理办法')).toMatchObject({
      issuer: '国家市场监督管理总局',
      number: '国家市场监督管理总局令第54号',
    });
  });
});
