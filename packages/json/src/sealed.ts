import type { Publication } from '@jianzheng/core';
import { contentChecksum } from './canonical';
import type { UnsignedPublication } from './validate';

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

/**
 * A sealed publication whose checksum is not computed yet: its content, and `settle` to record the
 * checksum once a writer has hashed the canonical text on its way to disk.
 */
export interface PendingChecksum {
  content: UnsignedPublication;
  settle(sha256: string): void;
}

const PENDING_KEY = Symbol.for('jianzheng.json.pending-checksums');
const pendingRegistry = globalThis as { [PENDING_KEY]?: WeakMap<object, PendingChecksum> };
const pending: WeakMap<object, PendingChecksum> = pendingRegistry[PENDING_KEY] ?? new WeakMap();
pendingRegistry[PENDING_KEY] = pending;

/**
 * Seals validated canonical content with a `sha256` computed when first read. Hashing a national
 * list means producing its whole canonical text (about 700 MB at 1,000,000 materials); the file
 * writer produces that text anyway, so when it comes first it hashes the bytes it writes and
 * settles the checksum, and the text is produced once instead of twice. Any earlier read of
 * `sha256` computes it then, from the same content: the value never differs, only when it is paid.
 */
export function sealWithDeferredChecksum(content: UnsignedPublication): Publication {
  let sha256: string | undefined;
  const pub = { ...content } as Publication;
  const entry: PendingChecksum = {
    content,
    settle(value) {
      sha256 ??= value;
      pending.delete(pub);
    },
  };
  // Last key, as in the canonical text; enumerable, so spreading and JSON.stringify see it.
  Object.defineProperty(pub, 'sha256', {
    enumerable: true,
    get: () => {
      if (sha256 === undefined) entry.settle(contentChecksum(content));
      return sha256;
    },
  });
  pending.set(pub, entry);
  return seal(pub);
}

/** The content and settle function of a sealed publication whose checksum nobody computed yet. */
export function pendingChecksum(pub: object): PendingChecksum | undefined {
  return pending.get(pub);
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
