// The cells a department writes for each chosen material: 材料来源, 开具单位, 设定依据, the yes/no
// columns its layout has, 上级已取消, its own 清理意见 and 取消方式. Facts only: the engine decides.

import { normalizeName } from '@jianzheng/core';
import {
  COMMITMENT_NAMES,
  chooseMaterials,
  DEFAULT_SEED,
  DEPARTMENTS,
  FIRST_BATCH_TARGET,
  itemsOf,
  LAYOUT_COLUMNS,
  LEGAL_NONE,
  LICENCE_ISSUERS,
  prng,
  SHARED,
  sourceOf,
  VILLAGE_ISSUERS,
} from './dataset.mjs';
import { programmeDepartments, REST_TARGET } from './programme.mjs';

const METHODS = {
  sharing: (source) => `通过${source}共享核验`,
  internal: () => '由本部门内部查询核实',
  commitment: () => '改为申请人书面承诺，事中事后核查',
  noBasis: () => '无设定依据，直接取消',
  unnecessary: () => '非办事必要条件，不再索要',
  duplicate: () => '与同一事项其他材料重复，合并提交',
  superior: () => '依据上级文件取消',
};

function proposalFor(dept, rng, { cancelled, explicit }) {
  const p = dept.proposal;
  if (!p) return '';
  if (rng.chance(p.blank)) return '';
  if (cancelled) {
    const keep = rng.next() >= (explicit ? p.cancelWhenExplicit : p.cancelWhenDerived);
    return keep ? '保留' : rng.pick(['取消', '拟取消', '建议取消', '取消']);
  }
  return rng.chance(p.retainKept) ? '保留' : rng.pick(['拟取消', '建议取消']);
}

const COPY_FORMS = ['（复印件）', '复印件', '复印件', '（复印件）'];

/** One material row: the chosen material with the facts its department wrote. */
function cellsFor(chosen, item, dept, columns, rng) {
  const { spec, outcome } = chosen;
  const basis = rng.chance(0.7) ? item.basis[0] : rng.pick(item.basis);
  const m = {
    kind: chosen.form ? 'form' : outcome,
    name: spec.name,
    source: sourceOf(spec.kind, spec.issuer),
    issuer: spec.issuer,
    legalBasis: basis,
    necessary: columns.necessary && rng.chance(0.6) ? 'yes' : '',
    shareable: columns.shareable && rng.chance(0.25) ? 'no' : '',
    internalQuery: columns.internalQuery && rng.chance(0.25) ? 'no' : '',
    commitment: columns.commitment && rng.chance(0.25) ? 'no' : '',
    superior: rng.chance(0.25) ? '否' : '',
    method: '',
    notes: '',
  };
  let explicit = false;
  switch (outcome) {
    case 'sharing': {
      const entry = SHARED.get(normalizeName(spec.name));
      m.issuer = LICENCE_ISSUERS[entry.name] ?? '';
      m.source = '政府部门核发';
      m.form = rng.chance(0.6) ? rng.pick(COPY_FORMS) : '';
      explicit = columns.shareable && rng.chance(0.3);
      m.shareable = explicit ? 'yes' : '';
      m.internalQuery = '';
      m.commitment = '';
      if (columns.method && rng.chance(0.6)) m.method = METHODS.sharing('人口、法人等基础信息库');
      break;
    }
    case 'retain-original': {
      const entry = SHARED.get(normalizeName(spec.name));
      m.issuer = LICENCE_ISSUERS[entry.name] ?? '';
      m.source = '政府部门核发';
      m.form = '原件';
      m.notes = '需当场核验原件';
      break;
    }
    case 'internal':
      m.issuer = dept.name;
      m.source = '政府部门核发';
      explicit = columns.internalQuery && rng.chance(0.45);
      m.internalQuery = explicit ? 'yes' : '';
      m.shareable = columns.shareable && rng.chance(0.3) ? 'no' : '';
      if (columns.method) m.method = METHODS.internal();
      break;
    case 'commitment': {
      const catalog = COMMITMENT_NAMES.has(normalizeName(spec.name));
      explicit = !catalog || (columns.commitment && rng.chance(0.4));
      m.commitment = explicit ? 'yes' : '';
      m.shareable = columns.shareable && rng.chance(0.3) ? 'no' : '';
      m.internalQuery = columns.internalQuery && rng.chance(0.3) ? 'no' : '';
      if (columns.method && rng.chance(0.7)) m.method = METHODS.commitment();
      break;
    }
    case 'noBasis':
      m.legalBasis = rng.chance(0.12) ? '' : rng.pick(LEGAL_NONE);
      m.source = spec.issuer ? '其他' : '申请人自备';
      explicit = true;
      if (columns.method) m.method = METHODS.noBasis();
      break;
    case 'unnecessary':
      if (spec.kind === 'V') {
        m.issuer = rng.pick(VILLAGE_ISSUERS);
        m.source = '其他';
      } else {
        m.necessary = 'no';
        explicit = true;
        if (columns.method) m.method = METHODS.unnecessary();
      }
      break;
    case 'superior':
      m.superior = spec.reference;
      explicit = true;
      if (columns.method) m.method = METHODS.superior();
      break;
    case 'duplicate':
      if (chosen.repeats) {
        m.issuer = chosen.repeats.cells.issuer;
        m.source = chosen.repeats.cells.source;
        m.form = rng.pick(COPY_FORMS);
        if (chosen.repeats.outcome !== 'sharing') chosen.repeats.cells.form = '原件';
      } else if (!m.issuer) {
        m.issuer = LICENCE_ISSUERS[spec.name] ?? '';
      }
      if (columns.method) m.method = METHODS.duplicate();
      break;
    default:
      if (spec.kind === 'C' && columns.commitment) {
        m.commitment = 'no';
        m.notes = item.excluded ? '涉及公共安全和人身健康，不适用告知承诺' : '';
      }
  }
  const cancelled = !['retain', 'retain-original'].includes(outcome);
  m.proposal = proposalFor(dept, rng, { cancelled, explicit });
  return m;
}

/** Form first, the rest in a natural order, a repeated material always after the one it repeats. */
function order(chosen, rng) {
  const [first, ...rest] = chosen;
  const pending = rng.shuffle(rest.filter((c) => !c.repeats));
  const ordered = [first, ...pending];
  for (const r of rest.filter((c) => c.repeats)) {
    const at = ordered.indexOf(r.repeats);
    ordered.splice(at + 1 + rng.int(ordered.length - at), 0, r);
  }
  return ordered;
}

/** Departments → items → chosen materials with their cells, for the given category counts. */
function buildUnits(records, target, seed, firstIndex = 0) {
  const rng = prng(seed);
  const departments = records.map((dept, i) => {
    const columns = LAYOUT_COLUMNS[dept.layout];
    const items = itemsOf(dept, firstIndex + i, rng, columns).map((item) => ({ ...item, dept }));
    return { ...dept, columns, items };
  });
  const items = departments.flatMap((d) => d.items);
  chooseMaterials(items, target, rng, (item) => LAYOUT_COLUMNS[item.dept.layout]);
  for (const dept of departments) {
    for (const item of dept.items) {
      const ordered = order(item.materials, rng);
      for (const chosen of ordered) chosen.cells = cellsFor(chosen, item, dept, dept.columns, rng);
      item.materials = ordered.map((c) => c.cells);
    }
  }
  return departments;
}

/** The first batch: eleven departments, their items and materials with the cells they wrote. */
export function buildDataset(seed = DEFAULT_SEED) {
  const departments = buildUnits(DEPARTMENTS, FIRST_BATCH_TARGET, seed);
  for (const dept of departments)
    if (dept.items.length !== dept.plan.items) throw new Error(`${dept.name}: ${dept.items.length} items`);
  return departments;
}

/** The programme's other 52 units (programme/), seeded apart from the first batch. */
export function buildProgrammeRest(seed = DEFAULT_SEED) {
  return buildUnits(programmeDepartments(), REST_TARGET, seed + 1, DEPARTMENTS.length);
}
