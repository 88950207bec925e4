// Seeded synthetic materials with realistic names and facts (testkit's vocabulary), in memory.
import { assignMaterialIds } from '@jianzheng/core';
import {
  DEPARTMENT_KINDS,
  ISSUERS,
  ITEM_NOUNS,
  ITEM_VERBS,
  LEGAL_BASES,
  MATERIAL_STEMS,
  seededRandom,
} from '@jianzheng/testkit';

const DEPARTMENTS = DEPARTMENT_KINDS.map((kind) => `市${kind}`);
const BASES = LEGAL_BASES;
const MATERIALS = MATERIAL_STEMS;
const YES_NO = ['yes', 'no', 'unknown', 'unknown', 'unknown'];

const CHOICE_FORMS = [
  (a, b) => `${a}或${b}`,
  (a, b) => `${a}/${b}`,
  (a, b) => `${a}、${b}之一`,
  (a, b) => `${a}或${b}（任选其一）`,
];

/**
 * `count` materials, about `perItem` per item, deterministic for a seed; a share `alternatives`
 * of them name two alternatives in one cell (domain.md §10), in the four wordings departments use.
 */
export function syntheticMaterials(count, { seed = 2018, perItem = 10, alternatives = 0.1 } = {}) {
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
      name: materialName(random, pick, i, alternatives),
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

function materialName(random, pick, i, alternatives) {
  if (random() < alternatives) {
    const first = pick(MATERIALS);
    let second = pick(MATERIALS);
    while (second === first) second = pick(MATERIALS);
    return pick(CHOICE_FORMS)(first, second);
  }
  return random() < 0.1 ? `${i % 9}、${pick(MATERIALS)}（原件及复印件）` : pick(MATERIALS);
}

const STORE_NAMES = [
  '居民身份证',
  '不动产权证书',
  '申请书',
  '营业执照',
  '无犯罪记录证明',
  '承诺书',
  '健康证明',
  '场所证明',
];

/**
 * `count` material inputs of one department, `perItem` to an item, as the store benches import
 * them: a third without an item type, every fifth a bare catalog name (the rest numbered), every
 * eleventh without a legal basis, every fourth proposed for cancellation.
 */
export function departmentInputs(department, count, perItem = 8) {
  return Array.from({ length: count }, (_, i) => ({
    item: { department, name: `事项${Math.floor(i / perItem)}`, ...(i % 3 ? { type: '行政许可' } : {}) },
    name: `${STORE_NAMES[i % STORE_NAMES.length]}${i % 5 === 0 ? '' : `（${i}）`}`,
    legalBasis: i % 11 === 0 ? '无' : '《条例》',
    departmentProposal: i % 4 === 0 ? 'cancel' : 'retain',
  }));
}
