import { DEFAULT_COMMITMENT_EXCLUSIONS } from './commitment-domains';
import { DEFAULT_LEGAL_INSTRUMENTS } from './legal-instruments';
import {
  CLEAN_UP_2018,
  COMMITMENT_2020,
  THREE_IN_ONE_2015,
  VILLAGE_CERTIFICATES_2020,
} from './policy-sources';
import type { Catalogs, IssuerRestrictionEntry } from './schema';

/** The entries with the document they rest on. */
const cite = <T>(reference: string, entries: readonly T[]): T[] =>
  entries.map((entry) => ({ ...entry, reference }));

const VILLAGE_ISSUERS = ['村委会', '居委会', '村民委员会', '居民委员会', '社区', '村委', '居委'];

/** Other names departments use for the certificates of 民发〔2020〕20号's list. */
const VILLAGE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  无犯罪记录证明: ['无违法犯罪证明', '无违法犯罪记录证明'],
  社区戒毒社区康复人员情况证明: ['社区戒毒社区康复人员表现证明'],
  人员失踪证明: ['失踪证明'],
  户口登记项目内容变更申请证明: ['户口登记项目内容变更更正证明'],
  居民财产证明: ['财产状况证明', '财产证明'],
  出生证明: ['出生时间证明'],
  居民就业状况证明: ['就业状况证明'],
  证件遗失证明: ['遗失证明'],
};

/**
 * Default zh-CN catalogs. Each entry cites the document it rests on (`reference`) and agrees with
 * it (domain.md §4); the lists copied from those documents are in `policy-sources.ts`. A city
 * replaces or extends any of them in its configuration.
 */
export const DEFAULT_CATALOGS: Catalogs = {
  sharedData: cite(CLEAN_UP_2018.reference, [
    { name: '居民身份证', aliases: ['身份证', '二代身份证', '居民身份证明'], source: '全国人口基础信息库' },
    { name: '居民户口簿', aliases: ['户口簿', '户口本', '户籍簿'], source: '全国人口基础信息库' },
    { name: '营业执照', aliases: ['企业营业执照', '个体工商户营业执照'], source: '市场主体登记信息库' },
    // Issued to organisations other than enterprises; an enterprise's code is on its 营业执照.
    { name: '统一社会信用代码证书', aliases: [], source: '法人单位基础信息库' },
    { name: '结婚证', aliases: ['婚姻登记证'], source: '婚姻登记信息系统' },
    { name: '离婚证', aliases: [], source: '婚姻登记信息系统' },
    // Not 出生证明 or 死亡证明: those names are the village certificates of 民发〔2020〕20号.
    { name: '出生医学证明', aliases: ['出生证'], source: '卫生健康出生信息库' },
    {
      name: '不动产权证书',
      aliases: ['房屋所有权证', '房产证', '不动产权证', '土地使用权证'],
      source: '不动产登记信息库',
    },
    // Records, not documents the applicant holds: the shared record replaces the original too.
    {
      name: '社会保险参保证明',
      aliases: ['社保缴费证明', '养老保险缴费证明'],
      source: '社会保险信息系统',
      replacesOriginal: true,
    },
    { name: '居住证', aliases: [], source: '流动人口信息系统' },
    { name: '机动车行驶证', aliases: ['行驶证'], source: '公安交通管理信息系统' },
    { name: '机动车驾驶证', aliases: ['驾驶证'], source: '公安交通管理信息系统' },
    { name: '死亡医学证明', aliases: ['居民死亡医学证明书'], source: '卫生健康死亡信息库' },
    { name: '残疾人证', aliases: [], source: '残疾人信息系统' },
    { name: '最低生活保障证', aliases: ['低保证'], source: '社会救助信息系统' },
    { name: '纳税证明', aliases: ['完税证明'], source: '税务信息系统', replacesOriginal: true },
    { name: '学历证书', aliases: ['毕业证书', '学历证明'], source: '学历信息查询系统' },
  ]),
  licenceProofs: [
    ...cite(CLEAN_UP_2018.reference, [
      {
        material: '户籍证明',
        aliases: ['户口证明'],
        licence: '居民户口簿',
        licenceAliases: ['户口簿', '户口本'],
      },
      { material: '身份证明', aliases: ['身份证明材料'], licence: '居民身份证', licenceAliases: ['身份证'] },
      { material: '婚姻关系证明', aliases: ['夫妻关系证明'], licence: '结婚证', licenceAliases: [] },
      {
        material: '房屋产权证明',
        aliases: ['房产证明', '住房证明'],
        licence: '不动产权证书',
        licenceAliases: ['房产证'],
      },
      { material: '企业法人资格证明', aliases: ['法人资格证明'], licence: '营业执照', licenceAliases: [] },
      { material: '驾驶资格证明', aliases: [], licence: '机动车驾驶证', licenceAliases: ['驾驶证'] },
      { material: '车辆所有权证明', aliases: [], licence: '机动车登记证书', licenceAliases: [] },
    ]),
    ...THREE_IN_ONE_2015.items.map((material) => ({
      material,
      aliases: [`${material}书`],
      licence: THREE_IN_ONE_2015.licence,
      licenceAliases: ['企业营业执照'],
      reference: THREE_IN_ONE_2015.reference,
    })),
  ],
  superiorCancellations: [],
  cancelledItems: [],
  issuerRestrictions: VILLAGE_CERTIFICATES_2020.items.map(
    (material): IssuerRestrictionEntry => ({
      issuerKeywords: VILLAGE_ISSUERS,
      material,
      aliases: [...(VILLAGE_ALIASES[material] ?? [])],
      reference: VILLAGE_CERTIFICATES_2020.reference,
    }),
  ),
  commitment: cite(COMMITMENT_2020.reference, [
    { name: '无违法犯罪记录承诺', aliases: [] },
    { name: '未再婚证明', aliases: ['未婚证明', '单身证明'] },
    { name: '无房证明', aliases: ['无住房证明'] },
    { name: '居住证明', aliases: ['实际居住证明'] },
    { name: '经营场所证明', aliases: ['住所使用证明', '场地使用证明'] },
    { name: '遗失声明', aliases: ['登报遗失声明'] },
  ]),
  commitmentExclusions: DEFAULT_COMMITMENT_EXCLUSIONS,
  legalInstruments: DEFAULT_LEGAL_INSTRUMENTS,
};
