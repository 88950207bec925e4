// The first batch's data set: departments → items → materials with the FACTS a department wrote
// down (names, issuers, 设定依据, yes/no columns, its own 清理意见) — never a verdict. Each item's
// materials come from its service family (services.mjs): what that kind of service asks for. The
// press release's figures (domain.md §1) fix how many materials end in each category; which
// materials those are is chosen, seeded, among the materials each family offers for that fact.

import { DEFAULT_CATALOGS, normalizeName } from '@jianzheng/core';
import { DEPARTMENTS } from './departments.mjs';
import { FAMILIES, ITEM_FAMILY, parseMaterial } from './services.mjs';
import { variantSpecs } from './variants.mjs';

export const DEFAULT_SEED = 20180904;

/** The first batch of the press release of 2018-09-04. */
export const FIRST_BATCH_TARGET = {
  items: 436,
  materials: 4363,
  sharing: 540,
  internal: 232,
  commitment: 208,
  noBasis: 119,
  unnecessary: 89,
  duplicate: 71,
  superior: 31,
};

// Seeded randomness (mulberry32): the same seed gives the same workbooks.
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  const chance = (p) => next() < p;
  const shuffle = (list) => {
    for (let i = list.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [list[i], list[j]] = [list[j], list[i]];
    }
    return list;
  };
  return { next, int, pick, chance, shuffle };
}

/** Which columns a layout has, hence which facts a department could write down. */
export const LAYOUT_COLUMNS = {
  police: {
    necessary: true,
    shareable: true,
    internalQuery: true,
    commitment: true,
    proposal: true,
    method: true,
  },
  'two-row': {
    necessary: true,
    shareable: true,
    internalQuery: true,
    commitment: true,
    proposal: true,
    method: true,
  },
  'sheet-name': { necessary: true, shareable: true, internalQuery: false, commitment: true, proposal: true },
  aliases: {
    necessary: true,
    shareable: true,
    internalQuery: true,
    commitment: true,
    proposal: true,
    method: true,
  },
  rich: { necessary: true, shareable: true, internalQuery: true, commitment: true, proposal: true },
  flat: {
    necessary: true,
    shareable: true,
    internalQuery: true,
    commitment: true,
    proposal: true,
    method: true,
  },
  'dept-column': { necessary: true, shareable: true, internalQuery: true, commitment: true, proposal: true },
  'blank-rows': {
    necessary: true,
    shareable: true,
    internalQuery: true,
    commitment: true,
    proposal: true,
    method: true,
  },
  footers: { necessary: true, shareable: true, internalQuery: true, commitment: true, proposal: true },
  'no-proposal': {
    necessary: true,
    shareable: false,
    internalQuery: false,
    commitment: true,
    proposal: false,
  },
  minimal: { necessary: false, shareable: false, internalQuery: false, commitment: false, proposal: true },
};

// ---------------------------------------------------------------------------------------------
// Catalog facts the generator needs to write consistent cells.

const SHARED = new Map();
for (const entry of DEFAULT_CATALOGS.sharedData) {
  for (const name of [entry.name, ...(entry.aliases ?? [])]) SHARED.set(normalizeName(name), entry);
}
const COMMITMENT_NAMES = new Set(
  DEFAULT_CATALOGS.commitment.flatMap((e) => [e.name, ...(e.aliases ?? [])]).map(normalizeName),
);
const EXCLUSION_KEYWORDS = DEFAULT_CATALOGS.commitmentExclusions
  .flatMap((e) => e.keywords ?? [])
  .map(normalizeName);
export const excludedFromCommitment = (itemName, department) =>
  EXCLUSION_KEYWORDS.some(
    (k) => normalizeName(itemName).includes(k) || normalizeName(department).includes(k),
  );

/** Who issues each shared licence. */
const LICENCE_ISSUERS = {
  居民身份证: '公安机关',
  居民户口簿: '公安机关',
  营业执照: '市场监督管理部门',
  统一社会信用代码证书: '登记管理机关',
  结婚证: '婚姻登记机关',
  离婚证: '婚姻登记机关',
  出生医学证明: '助产机构',
  不动产权证书: '不动产登记机构',
  社会保险参保证明: '社会保险经办机构',
  居住证: '公安机关',
  机动车行驶证: '公安机关交通管理部门',
  机动车驾驶证: '公安机关交通管理部门',
  死亡医学证明: '医疗机构',
  残疾人证: '残疾人联合会',
  最低生活保障证: '民政部门',
  纳税证明: '税务机关',
  学历证书: '学校',
};

/** The licence (by name in the same item) that each licence-proof certificate repeats. */
const PROVEN_BY = {
  户籍证明: '居民户口簿',
  身份证明: '居民身份证',
  婚姻关系证明: '结婚证',
  房屋产权证明: '不动产权证书',
  企业法人资格证明: '营业执照',
  组织机构代码证: '营业执照',
  税务登记证: '营业执照',
  驾驶资格证明: '机动车驾驶证',
  车辆所有权证明: '机动车登记证书',
};

const VILLAGE_ISSUERS = ['户籍所在地村（居）委会', '社区居委会', '村民委员会', '居民委员会', '所在社区'];
const LEGAL_NONE = ['无', '暂无', '无', '/', '—', '无依据', '没有', '-'];
const FORM_LIKE =
  /申请(书|表|单|报告|文件)|申请$|申领表|登记表|申报表|备案表|审核表|审批表|认定表|报名|登记书|信息表|投诉书|告知书|协议$/;
const GOVERNMENT =
  /(部门|机关|政府|法院|部队|武装部|监狱|殡仪馆|办事处|海关|局|管理机构|登记机构|经办机构|委员会|血站)$/;
const INTERMEDIARY = /(事务所|评估|检测|测绘|鉴定|评价|审查机构|检验|估价)/;
/** Proofs of a fact the applicant knows that a department may replace by a commitment (42号文). */
const COMMITMENT_ABLE =
  /(场所|住所|场地|校舍|园舍).*(使用|证明)|资金(到位|来源)?证明$|经历证明|工作年限证明|资产来源|居住证明材料|资信证明/;

function sourceOf(kind, issuer) {
  if (kind === 'S' || kind === 'O') return '政府部门核发';
  if (!issuer) return '申请人自备';
  if (INTERMEDIARY.test(issuer)) return '中介机构出具';
  if (GOVERNMENT.test(issuer)) return '政府部门核发';
  return '其他';
}

// ---------------------------------------------------------------------------------------------

/** The items of every department with their family's materials, before any is chosen. */
function itemsOf(dept, index, rng, columns) {
  const defs =
    dept.itemDefs ??
    (dept.items
      ? dept.items.map(([name, type]) => ({ name, type }))
      : dept.sheets.flatMap((s) => s.items.map(([name, type]) => ({ name, type, sheet: s.name }))));
  return defs.map((def, i) => {
    // A family name may carry the licence's later step: 'dispatch:renew' (劳务派遣经营许可延续).
    const [familyKey, familyVariant] = (def.family ?? ITEM_FAMILY[def.name] ?? '').split(':');
    const variant = def.variant ?? familyVariant;
    const family = FAMILIES[familyKey];
    if (!family) throw new Error(`${dept.name}·${def.name}: no service family`);
    const specs = (variant ? variantSpecs(family, variant, def.type) : family.m).map(parseMaterial);
    const names = new Set(specs.map((s) => normalizeName(s.name)));
    if (names.size !== specs.length) throw new Error(`${familyKey}: a material is listed twice`);
    for (const s of specs)
      if (
        s.kind === 'R' &&
        (SHARED.has(normalizeName(s.name)) || COMMITMENT_NAMES.has(normalizeName(s.name)))
      )
        throw new Error(`${familyKey}: ${s.name} is a catalog name, not a retained material`);
    // Someone may apply for another: the guides list the power of attorney and the agent's ID.
    const organisation = specs.some((s) => /营业执照|法定代表人|法人证书/.test(s.name));
    for (const extra of organisation ? ['授权委托书', '经办人身份证件'] : ['授权委托书', '受托人身份证件']) {
      if (!names.has(normalizeName(extra)))
        specs.push({ optional: true, kind: 'R', name: extra, issuer: '' });
    }
    const excluded = excludedFromCommitment(def.name, dept.name);
    const item = {
      ...def,
      code: `3413${String(index + 1).padStart(2, '0')}${String(i + 1).padStart(3, '0')}`,
      family: familyKey,
      basis: family.b,
      excluded,
      materials: [],
      pool: rng.shuffle(specs.filter((s) => s.optional)),
    };
    const base = def.name.replace(/（[^）]*）/g, '');
    const core = specs.filter((s) => !s.optional);
    // Every item starts with its application form: the family's own, else one named for the item.
    const formAt = core.findIndex((s) => s.kind === 'R' && FORM_LIKE.test(s.name));
    const formName = /(申领|申请|登记)$/.test(base) ? `${base}表` : `${base}申请表`;
    const [form] = formAt >= 0 ? core.splice(formAt, 1) : [{ kind: 'R', name: formName, issuer: '' }];
    item.materials.push({ spec: form, outcome: 'retain', form: true });
    for (const spec of core) item.materials.push({ spec, outcome: defaultOutcome(spec, item, columns) });
    return item;
  });
}

/** What a material of this kind ends as by default in this item and layout; null when it cannot. */
function defaultOutcome(spec, item, columns) {
  switch (spec.kind) {
    case 'S':
      return 'sharing';
    case 'O':
      return 'internal';
    case 'C': {
      const catalog = COMMITMENT_NAMES.has(normalizeName(spec.name));
      if (item.excluded) return columns.commitment || !catalog ? 'retain' : null;
      if (catalog || columns.commitment) return 'commitment';
      return 'retain';
    }
    case 'V':
      return 'unnecessary';
    case 'U':
      return columns.necessary ? 'unnecessary' : null;
    case 'N':
      return 'noBasis';
    case 'X':
      return 'superior';
    case 'L': {
      const licence = PROVEN_BY[spec.name];
      return item.materials.some((m) => m.spec.name === licence) ? 'duplicate' : null;
    }
    default:
      return 'retain';
  }
}

/**
 * Chooses materials for the items until each category has its count: optional materials of the
 * kind the category needs, always for the item with the fewest materials so far (sizes stay even).
 */
export function chooseMaterials(items, target, rng, columnsOf) {
  const count = (outcome) =>
    items.reduce((n, it) => n + it.materials.filter((m) => m.outcome === outcome).length, 0);
  const total = () => items.reduce((n, it) => n + it.materials.length, 0);
  const bySize = () => rng.shuffle([...items]).sort((a, b) => a.materials.length - b.materials.length);

  const add = (outcome, kinds, wanted, atMost = false) => {
    let have = count(outcome);
    while (have < wanted) {
      let added = false;
      for (const item of bySize()) {
        const columns = columnsOf(item);
        const at = item.pool.findIndex(
          (s) => kinds.includes(s.kind) && defaultOutcome(s, item, columns) === outcome,
        );
        if (at < 0) continue;
        const [spec] = item.pool.splice(at, 1);
        item.materials.push({ spec, outcome });
        added = true;
        have++;
        break;
      }
      if (!added && atMost) return;
      if (!added) throw new Error(`not enough materials for ${outcome}: ${have} of ${wanted}`);
    }
  };

  // Licences a department demanded as originals stay (现场核验原件): some of the shared licences.
  for (const item of items)
    for (const m of item.materials)
      if (
        m.outcome === 'sharing' &&
        !SHARED.get(normalizeName(m.spec.name))?.replacesOriginal &&
        rng.chance(0.12)
      )
        m.outcome = 'retain-original';

  add('superior', ['X'], target.superior);
  add('noBasis', ['N'], target.noBasis);
  add('unnecessary', ['V', 'U'], target.unnecessary);
  add('internal', ['O'], target.internal);
  add(
    'commitment',
    ['C'],
    Math.min(target.commitment, count('commitment') + availableCommitments(items, columnsOf)),
  );
  // Short of statements: a department ticks 可告知承诺 for a proof of a fact the applicant knows
  // (its premises, funds, work history), among its materials or those its guide also lists.
  const able = (x) => x.kind === 'R' && COMMITMENT_ABLE.test(x.name);
  for (let progress = true; progress && count('commitment') < target.commitment; ) {
    progress = false;
    for (const item of bySize()) {
      if (count('commitment') >= target.commitment) break;
      if (item.excluded || !columnsOf(item).commitment) continue;
      const m = item.materials.find((x) => x.outcome === 'retain' && !x.form && able(x.spec));
      if (m) m.outcome = 'commitment';
      else {
        const at = item.pool.findIndex(able);
        if (at < 0) continue;
        item.materials.push({ spec: item.pool.splice(at, 1)[0], outcome: 'commitment' });
      }
      progress = true;
    }
  }
  if (count('commitment') !== target.commitment) throw new Error(`commitment: ${count('commitment')}`);
  const sharing = count('sharing');
  if (sharing > target.sharing) {
    const shared = items.flatMap((it) =>
      it.materials.filter(
        (m) => m.outcome === 'sharing' && !SHARED.get(normalizeName(m.spec.name))?.replacesOriginal,
      ),
    );
    for (const m of rng.shuffle(shared).slice(0, sharing - target.sharing)) m.outcome = 'retain-original';
  } else add('sharing', ['S'], target.sharing);
  add('duplicate', ['L'], Math.round(target.duplicate * 0.45), true);
  // The rest of the repeated materials: the same material listed twice (原件, then 复印件).
  const repeatable = (m) => !m.form && !m.repeated && ['retain', 'retain-original'].includes(m.outcome);
  while (count('duplicate') < target.duplicate) {
    const item = bySize().find((it) => it.materials.some(repeatable));
    if (!item) throw new Error('no material to repeat');
    const first = rng.pick(item.materials.filter(repeatable));
    first.repeated = true;
    item.materials.push({ spec: first.spec, outcome: 'duplicate', repeats: first });
  }
  // Fill up with what the services ask for besides: retained materials, then licences shown as
  // originals (现场核验原件), then statements the department keeps (可告知承诺：否).
  const keepable = (item, s) =>
    s.kind === 'R' ||
    (s.kind === 'S' && !SHARED.get(normalizeName(s.name))?.replacesOriginal) ||
    (s.kind === 'C' && (columnsOf(item).commitment || item.excluded));
  for (const kind of ['R', 'S', 'C']) {
    while (total() < target.materials) {
      const item = bySize().find((it) => it.pool.some((s) => s.kind === kind && keepable(it, s)));
      if (!item) break;
      const at = item.pool.findIndex((s) => s.kind === kind && keepable(item, s));
      const [spec] = item.pool.splice(at, 1);
      item.materials.push({ spec, outcome: kind === 'S' ? 'retain-original' : 'retain' });
    }
  }
  if (total() < target.materials) {
    const left = items.reduce((n, it) => n + it.pool.length, 0);
    throw new Error(`not enough retained materials: ${total()} of ${target.materials}; ${left} left`);
  }
  if (total() !== target.materials) throw new Error(`materials: ${total()} of ${target.materials}`);
}

function availableCommitments(items, columnsOf) {
  return items.reduce(
    (n, item) =>
      n +
      item.pool.filter((s) => s.kind === 'C' && defaultOutcome(s, item, columnsOf(item)) === 'commitment')
        .length,
    0,
  );
}

export {
  COMMITMENT_NAMES,
  DEPARTMENTS,
  FORM_LIKE,
  itemsOf,
  LEGAL_NONE,
  LICENCE_ISSUERS,
  SHARED,
  sourceOf,
  VILLAGE_ISSUERS,
};
