#!/usr/bin/env node
// Writes the eleven department workbooks of 宿州's first batch (2018) — the bundled demo input.
//
//   node examples/suzhou-2018/generate.mjs [--out <dir>] [--seed <n>]
//
// The workbooks carry FACTS only (names, issuers, 设定依据, the yes/no columns a department
// filled in, its own 清理意见). Which materials are cancelled, and why, is decided by the rule
// engine when the workbooks are evaluated; this script never writes a verdict or a category.
// Each department uses a different real-world layout (domain.md §8). Seeded: the same seed
// always gives the same cell contents.

import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CATALOGS, normalizeName } from '@jianzheng/core';
import ExcelJS from 'exceljs';
import { COMMON_RETAINED, DEPARTMENTS } from './departments.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_SEED = 20180904;

// ---------------------------------------------------------------------------------------------
// Names departments use for licences a 2018 city could already read from shared databases.
// `licence` marks the ones a licence-proof certificate (户籍证明 …) can be replaced by.
const SHARED_LICENCES = {
  id: {
    names: ['居民身份证', '居民身份证', '身份证', '二代身份证'],
    issuer: '公安机关',
    licence: ['居民身份证', '身份证'],
  },
  hukou: {
    names: ['居民户口簿', '户口簿', '户口本'],
    issuer: '公安机关',
    licence: ['居民户口簿', '户口簿', '户口本'],
  },
  business: {
    names: ['营业执照', '营业执照', '企业营业执照'],
    issuer: '市场监督管理部门',
    licence: ['营业执照'],
  },
  selfEmployed: { names: ['个体工商户营业执照'], issuer: '市场监督管理部门' },
  // 组织机构代码证 and 税务登记证 went into the 营业执照 with 三证合一 (LICENCE_PROOFS.business).
  credit: {
    names: ['统一社会信用代码证书', '统一社会信用代码证书', '统一社会信用代码证书'],
    issuer: '登记管理机关',
  },
  marriage: { names: ['结婚证', '结婚证', '婚姻登记证'], issuer: '婚姻登记机关', licence: ['结婚证'] },
  divorce: { names: ['离婚证'], issuer: '婚姻登记机关' },
  // 出生证明 and 死亡证明 are the village certificates of 民发〔2020〕20号, not these licences.
  birth: { names: ['出生医学证明', '出生医学证明', '出生证'], issuer: '助产机构' },
  property: {
    names: ['不动产权证书', '房屋所有权证', '房产证', '土地使用权证'],
    issuer: '不动产登记机构',
    licence: ['不动产权证书', '房产证'],
  },
  insurance: { names: ['社会保险参保证明', '社保缴费证明', '养老保险缴费证明'], issuer: '社会保险经办机构' },
  residence: { names: ['居住证'], issuer: '公安机关' },
  vehicle: { names: ['机动车行驶证', '行驶证'], issuer: '公安机关交通管理部门' },
  driving: {
    names: ['机动车驾驶证', '驾驶证'],
    issuer: '公安机关交通管理部门',
    licence: ['机动车驾驶证', '驾驶证'],
  },
  death: { names: ['死亡医学证明', '居民死亡医学证明书', '死亡医学证明'], issuer: '医疗机构' },
  disability: { names: ['残疾人证'], issuer: '残疾人联合会' },
  subsistence: { names: ['最低生活保障证', '低保证'], issuer: '民政部门' },
  tax: { names: ['纳税证明', '完税证明'], issuer: '税务机关' },
  education: { names: ['学历证书', '毕业证书', '学历证明'], issuer: '学校' },
};

/** Certificates whose content a licence already in the same item proves. */
const LICENCE_PROOFS = {
  id: ['身份证明', '身份证明材料'],
  hukou: ['户籍证明', '户口证明'],
  marriage: ['婚姻关系证明', '夫妻关系证明'],
  property: ['房屋产权证明', '房产证明', '住房证明'],
  business: ['企业法人资格证明', '法人资格证明', '组织机构代码证', '税务登记证'],
  driving: ['驾驶资格证明'],
};

/** Which shared licences each department's items typically ask for, most frequent first. */
const SHARED_PREFERENCES = {
  police: [
    'id',
    'hukou',
    'id',
    'hukou',
    'driving',
    'vehicle',
    'residence',
    'birth',
    'marriage',
    'death',
    'property',
    'education',
    'business',
  ],
  hrss: [
    'id',
    'hukou',
    'insurance',
    'business',
    'credit',
    'education',
    'death',
    'marriage',
    'residence',
    'disability',
  ],
  civil: [
    'id',
    'hukou',
    'marriage',
    'divorce',
    'subsistence',
    'death',
    'disability',
    'property',
    'birth',
    'residence',
  ],
  health: ['id', 'business', 'education', 'birth', 'marriage', 'hukou', 'credit', 'property', 'insurance'],
  housing: ['id', 'business', 'property', 'hukou', 'marriage', 'credit', 'insurance', 'tax', 'residence'],
  market: ['id', 'business', 'credit', 'selfEmployed', 'property', 'education', 'tax', 'hukou'],
  education: ['id', 'hukou', 'education', 'residence', 'subsistence', 'birth', 'disability', 'property'],
  land: ['id', 'property', 'hukou', 'marriage', 'business', 'death', 'divorce', 'tax', 'credit'],
  transport: ['id', 'business', 'driving', 'vehicle', 'credit', 'hukou', 'residence', 'education'],
  justice: [
    'id',
    'hukou',
    'education',
    'business',
    'marriage',
    'death',
    'birth',
    'subsistence',
    'disability',
  ],
  disabled: ['id', 'hukou', 'disability', 'subsistence', 'residence', 'education', 'business', 'insurance'],
};

/** Statements an applicant can promise in writing instead of fetching a certificate. */
const COMMITMENT_NAMES = [
  '无房证明',
  '居住证明',
  '经营场所证明',
  '遗失声明',
  '未再婚证明',
  '单身证明',
  '无住房证明',
  '实际居住证明',
  '住所使用证明',
  '场地使用证明',
  '登报遗失声明',
  '未婚证明',
  '无违法犯罪记录承诺',
];

/** Certificates villages and neighbourhood committees were asked for: 民发〔2020〕20号's list. */
const VILLAGE_CERTIFICATES = [
  '亲属关系证明',
  '婚姻状况证明',
  '居民财产证明',
  '居民就业状况证明',
  '健在证明',
  '疾病状况证明',
  '证件遗失证明',
  '出生证明',
  '居民身份信息证明',
  '无犯罪记录证明',
];
const VILLAGE_ISSUERS = ['户籍所在地村（居）委会', '社区居委会', '村民委员会', '居民委员会', '所在社区'];

const GENERIC_UNNECESSARY = ['单位介绍信', '申请人简历', '工作单位证明', '个人自传', '邻居证明'];
const GENERIC_NO_BASIS = ['社区证明', '单位证明', '村委会证明', '担保书', '街道办事处证明', '派出所证明'];
const GENERIC_SUPERIOR = [
  ['计划生育证明', '皖政办秘〔2018〕247号'],
  ['婚育情况证明', '皖政办秘〔2018〕247号'],
];
const GENERIC_INTERNAL = ['原审批决定书', '本部门既往许可证件', '年度审验记录', '本部门登记档案'];
const LEGAL_NONE = ['无', '暂无', '无', '/', '—', '无依据', '没有', '-'];

// ---------------------------------------------------------------------------------------------
// Seeded randomness (mulberry32): the same seed gives the same workbooks.
function prng(seed) {
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

/** Splits `total` materials over `count` items: sizes between 5 and 18, each item ≥ 5. */
function itemSizes(total, count, rng) {
  const sizes = Array.from({ length: count }, () => 5 + rng.int(11));
  let sum = sizes.reduce((a, b) => a + b, 0);
  while (sum !== total) {
    const i = rng.int(count);
    if (sum < total && sizes[i] < 18) {
      sizes[i]++;
      sum++;
    } else if (sum > total && sizes[i] > 5) {
      sizes[i]--;
      sum--;
    }
  }
  return sizes;
}

const KINDS = ['superior', 'noBasis', 'duplicate', 'unnecessary', 'sharing', 'internal', 'commitment'];
// Naming order inside an item: a repeated material needs its first occurrence named first.
const NAMING_ORDER = [
  'sharing',
  'superior',
  'noBasis',
  'unnecessary',
  'internal',
  'commitment',
  'retain',
  'duplicate',
];

/** Which columns a layout has, hence which facts a department could write down. */
const LAYOUT_COLUMNS = {
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

const METHODS = {
  sharing: (source) => `通过${source}共享核验`,
  internal: () => '由本部门内部查询核实',
  commitment: () => '改为申请人书面承诺，事中事后核查',
  noBasis: () => '无设定依据，直接取消',
  unnecessary: () => '非办事必要条件，不再索要',
  duplicate: () => '与同一事项其他材料重复，合并提交',
  superior: () => '依据上级文件取消',
};

// ---------------------------------------------------------------------------------------------
// The data set: departments → items → materials with their facts.

function buildDepartment(dept, index, seed) {
  const rng = prng(seed + index * 7919);
  const columns = LAYOUT_COLUMNS[dept.layout];
  const itemDefs = dept.items ?? dept.sheets.flatMap((s) => s.items.map((it) => [...it, s.name]));
  const { plan } = dept;
  if (itemDefs.length !== plan.items)
    throw new Error(`${dept.name}: ${itemDefs.length} items, plan ${plan.items}`);
  const sizes = itemSizes(plan.materials, plan.items, rng);

  // One slot per material except each item's own application form.
  const bag = [];
  for (const kind of KINDS) for (let i = 0; i < plan[kind]; i++) bag.push(kind);
  const retained = plan.materials - plan.items - bag.length;
  for (let i = 0; i < retained; i++) bag.push('retain');
  rng.shuffle(bag);
  const slots = [];
  let at = 0;
  for (const size of sizes) {
    slots.push(bag.slice(at, at + size - 1));
    at += size - 1;
  }
  // At most two repeated materials per item, so each has a first occurrence to repeat.
  for (let i = 0; i < slots.length; i++) {
    while (slots[i].filter((k) => k === 'duplicate').length > 2) {
      const j = rng.int(slots.length);
      const k = slots[j].indexOf('retain');
      if (j === i || k < 0 || slots[j].filter((x) => x === 'duplicate').length >= 2) continue;
      const d = slots[i].indexOf('duplicate');
      slots[j][k] = 'duplicate';
      slots[i][d] = 'retain';
    }
  }

  // 告知承诺 does not apply in the domains 国办发〔2020〕42号 excludes (食品, 药品, 危险货物 …): a
  // department proposes commitments for its other items.
  const excluded = itemDefs.map(([name]) => excludedFromCommitment(name, dept.name));
  for (let i = 0; i < slots.length; i++) {
    if (!excluded[i]) continue;
    for (let c = slots[i].indexOf('commitment'); c >= 0; c = slots[i].indexOf('commitment')) {
      const j = rng.int(slots.length);
      const k = slots[j].indexOf('retain');
      if (excluded[j] || k < 0) continue;
      slots[j][k] = 'commitment';
      slots[i][c] = 'retain';
    }
  }

  const items = itemDefs.map(([name, type, sheet], i) => {
    const code = `3413${String(index + 1).padStart(2, '0')}${String(i + 1).padStart(3, '0')}`;
    const item = { name, type, sheet, code, position: i / Math.max(1, itemDefs.length - 1), materials: [] };
    buildItem(dept, columns, item, slots[i], rng);
    return item;
  });
  return { ...dept, columns, items };
}

// The keywords of the default 42号文 exclusions, as the engine matches them (normalized names).
const EXCLUSION_KEYWORDS = DEFAULT_CATALOGS.commitmentExclusions
  .flatMap((e) => e.keywords ?? [])
  .map(normalizeName);
const excludedFromCommitment = (itemName, department) =>
  EXCLUSION_KEYWORDS.some(
    (k) => normalizeName(itemName).includes(k) || normalizeName(department).includes(k),
  );

// Bigrams too common to say what a material is about.
const COMMON_BIGRAMS = new Set(
  '登记 申请 请表 请书 证明 管理 许可 条例 办法 规定 中华 华人 人民 民共 共和 和国 居民 服务 行政 机构 实施 变更 注销 延续 设立 核发 审批 补发 换发 材料 资格'.split(
    ' ',
  ),
);
const bigrams = (text) => {
  const set = new Set();
  for (let i = 0; i + 1 < text.length; i++) {
    const pair = text.slice(i, i + 2);
    if (!COMMON_BIGRAMS.has(pair)) set.add(pair);
  }
  return set;
};

/** The entries of `list` that share wording with the item's name, best first. */
function relevant(list, itemName) {
  const own = bigrams(itemName);
  return list
    .map((entry) => [
      entry,
      [...bigrams(Array.isArray(entry) ? entry[0] : entry)].filter((b) => own.has(b)).length,
    ])
    .filter(([, score]) => score > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([entry]) => entry);
}

/** A 设定依据 citing a law that fits the item when there is one. */
function law(dept, rng, itemName) {
  const fitting = itemName ? relevant(dept.laws, itemName) : [];
  const source = fitting.length && rng.chance(0.8) ? fitting.slice(0, 2) : dept.laws;
  return `${rng.pick(source)}第${1 + rng.int(60)}条`;
}

function proposalFor(dept, rng, { cancelled, explicit }) {
  const p = dept.proposal;
  if (!p) return { proposal: '' };
  if (rng.chance(p.blank)) return { proposal: '' };
  if (cancelled) {
    const keep = rng.next() >= (explicit ? p.cancelWhenExplicit : p.cancelWhenDerived);
    return { proposal: keep ? '保留' : rng.pick(['取消', '拟取消', '建议取消', '取消']) };
  }
  return rng.chance(p.retainKept) ? { proposal: '保留' } : { proposal: rng.pick(['拟取消', '建议取消']) };
}

function buildItem(dept, columns, item, kinds, rng) {
  const used = new Set(); // base names in this item (they differ once normalized)
  const usedShared = new Set();
  const sharedKeys = SHARED_PREFERENCES[dept.key];
  const materials = [];
  // Prefer materials whose wording fits the item (机动车… for 机动车注册登记), as real lists do.
  const fresh = (list) => {
    const free = list.filter((n) => !used.has(n));
    if (!free.length) return undefined;
    const fitting = relevant(free, item.name);
    if (fitting.length && rng.chance(0.75)) return rng.pick(fitting.slice(0, 4));
    // Pools list materials in the order of the items they belong to: stay near this item's place.
    const centre = Math.round(item.position * (list.length - 1));
    const near = free.filter((n) => Math.abs(list.indexOf(n) - centre) <= 4);
    return rng.pick(near.length && rng.chance(0.8) ? near : free);
  };
  const take = (name) => {
    used.add(name);
    return name;
  };
  const base = (extra) => ({
    source: '申请人自备',
    issuer: '',
    legalBasis: law(dept, rng, item.name),
    necessary: columns.necessary && rng.chance(0.7) ? 'yes' : '',
    shareable: columns.shareable && rng.chance(0.3) ? 'no' : '',
    internalQuery: columns.internalQuery && rng.chance(0.3) ? 'no' : '',
    commitment: columns.commitment && rng.chance(0.3) ? 'no' : '',
    superior: rng.chance(0.25) ? '否' : '',
    method: '',
    notes: '',
    ...extra,
  });

  // Every item starts with its own application form.
  const formName = rng.pick(
    item.name.endsWith('登记')
      ? [`${item.name}申请表`, `${item.name}申请书`]
      : [`${item.name}申请表`, `${item.name}申请书`, `${item.name}登记表`],
  );
  materials.push({
    kind: 'form',
    name: take(formName),
    ...base({}),
    ...proposalFor(dept, rng, { cancelled: false }),
  });

  const order = [...kinds].sort((a, b) => NAMING_ORDER.indexOf(a) - NAMING_ORDER.indexOf(b));
  for (const kind of order) {
    const m = nameMaterial(kind, {
      dept,
      columns,
      item,
      rng,
      fresh,
      take,
      base,
      used,
      usedShared,
      sharedKeys,
      materials,
    });
    materials.push(m);
  }
  // Applicants read materials in a natural order: form first, then the rest shuffled, with a
  // repeated material always after the one it repeats.
  const [form, ...rest] = materials;
  rng.shuffle(rest);
  const ordered = [form];
  const pending = rest.filter((m) => !m.repeats);
  const repeats = rest.filter((m) => m.repeats);
  for (const m of pending) ordered.push(m);
  for (const r of repeats) {
    const baseAt = ordered.indexOf(r.repeats);
    const at = baseAt + 1 + rng.int(ordered.length - baseAt);
    ordered.splice(at, 0, r);
  }
  item.materials = ordered;
}

function nameMaterial(kind, ctx) {
  const { dept, columns, rng, fresh, take, base, usedShared, sharedKeys, materials } = ctx;
  switch (kind) {
    case 'sharing': {
      if (columns.shareable && dept.sharedExplicit.length && rng.chance(0.35)) {
        const name = fresh(dept.sharedExplicit);
        if (name) {
          return {
            kind,
            name: take(name),
            ...base({ source: '政府部门核发', issuer: rng.pick(['相关部门', '政府部门']), shareable: 'yes' }),
            method: columns.method ? METHODS.sharing('政务信息共享平台') : '',
            ...proposalFor(dept, rng, { cancelled: true, explicit: true }),
          };
        }
      }
      const key =
        sharedKeys.find((k) => !usedShared.has(k) && rng.chance(0.55)) ??
        sharedKeys.find((k) => !usedShared.has(k)) ??
        Object.keys(SHARED_LICENCES).find((k) => !usedShared.has(k));
      usedShared.add(key);
      const entry = SHARED_LICENCES[key];
      const explicit = columns.shareable && rng.chance(0.3);
      return {
        kind,
        sharedKey: key,
        name: take(rng.pick(entry.names)),
        ...base({ source: '政府部门核发', issuer: entry.issuer, shareable: explicit ? 'yes' : '' }),
        method: columns.method && rng.chance(0.6) ? METHODS.sharing('人口、法人等基础信息库') : '',
        ...proposalFor(dept, rng, { cancelled: true, explicit }),
      };
    }
    case 'superior': {
      const [name, reference] = [...dept.superior, ...GENERIC_SUPERIOR].find(([n]) => !ctx.used.has(n));
      return {
        kind,
        name: take(name),
        ...base({ source: '政府部门核发', issuer: rng.pick(dept.issuers), superior: reference }),
        method: columns.method ? METHODS.superior() : '',
        ...proposalFor(dept, rng, { cancelled: true, explicit: true }),
      };
    }
    case 'noBasis': {
      const name = fresh(dept.noBasis) ?? fresh(GENERIC_NO_BASIS);
      const blank = rng.chance(0.12);
      return {
        kind,
        name: take(name),
        ...base({ source: '其他', issuer: '', legalBasis: blank ? '' : rng.pick(LEGAL_NONE) }),
        method: columns.method ? METHODS.noBasis() : '',
        ...proposalFor(dept, rng, { cancelled: true, explicit: true }),
      };
    }
    case 'unnecessary': {
      const explicitPool = [...dept.unnecessary, ...GENERIC_UNNECESSARY];
      if (columns.necessary && rng.chance(0.7)) {
        const name = fresh(explicitPool);
        if (name) {
          return {
            kind,
            name: take(name),
            ...base({ source: '其他', necessary: 'no' }),
            method: columns.method ? METHODS.unnecessary() : '',
            ...proposalFor(dept, rng, { cancelled: true, explicit: true }),
          };
        }
      }
      const name = fresh(VILLAGE_CERTIFICATES);
      return {
        kind,
        name: take(name),
        ...base({
          source: '其他',
          issuer: rng.pick(VILLAGE_ISSUERS),
          necessary: columns.necessary && rng.chance(0.4) ? 'yes' : '',
        }),
        ...proposalFor(dept, rng, { cancelled: true, explicit: false }),
      };
    }
    case 'internal': {
      const free = dept.internal.filter(([n]) => !ctx.used.has(n));
      let [name, issuer] = free.length ? rng.pick(free) : [fresh(GENERIC_INTERNAL), dept.name];
      const explicit = columns.internalQuery && (issuer !== dept.name || rng.chance(0.45));
      if (!explicit) issuer = dept.name;
      return {
        kind,
        name: take(name),
        ...base({
          source: '政府部门核发',
          issuer,
          internalQuery: explicit ? 'yes' : '',
          shareable: columns.shareable && rng.chance(0.4) ? 'no' : '',
        }),
        method: columns.method ? METHODS.internal() : '',
        ...proposalFor(dept, rng, { cancelled: true, explicit }),
      };
    }
    case 'commitment': {
      if (columns.commitment && dept.commitmentExplicit.length && rng.chance(0.5)) {
        const name = fresh(dept.commitmentExplicit);
        if (name) {
          return {
            kind,
            name: take(name),
            ...base({ commitment: 'yes', internalQuery: '' }),
            method: columns.method ? METHODS.commitment() : '',
            ...proposalFor(dept, rng, { cancelled: true, explicit: true }),
          };
        }
      }
      const name = fresh(COMMITMENT_NAMES);
      return {
        kind,
        name: take(name),
        ...base({ commitment: columns.commitment && rng.chance(0.25) ? 'yes' : '', internalQuery: '' }),
        method: columns.method && rng.chance(0.5) ? METHODS.commitment() : '',
        ...proposalFor(dept, rng, { cancelled: true, explicit: false }),
      };
    }
    case 'retain': {
      // Now and then a licence the office must see in the original: shared data, but 否.
      if (columns.shareable && rng.chance(0.05)) {
        const key = sharedKeys.find((k) => !usedShared.has(k));
        if (key) {
          usedShared.add(key);
          const entry = SHARED_LICENCES[key];
          return {
            kind,
            sharedKey: key,
            name: take(entry.names[0]),
            ...base({
              source: '政府部门核发',
              issuer: entry.issuer,
              shareable: 'no',
              necessary: columns.necessary ? 'yes' : '',
            }),
            notes: '需当场核验原件',
            ...proposalFor(dept, rng, { cancelled: false }),
          };
        }
      }
      if (columns.commitment && rng.chance(0.02)) {
        const name = fresh(COMMITMENT_NAMES);
        if (name) {
          return {
            kind,
            name: take(name),
            ...base({ commitment: 'no' }),
            notes: '涉及重大公共利益，不适用告知承诺',
            ...proposalFor(dept, rng, { cancelled: false }),
          };
        }
      }
      const name = fresh(dept.retained) ?? fresh(COMMON_RETAINED) ?? `${ctx.item.name}相关证明材料`;
      return {
        kind,
        name: take(name),
        ...base({ issuer: rng.chance(0.2) ? rng.pick(dept.issuers) : '' }),
        ...proposalFor(dept, rng, { cancelled: false }),
      };
    }
    case 'duplicate': {
      const licences = materials.filter(
        (m) =>
          m.kind === 'sharing' &&
          LICENCE_PROOFS[m.sharedKey] &&
          SHARED_LICENCES[m.sharedKey].licence.includes(m.name),
      );
      if (licences.length && rng.chance(0.5)) {
        const licence = rng.pick(licences);
        const name = fresh(LICENCE_PROOFS[licence.sharedKey]);
        if (name) {
          return {
            kind,
            name: take(name),
            ...base({ source: '政府部门核发', issuer: rng.pick(dept.issuers) }),
            method: columns.method ? METHODS.duplicate() : '',
            ...proposalFor(dept, rng, { cancelled: true, explicit: false }),
          };
        }
      }
      const bases = materials.filter(
        (m) => ['sharing', 'retain', 'internal', 'commitment', 'form'].includes(m.kind) && !m.repeated,
      );
      const preferred = bases.filter((m) => m.kind !== 'form');
      const first = rng.pick(preferred.length ? preferred : bases);
      first.repeated = true;
      // The department listed the same material twice: once as the original, once as a copy. A
      // shared licence demanded as 原件 would stay to be shown (现场核验原件), so there the first
      // listing keeps the copy-or-nothing forms of shared licences and the repeat is a copy.
      if (first.kind !== 'sharing') first.form = '原件';
      return {
        kind,
        repeats: first,
        name: first.name,
        form: rng.pick(['复印件', '（复印件）']),
        ...base({ source: first.source, issuer: first.issuer }),
        method: columns.method ? METHODS.duplicate() : '',
        ...proposalFor(dept, rng, { cancelled: true, explicit: false }),
      };
    }
    default:
      throw new Error(`unknown kind ${kind}`);
  }
}

export function buildDataset(seed = DEFAULT_SEED) {
  return DEPARTMENTS.map((dept, i) => buildDepartment(dept, i, seed));
}

// ---------------------------------------------------------------------------------------------
// Layouts (domain.md §8). Each department writes its list the way its office does.

const YES_NO = {
  plain: { yes: '是', no: '否' },
  can: { yes: '能', no: '不能' },
  may: { yes: '可以', no: '不可以' },
  needed: { yes: '必要', no: '非必要' },
  tick: { yes: '√', no: '×' },
  letter: { yes: 'Y', no: 'N' },
};

const FULL_WIDTH_DIGITS = '０１２３４５６７８９';
const fullWidth = (n) =>
  String(n)
    .split('')
    .map((d) => FULL_WIDTH_DIGITS[Number(d)])
    .join('');
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const CHINESE_NUMBERS = [
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
  '十六',
  '十七',
  '十八',
];

/** The material name as the department typed it: list numbers and 原件/复印件 forms around the name. */
function displayName(m, position, style, rng) {
  let name = m.name;
  if (m.kind === 'form') name = rng.chance(0.5) ? `《${name}》` : name;
  const form =
    m.form ??
    (m.kind === 'sharing' && rng.chance(0.6)
      ? // Copies only: sharing waives copies, while an original would be shown (domain.md §4).
        rng.pick(['（复印件）', '复印件', '复印件', '（复印件）'])
      : '');
  const formText = form === '原件' ? rng.pick(['（原件）', '原件']) : form;
  const number =
    style === 'dot'
      ? `${position}.`
      : style === 'comma'
        ? `${position}、`
        : style === 'full'
          ? `${fullWidth(position)}．`
          : style === 'circled'
            ? (CIRCLED[position - 1] ?? `${position}、`)
            : style === 'paren'
              ? `（${CHINESE_NUMBERS[position - 1] ?? position}）`
              : '';
  return { number, name, form: formText };
}

const COLUMN_SETS = {
  police: [
    ['serial', '序号', 6],
    ['itemCode', '事项编码', 12],
    ['itemName', '事项名称', 24],
    ['itemType', '事项类型', 10],
    ['name', '材料名称', 30],
    ['source', '材料来源', 12],
    ['issuer', '开具单位', 16],
    ['legalBasis', '设定依据', 36],
    ['necessary', '是否必要', 8],
    ['shareable', '可共享获取', 8],
    ['internalQuery', '可内部查询', 8],
    ['commitment', '可告知承诺', 8],
    ['superior', '上级已取消', 14],
    ['proposal', '清理意见', 10],
    ['method', '取消方式', 24],
    ['notes', '备注', 16],
  ],
  'sheet-name': [
    ['serial', '序号', 6],
    ['itemName', '事项名称', 24],
    ['itemType', '事项类型', 10],
    ['name', '材料名称', 30],
    ['source', '材料来源', 12],
    ['issuer', '开具单位', 16],
    ['legalBasis', '设定依据', 36],
    ['necessary', '是否必要', 8],
    ['shareable', '可共享获取', 8],
    ['commitment', '可告知承诺', 8],
    ['superior', '上级已取消', 14],
    ['proposal', '清理意见', 10],
    ['notes', '备注', 16],
  ],
  aliases: [
    ['serial', '编号', 6],
    ['department', '实施机关', 22],
    ['itemName', '政务服务事项名称', 24],
    ['itemType', '类型', 10],
    ['name', '证明材料名称', 30],
    ['source', '来源', 12],
    ['issuer', '出具单位', 16],
    ['legalBasis', '法律依据', 36],
    ['necessary', '必要性', 8],
    ['shareable', '能否通过信息共享获取', 10],
    ['internalQuery', '能否部门内部查询', 10],
    ['commitment', '能否告知承诺', 10],
    ['superior', '上级取消依据', 14],
    ['proposal', '部门意见', 10],
    ['method', '取消后办理方式', 24],
    ['notes', '说明', 16],
  ],
  rich: [
    ['serial', '序号', 6],
    ['itemCode', '事项编码', 12],
    ['itemName', '事项名称', 24],
    ['name', '材料名称', 30],
    ['source', '材料来源', 12],
    ['issuer', '开具单位', 16],
    ['legalBasis', '设定依据', 36],
    ['necessary', '是否必要', 8],
    ['shareable', '可共享获取', 8],
    ['internalQuery', '可内部查询', 8],
    ['commitment', '可告知承诺', 8],
    ['superior', '上级已取消', 14],
    ['proposal', '清理意见', 10],
  ],
  flat: [
    ['serial', '序号', 6],
    ['department', '实施部门', 20],
    ['itemCode', '事项编码', 12],
    ['itemName', '事项名称', 24],
    ['itemType', '事项类型', 10],
    ['name', '材料名称', 30],
    ['source', '材料来源', 12],
    ['issuer', '开具单位', 16],
    ['legalBasis', '设定依据', 36],
    ['necessary', '是否必要', 8],
    ['shareable', '可共享获取', 8],
    ['internalQuery', '可内部查询', 8],
    ['commitment', '可告知承诺', 8],
    ['superior', '上级已取消', 14],
    ['proposal', '清理意见', 10],
    ['method', '取消方式', 24],
  ],
  'dept-column': [
    ['serial', '序号', 6],
    ['department', '部门', 12],
    ['itemName', '办理事项', 24],
    ['itemType', '事项类型', 10],
    ['name', '申请材料', 30],
    ['source', '来源', 12],
    ['issuer', '核发单位', 16],
    ['legalBasis', '依据', 36],
    ['necessary', '是否必要', 8],
    ['shareable', '信息共享', 8],
    ['internalQuery', '内部查询', 8],
    ['commitment', '告知承诺', 8],
    ['superior', '上级已取消', 14],
    ['proposal', '处理意见', 10],
  ],
  'blank-rows': [
    ['serial', '序号', 6],
    ['itemCode', '实施编码', 12],
    ['itemName', '事项名称', 30],
    ['itemType', '事项类型', 10],
    ['name', '材料名称', 30],
    ['source', '材料来源', 12],
    ['issuer', '发证机关', 16],
    ['legalBasis', '设定及保留依据', 36],
    ['necessary', '是否必要', 8],
    ['shareable', '能否通过信息共享获取', 10],
    ['internalQuery', '能否部门内部查询', 10],
    ['commitment', '能否告知承诺', 10],
    ['superior', '上级已取消', 14],
    ['proposal', '清理意见', 10],
    ['method', '取消后办理方式', 24],
    ['notes', '备注', 16],
  ],
  footers: [
    ['serial', '序号', 6],
    ['itemCode', '事项编码', 12],
    ['itemName', '事项名称', 26],
    ['itemType', '事项类型', 10],
    ['name', '材料名称', 30],
    ['source', '材料来源', 12],
    ['issuer', '开具单位', 16],
    ['legalBasis', '设定依据', 36],
    ['necessary', '是否必要', 8],
    ['shareable', '可共享获取', 8],
    ['internalQuery', '可内部查询', 8],
    ['commitment', '可告知承诺', 8],
    ['superior', '上级已取消', 14],
    ['proposal', '清理意见', 10],
    ['notes', '备注', 16],
  ],
  'no-proposal': [
    ['serial', '序号', 6],
    ['itemName', '事项名称', 26],
    ['name', '材料名称', 30],
    ['issuer', '开具单位', 16],
    ['legalBasis', '设定依据', 36],
    ['necessary', '是否必要', 8],
    ['commitment', '可告知承诺', 8],
    ['superior', '上级已取消', 14],
    ['notes', '备注', 16],
  ],
  minimal: [
    ['department', '单位', 16],
    ['itemName', '事项名称', 26],
    ['name', '材料名称', 30],
    ['issuer', '开具单位', 16],
    ['legalBasis', '设定依据', 36],
    ['superior', '上级取消依据', 14],
    ['proposal', '清理意见', 10],
  ],
};

/** Per layout: how yes/no is spelled, how items and names look, what surrounds the table. */
const LAYOUTS = {
  police: {
    columns: COLUMN_SETS.police,
    yesNo: { necessary: 'plain', shareable: 'plain', internalQuery: 'plain', commitment: 'plain' },
    title: (d, sheet) => `${d.name}政务服务事项申请材料清理表（${sheet}）`,
    fillLine: (d) => `填报单位：${d.name}　　　　填报日期：2018年6月20日`,
    items: 'merge',
    numbering: 'comma',
    instructions: true,
    footers: [
      '注：1.材料来源填写申请人自备、政府部门核发、中介机构出具或其他；2.“上级已取消”栏填写上级取消文件文号。',
    ],
  },
  'two-row': {
    twoRow: true,
    yesNo: { necessary: 'needed', shareable: 'can', internalQuery: 'can', commitment: 'can' },
    title: () => '宿州市市级政务服务事项申请材料清理审核表',
    items: 'blank',
    numbering: '',
    footers: ['填表说明：本表由各单位法制机构审核后报市编办。'],
  },
  'sheet-name': {
    columns: COLUMN_SETS['sheet-name'],
    sheetName: (d) => d.name,
    yesNo: { necessary: 'plain', shareable: 'plain', internalQuery: 'plain', commitment: 'plain' },
    title: () => '政务服务事项申请材料清单',
    items: 'blank',
    blankRowBetweenItems: true,
    numbering: 'dot',
    instructions: true,
    footers: [],
  },
  aliases: {
    columns: COLUMN_SETS.aliases,
    yesNo: { necessary: 'plain', shareable: 'may', internalQuery: 'may', commitment: 'may' },
    title: (d) => `${d.name}申请材料梳理情况`,
    items: 'repeat',
    serialPerMaterial: true,
    numbering: 'full',
    footers: [],
  },
  rich: {
    columns: COLUMN_SETS.rich,
    yesNo: { necessary: 'tick', shareable: 'tick', internalQuery: 'tick', commitment: 'tick' },
    fillLine: (d) => `填报单位：${d.name}　填报日期：2018年6月25日`,
    items: 'merge',
    numericCode: true,
    richText: true,
    numbering: 'circled',
    footers: ['注：√表示是，×表示否。'],
  },
  flat: {
    columns: COLUMN_SETS.flat,
    yesNo: { necessary: 'letter', shareable: 'letter', internalQuery: 'letter', commitment: 'letter' },
    items: 'repeat',
    serialPerMaterial: true,
    formulaSerial: true,
    numbering: '',
    footers: [],
  },
  'dept-column': {
    columns: COLUMN_SETS['dept-column'],
    yesNo: { necessary: 'plain', shareable: 'can', internalQuery: 'can', commitment: 'can' },
    title: (d) => `${d.name}政务服务事项申请材料目录`,
    items: 'merge',
    mergeDepartment: true,
    numbering: 'paren',
    footers: [],
  },
  'blank-rows': {
    columns: COLUMN_SETS['blank-rows'],
    yesNo: { necessary: 'needed', shareable: 'can', internalQuery: 'can', commitment: 'can' },
    title: () => '政务服务事项申请材料清理情况统计表',
    fillLine: (d) => `填报单位：${d.name}　　　　填报人：王　明　　　　联系电话：0557-3021234`,
    items: 'blank',
    blankRowBetweenItems: true,
    numbering: 'comma',
    footers: ['注：本表一式两份。'],
  },
  footers: {
    columns: COLUMN_SETS.footers,
    yesNo: { necessary: 'letter', shareable: 'letter', internalQuery: 'letter', commitment: 'letter' },
    title: (d) => `${d.name}“减证便民”专项清理申请材料汇总表`,
    fillLine: (d) => `填报单位：${d.name}　　填报日期：2018年6月22日`,
    items: 'merge',
    numbering: 'dot',
    footers: [
      '注：Y表示是，N表示否。',
      '填表说明：1.每项材料单独一行；2.设定依据应写明法律法规名称及条款。',
      '单位负责人（签字）：　　　　　　单位（盖章）：',
    ],
  },
  'no-proposal': {
    columns: COLUMN_SETS['no-proposal'],
    yesNo: { necessary: 'plain', shareable: 'plain', internalQuery: 'plain', commitment: 'plain' },
    title: (d) => `${d.name}政务服务事项申请材料清单`,
    fillLine: (d) => `填报单位：${d.name}`,
    items: 'merge',
    numbering: '',
    footers: [],
  },
  minimal: {
    columns: COLUMN_SETS.minimal,
    yesNo: {},
    items: 'repeat',
    numbering: '',
    footers: [],
  },
};

const TWO_ROW_HEADER = [
  // [group or null, field, header, width]
  [null, 'serial', '序号', 6],
  ['事项基本情况', 'itemCode', '基本编码', 12],
  ['事项基本情况', 'itemName', '政务服务事项名称', 26],
  ['事项基本情况', 'itemType', '事项类别', 10],
  [null, 'name', '申请材料名称', 30],
  ['实施基本情况', 'department', '索要单位', 22],
  ['实施基本情况', 'issuer', '开具单位', 16],
  [null, 'source', '来源', 12],
  [null, 'legalBasis', '设定及保留依据', 36],
  ['清理情况', 'necessary', '必要性', 8],
  ['清理情况', 'shareable', '信息共享', 8],
  ['清理情况', 'internalQuery', '内部查询', 8],
  ['清理情况', 'commitment', '告知承诺', 8],
  ['清理情况', 'superior', '上级取消依据', 14],
  [null, 'proposal', '拟处理意见', 10],
  [null, 'method', '替代方式', 24],
  [null, 'notes', '说明', 16],
];

const INSTRUCTIONS = [
  '填表说明',
  '一、本表按照“谁设定，谁清理”原则，由各单位逐项填写政务服务事项的申请材料。',
  '二、每项申请材料单独一行，同一事项的多项材料可合并单元格填写事项信息。',
  '三、设定依据应写明法律、法规、规章或规范性文件的名称及条款；没有依据的填“无”。',
  '四、是否必要、可共享获取、可内部查询、可告知承诺等栏填“是”或“否”。',
  '五、上级已取消的，在“上级已取消”栏填写上级文件文号。',
  '六、填报截止时间：2018年6月30日。',
];

const THIN = { style: 'thin', color: { argb: 'FF999999' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function addInstructions(workbook) {
  const sheet = workbook.addWorksheet('填表说明');
  sheet.getColumn(1).width = 90;
  INSTRUCTIONS.forEach((line, i) => {
    const cell = sheet.getCell(i + 1, 1);
    cell.value = line;
    if (i === 0) cell.font = { bold: true, size: 14 };
  });
}

function cellValue(field, m, item, dept, layout, ctx) {
  switch (field) {
    case 'serial':
      return ctx.serial;
    case 'department':
      return dept.name;
    case 'itemCode':
      return layout.numericCode ? Number(item.code) : item.code;
    case 'itemName':
      return item.name;
    case 'itemType':
      return item.type;
    case 'name': {
      const { number, name, form } = ctx.display;
      if (layout.richText && (form || number) && ctx.rng.chance(0.5)) {
        return {
          richText: [
            ...(number ? [{ text: number }] : []),
            { text: name, font: { bold: true } },
            ...(form ? [{ text: form, font: { color: { argb: 'FF666666' } } }] : []),
          ],
        };
      }
      const joiner = layout.richText && form && ctx.rng.chance(0.4) ? '\n' : '';
      return `${number}${name}${joiner}${form}`;
    }
    case 'source':
      return m.source === '申请人自备' && ctx.rng.chance(0.3) ? '申请人提供' : m.source;
    case 'issuer':
      return m.issuer;
    case 'legalBasis':
      return layout.richText && m.legalBasis.includes('第') && ctx.rng.chance(0.3)
        ? m.legalBasis.replace('第', '\n第')
        : m.legalBasis;
    case 'necessary':
    case 'shareable':
    case 'internalQuery':
    case 'commitment': {
      const value = m[field];
      if (!value) return '';
      return YES_NO[layout.yesNo[field] ?? 'plain'][value];
    }
    case 'superior':
      return m.superior;
    case 'proposal':
      return m.proposal;
    case 'method':
      return m.method;
    case 'notes':
      return m.notes;
    default:
      return '';
  }
}

const ITEM_FIELDS = new Set(['serial', 'itemCode', 'itemName', 'itemType']);

function writeTable(sheet, dept, items, layout, rng) {
  const columns = layout.twoRow ? TWO_ROW_HEADER.map(([, f, h, w]) => [f, h, w]) : layout.columns;
  const width = columns.length;
  let row = 1;
  if (layout.title) {
    sheet.mergeCells(row, 1, row, width);
    const cell = sheet.getCell(row, 1);
    cell.value = layout.title(dept, ctxSheetName(sheet));
    cell.font = { bold: true, size: 16 };
    cell.alignment = { horizontal: 'center' };
    row++;
  }
  if (layout.fillLine) {
    sheet.mergeCells(row, 1, row, width);
    sheet.getCell(row, 1).value = layout.fillLine(dept);
    row++;
  }
  columns.forEach(([, , w], i) => {
    sheet.getColumn(i + 1).width = w;
  });
  if (layout.twoRow) {
    const groups = new Map();
    TWO_ROW_HEADER.forEach(([group, , header], i) => {
      if (group) {
        const span = groups.get(group) ?? { from: i + 1, to: i + 1 };
        span.to = i + 1;
        groups.set(group, span);
        sheet.getCell(row + 1, i + 1).value = header;
      } else {
        sheet.mergeCells(row, i + 1, row + 1, i + 1);
        sheet.getCell(row, i + 1).value = header;
      }
    });
    for (const [group, { from, to }] of groups) {
      sheet.mergeCells(row, from, row, to);
      sheet.getCell(row, from).value = group;
    }
    for (const r of [row, row + 1]) styleHeader(sheet.getRow(r), width);
    row += 2;
  } else {
    columns.forEach(([, header], i) => {
      sheet.getCell(row, i + 1).value = header;
    });
    styleHeader(sheet.getRow(row), width);
    row++;
  }
  const headerRows = row - 1;
  const fieldIndex = new Map(columns.map(([field], i) => [field, i + 1]));

  let serial = 0;
  items.forEach((item, itemIndex) => {
    const first = row;
    item.materials.forEach((m, position) => {
      serial = layout.serialPerMaterial ? serial + 1 : itemIndex + 1;
      const display = displayName(m, position + 1, layout.numbering, rng);
      const ctx = { serial, display, rng };
      const continuation = position > 0;
      columns.forEach(([field], i) => {
        if (
          continuation &&
          layout.items !== 'repeat' &&
          (ITEM_FIELDS.has(field) || (field === 'department' && layout.mergeDepartment))
        ) {
          return; // blank continuation cell, or part of a merge below
        }
        let value = cellValue(field, m, item, dept, layout, ctx);
        if (field === 'serial' && layout.formulaSerial) {
          value = { formula: `ROW()-${headerRows}`, result: row - headerRows };
        }
        if (value === '' || value === undefined) return;
        sheet.getCell(row, i + 1).value = value;
      });
      const r = sheet.getRow(row);
      for (let c = 1; c <= width; c++) {
        const cell = r.getCell(c);
        cell.border = BORDER;
        cell.alignment = { vertical: 'middle', wrapText: true };
      }
      row++;
    });
    if (layout.items === 'merge' && row - 1 > first) {
      for (const field of [...ITEM_FIELDS, ...(layout.mergeDepartment ? ['department'] : [])]) {
        const col = fieldIndex.get(field);
        if (col) sheet.mergeCells(first, col, row - 1, col);
      }
    }
    if (layout.blankRowBetweenItems && itemIndex < items.length - 1) row++;
  });
  if (layout.footers.length) row++;
  for (const line of layout.footers) {
    sheet.mergeCells(row, 1, row, width);
    sheet.getCell(row, 1).value = line;
    row++;
  }
  sheet.views = [{ state: 'frozen', ySplit: headerRows }];
}

function ctxSheetName(sheet) {
  return sheet.name;
}

function styleHeader(row, width) {
  for (let c = 1; c <= width; c++) {
    const cell = row.getCell(c);
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  }
}

const FIXED_DATE = new Date(Date.UTC(2018, 5, 30, 8, 0, 0));

export async function writeDepartmentWorkbook(dept, outDir, seed = DEFAULT_SEED) {
  const layout = LAYOUTS[dept.layout];
  const rng = prng(seed ^ 0x5a17 ^ dept.name.length);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = dept.name;
  workbook.lastModifiedBy = dept.name;
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  if (layout.instructions) addInstructions(workbook);
  if (dept.sheets) {
    for (const spec of dept.sheets) {
      const sheet = workbook.addWorksheet(spec.name);
      writeTable(
        sheet,
        dept,
        dept.items.filter((item) => item.sheet === spec.name),
        layout,
        rng,
      );
    }
  } else {
    const sheet = workbook.addWorksheet(layout.sheetName ? layout.sheetName(dept) : '申请材料');
    writeTable(sheet, dept, dept.items, layout, rng);
  }
  const path = join(outDir, dept.file);
  await workbook.xlsx.writeFile(path);
  return path;
}

export async function generate({ outDir = HERE, seed = DEFAULT_SEED } = {}) {
  mkdirSync(outDir, { recursive: true });
  const dataset = buildDataset(seed);
  const files = [];
  for (const dept of dataset) files.push(await writeDepartmentWorkbook(dept, outDir, seed));
  return files;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const outDir = resolve(option('--out') ?? HERE);
  const seed = option('--seed') ? Number(option('--seed')) : DEFAULT_SEED;
  const files = await generate({ outDir, seed });
  for (const file of files) console.log(file);
}
