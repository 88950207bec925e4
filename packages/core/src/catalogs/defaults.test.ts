import { describe, expect, it } from 'vitest';
import type { ServiceItem } from '../model/service-item';
import { normalizeName } from '../normalize/normalize-name';
import { decide, decideOne } from '../testing/fixtures';
import { DEFAULT_CATALOGS } from './defaults';
import {
  CLEAN_UP_2018,
  COMMITMENT_2020,
  THREE_IN_ONE_2015,
  VILLAGE_CERTIFICATES_2020,
} from './policy-sources';

const BUSINESS_ITEM: ServiceItem = {
  department: '市市场监督管理局',
  name: '个体工商户设立登记',
  type: '行政确认',
};

// domain.md §4: every default entry cites its source and agrees with it.
describe('default catalogs against their sources', () => {
  it('restricts villages to exactly 民发〔2020〕20号’s list, item for item', () => {
    expect(VILLAGE_CERTIFICATES_2020.items).toHaveLength(20);
    expect(DEFAULT_CATALOGS.issuerRestrictions.map((e) => e.material)).toEqual([
      ...VILLAGE_CERTIFICATES_2020.items,
    ]);
    for (const entry of DEFAULT_CATALOGS.issuerRestrictions)
      expect(entry.reference, entry.material).toBe('民发〔2020〕20号');
  });

  it('no longer restricts certificates the list does not name', () => {
    for (const name of ['收入证明', '经济困难证明', '房屋权属证明'])
      expect(decideOne({ name, issuer: '村委会' }).ruleId, name).not.toBe('issuer-cannot-certify');
    for (const name of ['居民财产证明', '市场主体住所证明', '居民身份信息证明', '证件遗失证明'])
      expect(decideOne({ name, issuer: '某某社区居委会' }).ruleId, name).toBe('issuer-cannot-certify');
  });

  it('cites a 文号 on every default entry', () => {
    const references = new Set<string | undefined>();
    // legalInstruments are the instruments themselves (each names its own 令号 or title), not entries resting on one.
    for (const [catalog, entries] of Object.entries(DEFAULT_CATALOGS).filter(
      ([name]) => name !== 'legalInstruments',
    ))
      for (const entry of entries as Array<{ reference?: string }>) {
        expect(entry.reference, `${catalog} ${JSON.stringify(entry)}`).toMatch(/〔\d{4}〕\d+号$/);
        references.add(entry.reference);
      }
    expect([...references].sort()).toEqual(
      [CLEAN_UP_2018, COMMITMENT_2020, THREE_IN_ONE_2015, VILLAGE_CERTIFICATES_2020]
        .map((s) => s.reference)
        .sort(),
    );
  });

  it('proves 三证合一 certificates by the 营业执照, never by sharing', () => {
    const shared = new Set(DEFAULT_CATALOGS.sharedData.flatMap((e) => [e.name, ...(e.aliases ?? [])]));
    for (const certificate of THREE_IN_ONE_2015.items) {
      expect(shared.has(certificate)).toBe(false);
      const proof = DEFAULT_CATALOGS.licenceProofs.find((e) => e.material === certificate);
      expect(proof).toMatchObject({ licence: '营业执照', reference: '国办发〔2015〕50号' });
    }
    const [licence, code, tax] = decide([
      { name: '营业执照', item: BUSINESS_ITEM },
      { name: '组织机构代码证复印件', item: BUSINESS_ITEM },
      { name: '税务登记证', item: BUSINESS_ITEM },
    ]);
    expect(licence!.ruleId).toBe('shared-data');
    expect([code!.ruleId, tax!.ruleId]).toEqual(['proven-by-licence', 'proven-by-licence']);
    expect(code!.replacement).toBe('以营业执照证明');
  });

  it('puts no name in two catalogs', () => {
    const names = {
      sharedData: DEFAULT_CATALOGS.sharedData.flatMap((e) => [e.name, ...(e.aliases ?? [])]),
      licenceProofs: DEFAULT_CATALOGS.licenceProofs.flatMap((e) => [e.material, ...(e.aliases ?? [])]),
      issuerRestrictions: DEFAULT_CATALOGS.issuerRestrictions.flatMap((e) => [
        e.material,
        ...(e.aliases ?? []),
      ]),
      commitment: DEFAULT_CATALOGS.commitment.flatMap((e) => [e.name, ...(e.aliases ?? [])]),
    };
    const owner = new Map<string, string>();
    for (const [catalog, list] of Object.entries(names))
      for (const name of list) {
        const key = normalizeName(name);
        const earlier = owner.get(key);
        expect(earlier === undefined || earlier === catalog, `${name}: ${earlier} and ${catalog}`).toBe(true);
        owner.set(key, catalog);
      }
  });

  it('reads 死亡证明 from a hospital as no shared licence (the village certificate is another thing)', () => {
    expect(decideOne({ name: '死亡证明', issuer: '村委会' }).ruleId).toBe('issuer-cannot-certify');
    expect(decideOne({ name: '死亡医学证明' }).ruleId).toBe('shared-data');
    expect(decideOne({ name: '死亡证明', issuer: '市立医院' }).ruleId).not.toBe('shared-data');
  });
});
