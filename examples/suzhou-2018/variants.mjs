// A licence's later steps (变更, 延续, 注销, 补办): what city guides ask for when a licence a unit
// granted is changed, renewed, given up or lost — the licence itself back, the holder, the change.

export const VARIANT_LABELS = {
  change: '变更',
  renew: '延续',
  cancel: '注销',
  replace: '补办',
  annual: '年度报告',
};

/**
 * Whether a family's holder is an organisation (a licence a company, office or institution holds):
 * read from the materials every applicant brings, not from those only some guides list.
 */
export function isOrganisation(family) {
  return (
    family.holder !== undefined ||
    family.m.some((s) => !s.startsWith('?') && /营业执照|法定代表人|章程|股东|公司|企业/.test(s))
  );
}

/** A licence's later step for a business or body that holds it (a company's only where it is one). */
function businessSteps(variant, licence, holder, archive, organisation) {
  const company = (specs) => (organisation ? specs : []);
  switch (variant) {
    case 'change':
      return [
        `R:${licence}（原证）`,
        'R:变更事项的证明材料',
        'R:变更前后情况对照说明',
        ...holder,
        archive,
        ...company(['?R:变更决议或者决定', '?R:章程修正案', '?S:统一社会信用代码证书']),
        '?R:变更后的人员、场所或设施情况说明',
        '?R:新任负责人任职文件',
        '?R:变更事项涉及的许可条件材料',
        '?R:变更后的经营场所使用证明',
        '?N:主管部门同意变更意见@主管部门',
        '?U:变更原因说明',
      ];
    case 'renew':
      return [
        `R:${licence}（原证）`,
        'R:许可有效期内经营情况报告',
        ...holder,
        archive,
        '?R:年度检查合格证明',
        '?R:人员和设施变化情况说明',
        '?R:从业人员名单',
        '?R:守法经营情况说明',
        ...company(['?S:社会保险参保证明']),
        '?R:管理制度执行情况',
        '?R:主要设施设备清单',
        '?N:主管部门同意延续意见@主管部门',
        '?U:单位介绍信',
      ];
    case 'cancel':
      return [
        `R:${licence}（原证）`,
        ...holder,
        archive,
        ...company(['R:注销决议或者决定', '?C:债权债务清理完毕说明', '?R:注销公告', '?R:清税证明@税务机关']),
        '?R:停止经营活动情况说明',
        '?R:剩余物品处置情况说明',
        '?R:许可档案移交清单',
        '?N:主管部门同意注销意见@主管部门',
        '?U:注销原因说明',
      ];
    case 'replace':
      return [
        'C:遗失声明',
        'R:证件遗失或者损毁情况说明',
        ...holder,
        archive,
        '?R:损毁的证件',
        '?R:证件编号等信息说明',
        '?N:派出所出具的遗失证明@派出所',
      ];
    case 'annual':
      return [
        'R:年度报告书',
        `R:${licence}（原证）`,
        'R:年度经营情况报告',
        'R:年度财务报表',
        ...holder,
        archive,
        '?R:年度内变更事项说明',
        '?R:年度审计报告@会计师事务所',
        '?R:从业人员变动情况',
        '?N:主管部门年检意见@主管部门',
        '?U:单位介绍信',
      ];
    default:
      throw new Error(`unknown variant ${variant}`);
  }
}

/** A certificate to practise a person holds (导游证, 驾驶证, 考核合格证 …): its later steps. */
function practiceSteps(variant, licence, holder, archive) {
  switch (variant) {
    case 'change':
      return [
        `R:${licence}（原证）`,
        'R:变更事项的证明材料',
        ...holder,
        archive,
        '?R:近期免冠照片',
        '?R:变更后的执业（从业）单位证明',
        '?N:单位出具的变更证明@工作单位',
        '?U:变更原因说明',
      ];
    case 'renew':
      return [
        `R:${licence}（原证）`,
        'R:继续教育或者培训合格证明',
        ...holder,
        archive,
        '?R:近期免冠照片',
        '?R:体检证明@医疗机构',
        '?R:有效期内从业情况说明',
        '?R:从业单位证明',
        '?N:单位出具的延续证明@工作单位',
        '?U:个人简历',
      ];
    case 'cancel':
      return [
        `R:${licence}（原证）`,
        ...holder,
        archive,
        '?R:注销情形的证明材料',
        '?N:村（居）委会出具的情况证明@村民委员会',
        '?U:注销原因说明',
      ];
    case 'replace':
      return [
        'C:遗失声明',
        'R:证件遗失或者损毁情况说明',
        ...holder,
        archive,
        '?R:损毁的证件',
        '?R:近期免冠照片',
        '?N:派出所出具的遗失证明@派出所',
      ];
    default:
      throw new Error(`no ${variant} for a licence a person holds`);
  }
}

/**
 * A 备案's removal (行政备案 注销: the office closes the record, not a permission): none of a
 * company's winding-up papers (清税证明, 注销公告, 债权债务清理) that a licence's 注销 may ask for.
 */
function filingCancel(licence, holder, archive) {
  return [
    `R:${licence}（原件）`,
    'R:注销备案的原因说明',
    ...holder,
    archive,
    '?R:备案事项终止的证明材料',
    '?R:备案编号等信息说明',
    '?R:注销备案的决议或者决定',
    '?R:备案事项后续处置情况说明',
    '?R:原备案回执',
    '?R:备案期间执行情况总结',
    '?R:注销备案的公示材料',
    '?N:主管部门同意注销意见@主管部门',
    '?U:单位介绍信',
  ];
}

/** The materials of a licence's later step; `type` is the item's (a 备案's removal has its own). */
export function variantSpecs(family, variant, type) {
  const organisation = isOrganisation(family);
  const licence = family.licence;
  const holder =
    family.holder ?? (organisation ? ['S:营业执照', 'R:法定代表人身份证明书'] : ['S:居民身份证']);
  const archive = `?O:${licence}核发档案`;
  if (family.practice) return practiceSteps(variant, licence, holder, archive);
  if (type === '行政备案' && variant === 'cancel') return filingCancel(licence, holder, archive);
  return businessSteps(variant, licence, holder, archive, organisation);
}
