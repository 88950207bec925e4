import { COMMITMENT_2020 } from './policy-sources';

/**
 * The domains where 告知承诺 does not apply (国办发〔2020〕42号: 直接涉及国家安全、国家秘密、公共安全、
 * 金融业审慎监管、生态环境保护，直接关系人身健康、生命财产安全，以及重要涉外等 — domain.md §11).
 */
export const COMMITMENT_DOMAINS = [
  'national-security',
  'state-secrets',
  'public-safety',
  'financial-prudential',
  'ecological-environment',
  'health-and-safety',
  'foreign-affairs',
] as const;
export type CommitmentDomain = (typeof COMMITMENT_DOMAINS)[number];

/** zh-CN label of each domain, in 42号文's words. */
export const COMMITMENT_DOMAIN_LABELS: Readonly<Record<CommitmentDomain, string>> = {
  'national-security': '国家安全',
  'state-secrets': '国家秘密',
  'public-safety': '公共安全',
  'financial-prudential': '金融业审慎监管',
  'ecological-environment': '生态环境保护',
  'health-and-safety': '直接关系人身健康、生命财产安全',
  'foreign-affairs': '重要涉外',
};

/**
 * Words in item or department names that place an item in a domain. A starting set for a city's
 * list, not a legal classification: a city extends or replaces it (`commitmentExclusions`), and a
 * reviewer can mark an item's domain where no word gives it away.
 */
const DOMAIN_KEYWORDS: Readonly<Record<CommitmentDomain, readonly string[]>> = {
  'national-security': ['国家安全', '国家安全机关'],
  'state-secrets': ['国家秘密', '涉密', '保密'],
  'public-safety': [
    '危险化学品',
    '烟花爆竹',
    '民用爆炸物品',
    '特种设备',
    '消防',
    '建设工程质量',
    '建筑工程施工',
    '施工安全',
    '安全生产',
    '危险货物',
    '枪支',
    '放射性',
  ],
  'financial-prudential': ['金融', '银行', '保险机构', '证券', '融资担保', '小额贷款', '典当'],
  'ecological-environment': ['环境影响评价', '环境影响报告', '排污许可', '危险废物', '辐射安全'],
  'health-and-safety': [
    '药品',
    '医疗器械',
    '食品',
    '疫苗',
    '医师执业',
    '护士执业',
    '医疗机构执业',
    '母婴保健',
    '血站',
    '放射诊疗',
  ],
  'foreign-affairs': ['涉外', '外国人'],
};

/** The default `commitmentExclusions`: one keyword set per 42号文 domain. */
export const DEFAULT_COMMITMENT_EXCLUSIONS = COMMITMENT_DOMAINS.map((domain) => ({
  domain,
  keywords: [...DOMAIN_KEYWORDS[domain]],
  reference: COMMITMENT_2020.reference,
}));
