import type { Publication } from '@jianzheng/core';

// Publications that createPublication built and validated are frozen (a publication is
// an immutable snapshot, domain.md §6) and remembered, so serializing one does not validate 100,000
// materials a second time. The set lives on a global symbol because the main and `./node` entries
// are bundled separately and each has its own copy of this module.
const KEY = Symbol.for('jianzheng.json.validated-publications');
const registry = globalThis as { [KEY]?: WeakSet<object> };
const validated: WeakSet<object> = registry[KEY] ?? new WeakSet<object>();
registry[KEY] = validated;

// The shape is known, so walk it directly instead of visiting every key of every object.
function freezeTotals(t: object & { byCategory: object }): void {
  Object.freeze(t.byCategory);
  Object.freeze(t);
}

function deepFreeze(pub: Publication): void {
  const { summary } = pub;
  for (const d of summary.byDepartment) freezeTotals(d);
  for (const t of summary.byItemType) freezeTotals(t);
  Object.freeze(summary.byDepartment);
  Object.freeze(summary.byItemType);
  Object.freeze(summary.agreement);
  freezeTotals(summary);
  for (const department of pub.departments) {
    for (const item of department.items) {
      for (const material of item.materials) {
        if (material.category !== null) Object.freeze(material.category);
        Object.freeze(material);
      }
      Object.freeze(item.materials);
      Object.freeze(item);
    }
    Object.freeze(department.items);
    Object.freeze(department);
  }
  Object.freeze(pub.departments);
  Object.freeze(pub.jurisdiction);
  Object.freeze(pub.batch);
  Object.freeze(pub.ruleSet);
  Object.freeze(pub);
}

/** Freezes a validated publication and remembers that it needs no further validation. */
export function seal(pub: Publication): Publication {
  deepFreeze(pub);
  validated.add(pub);
  return pub;
}

/** True for a publication sealed above: frozen, so it cannot have changed since it was checked. */
export function isSealed(value: unknown): boolean {
  return typeof value === 'object' && value !== null && validated.has(value) && Object.isFrozen(value);
}
