// The whole programme (domain.md §16): 市直63家单位, 10,107 materials, of which the engine proposes
// 1,761 for cancellation (拟取消, 17.4 %). The first batch's eleven departments are cells.mjs; this
// module builds the other 52 units' inventories the same way — each item's materials from its
// service family — and the programme file (programme.json) that names all 63 units.

import { normalizeName } from '@jianzheng/core';
import { DEPARTMENTS, FIRST_BATCH_TARGET, LAYOUT_COLUMNS } from './dataset.mjs';
import { PROGRAMME_UNITS } from './programme-units.mjs';
import { FAMILIES } from './services.mjs';
import { isOrganisation, VARIANT_LABELS } from './variants.mjs';

/** The press release's whole programme: 63 units, 10,107 materials, 1,761 proposed. */
export const PROGRAMME_TOTAL = { units: 63, materials: 10107, proposed: 1761 };

const firstProposed = Object.entries(FIRST_BATCH_TARGET)
  .filter(([key]) => !['items', 'materials'].includes(key))
  .reduce((n, [, v]) => n + v, 0);

/**
 * What the 52 other units hold: the programme's rest. How the 471 proposals split into categories
 * is the generator's choice (the seed gives only the total); a unit not yet cleaned still demands
 * copies of licences and certificates nobody may ask for, at about the first batch's proportions.
 */
export const REST_TARGET = {
  materials: PROGRAMME_TOTAL.materials - FIRST_BATCH_TARGET.materials,
  sharing: 190,
  internal: 70,
  commitment: 66,
  noBasis: 75,
  unnecessary: 42,
  duplicate: 28,
  superior: 0,
};
const restProposed = Object.entries(REST_TARGET)
  .filter(([key]) => key !== 'materials')
  .reduce((n, [, v]) => n + v, 0);
if (firstProposed + restProposed !== PROGRAMME_TOTAL.proposed)
  throw new Error(`programme: ${firstProposed} + ${restProposed} proposed`);

/** Which later steps an item's licence has: a 许可 all of them (a 年度报告 where its rules ask one,
 * `annual`), a 备案 its change and removal, a certificate (确认, 公共服务) its replacement. */
function laterSteps(type, family) {
  const organisation = isOrganisation(family);
  if (type === '行政许可')
    return ['change', 'renew', 'cancel', 'replace', ...(organisation && family.annual ? ['annual'] : [])];
  if (type === '行政备案') return ['change', 'cancel'];
  return ['replace'];
}

/**
 * The units' items: as listed, plus the later steps of each licence they grant (变更, 延续, 注销)
 * that the unit's list does not name itself — the 权责清单 lists them as items of their own.
 */
export function unitItems(unit) {
  const items = unit.items.map(([name, type, family, variant]) => ({ name, type, family, variant }));
  const has = new Set(items.map((it) => `${it.family}|${it.variant ?? ''}`));
  const names = new Set(items.map((it) => it.name));
  for (const it of [...items]) {
    const family = FAMILIES[it.family];
    if (!family) throw new Error(`${unit.name}·${it.name}: no service family ${it.family}`);
    if (it.variant || !family.licence) continue;
    for (const variant of laterSteps(it.type, family)) {
      const name = `${family.licence}${VARIANT_LABELS[variant]}`;
      if (has.has(`${it.family}|${variant}`) || names.has(name)) continue;
      has.add(`${it.family}|${variant}`);
      names.add(name);
      items.push({ name, type: it.type, family: it.family, variant });
    }
  }
  return items;
}

/** The programme's units after the first batch, as department records the workbook writer takes. */
export function programmeDepartments() {
  const taken = new Set(DEPARTMENTS.map((d) => normalizeName(d.name)));
  return PROGRAMME_UNITS.map((unit, i) => {
    if (taken.has(normalizeName(unit.name))) throw new Error(`${unit.name} is in the first batch`);
    if (!LAYOUT_COLUMNS[unit.layout]) throw new Error(`${unit.name}: unknown layout ${unit.layout}`);
    const number = DEPARTMENTS.length + i + 1;
    return {
      key: `unit${number}`,
      name: unit.name,
      file: `${String(number).padStart(2, '0')}-${unit.name}.xlsx`,
      layout: unit.layout,
      proposal: { cancelWhenExplicit: 0.9, cancelWhenDerived: 0.5, retainKept: 0.95, blank: 0.05 },
      itemDefs: unitItems(unit),
    };
  });
}

/** The programme file `jianzheng report --programme` reads (shape owned by @jianzheng/core). */
export function programmeFile() {
  const units = [
    ...DEPARTMENTS.map((d) => ({ name: d.name, batch: 'first' })),
    ...PROGRAMME_UNITS.map((u) => ({ name: u.name, batch: null })),
  ];
  if (units.length !== PROGRAMME_TOTAL.units) throw new Error(`programme: ${units.length} units`);
  return {
    id: 'suzhou-2018',
    title: '宿州市市级“减证便民”专项清理（2018年）',
    units,
    batches: [{ id: 'first', title: '市公安局等11部门取消政务服务事项申请材料清单', stage: 'published' }],
    rounds: [],
    workbooks: ['.', 'programme'],
  };
}
