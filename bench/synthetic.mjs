// Seeded synthetic materials with realistic names and facts, shared by the benchmarks.
import { assignMaterialIds } from '@jianzheng/core';
import { seededRandom } from '@jianzheng/testkit';

const DEPARTMENTS = [
  '市公安局',
  '市民政局',
  '市人力资源和社会保障局',
  '市卫生健康委员会',
  '市住房和城乡建设局',
  '市市场监督管理局',
  '市教育局',
  '市自然资源和规划局',
  '市交通运输局',
  '市医疗保障局',
  '市残疾人联合会',
  '市司法局',
];
const ITEM_VERBS = [
  '登记',
  '变更登记',
  '注销登记',
  '审批',
  '备案',
  '核发',
  '补领',
  '换领',
  '年度审验',
  '资格认定',
];
const ITEM_NOUNS = [
  '户口迁移',
  '居住证',
  '最低生活保障',
  '社会保险',
  '医师执业',
  '建筑施工许可',
  '食品经营许可',
  '教师资格',
  '不动产',
  '道路运输经营',
  '医疗救助',
  '残疾人证',
  '婚姻',
  '养老服务机构',
  '特种设备',
];
const MATERIALS = [
  '居民身份证',
  '居民户口簿',
  '营业执照副本',
  '结婚证',
  '申请表',
  '户籍证明',
  '近期免冠照片',
  '亲属关系证明',
  '无房证明',
  '收入证明',
  '单位介绍信',
  '房屋租赁合同',
  '不动产权证书',
  '出生医学证明',
  '健康证明',
  '授权委托书',
  '法定代表人身份证明',
  '场地平面图',
  '安全管理制度',
  '从业人员名单',
];
const ISSUERS = [
  '申请人',
  '村民委员会',
  '社区居委会',
  '市公安局',
  '市民政局',
  '医疗机构',
  '房屋中介机构',
  '工作单位',
];
const BASES = [
  '《中华人民共和国行政许可法》',
  '《户口登记条例》',
  '《社会救助暂行办法》',
  '无',
  '',
  '《食品安全法》第三十五条',
];
const YES_NO = ['yes', 'no', 'unknown', 'unknown', 'unknown'];

/** `count` materials, about `perItem` per item, deterministic for a seed. */
export function syntheticMaterials(count, { seed = 2018, perItem = 10 } = {}) {
  const random = seededRandom(seed);
  const pick = random.pick;
  const inputs = [];
  let item;
  for (let i = 0; i < count; i++) {
    if (i % perItem === 0) {
      const n = i / perItem;
      item = {
        department: DEPARTMENTS[n % DEPARTMENTS.length],
        code: `3413${String(n).padStart(8, '0')}`,
        name: `${pick(ITEM_NOUNS)}${pick(ITEM_VERBS)}`,
        type: '行政许可',
      };
    }
    inputs.push({
      item,
      name: random() < 0.1 ? `${i % 9}、${pick(MATERIALS)}（原件及复印件）` : pick(MATERIALS),
      issuer: pick(ISSUERS),
      legalBasis: pick(BASES),
      necessary: pick(YES_NO),
      shareable: pick(YES_NO),
      internalQuery: pick(YES_NO),
      commitment: pick(YES_NO),
      superiorCancelled: random() < 0.01 ? 'yes' : 'unknown',
      departmentProposal: pick(['retain', 'cancel', 'unknown']),
    });
  }
  return assignMaterialIds(inputs);
}
