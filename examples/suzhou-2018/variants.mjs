// A licence's later steps (变更, 延续, 注销, 补办): what city guides ask for when a licence a unit
// granted is changed, renewed, given up or lost — the licence itself back, the holder, the change.

export const VARIANT_LABELS = { change: '变更', renew: '延续', cancel: '注销', replace: '补办' };

export function variantSpecs(family, variant) {
  const organisation = family.m.some((s) => /营业执照|法定代表人/.test(s));
  const licence = family.licence;
  const holder = organisation ? ['S:营业执照', 'R:法定代表人身份证明书'] : ['S:居民身份证'];
  const archive = `?O:${licence}核发档案`;
  switch (variant) {
    case 'change':
      return [
        `R:${licence}（原证）`,
        'R:变更事项的证明材料',
        ...holder,
        archive,
        '?R:变更后的人员、场所或设施情况说明',
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
        '?N:主管部门同意延续意见@主管部门',
        '?U:单位介绍信',
      ];
    case 'cancel':
      return [
        `R:${licence}（原证）`,
        ...holder,
        archive,
        ...(organisation ? ['?C:债权债务清理完毕说明'] : []),
        '?N:主管部门同意注销意见@主管部门',
        '?U:注销原因说明',
      ];
    case 'replace':
      return ['C:遗失声明', ...holder, archive, '?R:近期免冠照片', '?N:派出所出具的遗失证明@派出所'];
    default:
      throw new Error(`unknown variant ${variant}`);
  }
}
