/**
 * The lists the default catalogs rest on, copied as data from the public documents with their 文号
 * (domain.md §4: every default entry cites its source and agrees with it). Tests check the
 * defaults against these lists item for item; a city that follows a later list replaces the
 * catalog in its configuration.
 */

/** A published list: its 文号, title and items in the document's order. */
export interface PolicyList {
  readonly reference: string;
  readonly title: string;
  readonly items: readonly string[];
}

/**
 * 民政部等六部门《关于改进和规范基层群众性自治组织出具证明工作的指导意见》(民发〔2020〕20号), annex
 * 《不应由基层群众性自治组织出具证明事项清单（第一批）》: the 20 certificates a 村(居)民委员会 may
 * not issue.
 */
export const VILLAGE_CERTIFICATES_2020: PolicyList = {
  reference: '民发〔2020〕20号',
  title: '不应由基层群众性自治组织出具证明事项清单（第一批）',
  items: [
    '亲属关系证明',
    '居民身份信息证明',
    '户口登记项目内容变更申请证明',
    '居民养犬证明',
    '无犯罪记录证明',
    '社区戒毒社区康复人员情况证明',
    '人员失踪证明',
    '婚姻状况证明',
    '出生证明',
    '健在证明',
    '死亡证明',
    '疾病状况证明',
    '残疾状况证明',
    '婚育状况证明',
    '居民就业状况证明',
    '居民个人档案证明',
    '居民财产证明',
    '遗产继承权证明',
    '市场主体住所证明',
    '证件遗失证明',
  ],
};

/**
 * 国务院办公厅《关于加快推进“三证合一”登记制度改革的意见》(国办发〔2015〕50号): the certificates
 * merged into the one 营业执照 carrying the 统一社会信用代码 (一照一码).
 */
export const THREE_IN_ONE_2015: PolicyList & { readonly licence: string } = {
  reference: '国办发〔2015〕50号',
  title: '关于加快推进“三证合一”登记制度改革的意见',
  licence: '营业执照',
  items: ['组织机构代码证', '税务登记证'],
};

/**
 * 国务院办公厅《关于做好证明事项清理工作的通知》(国办发〔2018〕47号): 证明 that 法定证照, 网络核验 or
 * 部门间核查 can replace are to be cancelled — the basis of the shared-data and licence catalogs.
 */
export const CLEAN_UP_2018 = {
  reference: '国办发〔2018〕47号',
  title: '关于做好证明事项清理工作的通知',
} as const;

/**
 * 国务院办公厅《关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》(国办发〔2020〕42号):
 * the commitment catalog and the domains where 告知承诺 does not apply.
 */
export const COMMITMENT_2020: PolicyList = {
  reference: '国办发〔2020〕42号',
  title: '关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见',
  // 直接涉及 … 直接关系 … 以及重要涉外等风险较大、纠错成本较高、损害难以挽回的证明事项不适用.
  items: [
    '国家安全',
    '国家秘密',
    '公共安全',
    '金融业审慎监管',
    '生态环境保护',
    '人身健康',
    '生命财产安全',
    '重要涉外',
  ],
};
