// How one file's materials cross from an import worker to the caller's thread. A structured
// clone of the Material objects copies every string of every material (a department's name
// 20,000 times) and rebuilds them one by one on the receiving thread: measured on the 1M bench
// set, deserializing took a sixth of the import's own time — on the one thread that has to
// receive every file — and the copies doubled the strings' memory there. Packed, each distinct
// string crosses once, the ids (all distinct) as one string, and a material is 16 integers in a
// transferred buffer (a million strings cloned one by one cost the sending worker 4 % of its
// time, and as much again to receive); the receiver
// rebuilds the materials through core's `createMaterial`, the shape every import gives.
import { createMaterial, type Material, type ServiceItem } from '@jianzheng/core';

/** A file's materials as a string table and one row of integers per material. */
export interface PackedMaterials {
  strings: string[];
  /** Every material's id, one after another (its cell 0 is where its id ends). */
  ids: string;
  /** Values that are neither a string nor null (the alternatives' arrays), cloned as they are. */
  extras: unknown[];
  /**
   * `FIELDS.length` integers per material: where its id ends in `ids`, its item's index, then
   * for each other field a string index, NULL, or an extra (EXTRA - index).
   */
  cells: Int32Array;
}

// The fields of a Material in the order createMaterial writes them; `item` is an index into
// the result's items.
const FIELDS = [
  'id',
  'item',
  'name',
  'alternatives',
  'source',
  'issuer',
  'legalBasis',
  'necessary',
  'shareable',
  'internalQuery',
  'commitment',
  'superiorCancelled',
  'superiorReference',
  'departmentProposal',
  'proposedMethod',
  'notes',
] as const satisfies ReadonlyArray<keyof Material>;

const NULL = -1;
const EXTRA = -2;
const WIDTH = FIELDS.length;

/**
 * Whether core's Material has exactly the fields this packer knows. A field added to core and
 * not here would be lost on the way; then materials cross as plain structured clones instead.
 */
export const PACKABLE = (() => {
  const keys = Object.keys(createMaterial({ item: { department: '', name: '' }, name: '' }));
  return keys.length === WIDTH && keys.every((key, i) => key === FIELDS[i]);
})();

/**
 * Packs `materials`, whose items are all in `items`. Returns undefined when a material holds
 * something the packer does not know (then the caller sends the objects themselves).
 */
export function packMaterials(
  materials: readonly Material[],
  items: readonly ServiceItem[],
): PackedMaterials | undefined {
  if (!PACKABLE) return undefined;
  const itemIndex = new Map<ServiceItem, number>();
  for (const [i, item] of items.entries()) itemIndex.set(item, i);
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const extras: unknown[] = [];
  const ids: string[] = [];
  let idsLength = 0;
  const cells = new Int32Array(materials.length * WIDTH);
  let at = 0;
  const add = (value: unknown): boolean => {
    if (typeof value === 'string') {
      let index = stringIndex.get(value);
      if (index === undefined) {
        index = strings.push(value) - 1;
        stringIndex.set(value, index);
      }
      cells[at++] = index;
    } else if (value === null) cells[at++] = NULL;
    else if (value === undefined) return false;
    else cells[at++] = EXTRA - (extras.push(value) - 1);
    return true;
  };
  for (const material of materials) {
    const item = itemIndex.get(material.item);
    if (item === undefined) return undefined;
    // Every material of an import is made by createMaterial, whose shape PACKABLE checked; the
    // fields in FIELDS order, spelled out so that each read is a plain property access.
    ids.push(material.id);
    idsLength += material.id.length;
    cells[at++] = idsLength;
    cells[at++] = item;
    if (
      !add(material.name) ||
      !add(material.alternatives) ||
      !add(material.source) ||
      !add(material.issuer) ||
      !add(material.legalBasis) ||
      !add(material.necessary) ||
      !add(material.shareable) ||
      !add(material.internalQuery) ||
      !add(material.commitment) ||
      !add(material.superiorCancelled) ||
      !add(material.superiorReference) ||
      !add(material.departmentProposal) ||
      !add(material.proposedMethod) ||
      !add(material.notes)
    )
      return undefined;
  }
  return { strings, ids: ids.join(''), extras, cells };
}

/** The materials again, each pointing at its item in `items` (the same objects for one item). */
export function unpackMaterials(packed: PackedMaterials, items: readonly ServiceItem[]): Material[] {
  const { strings, ids, extras, cells } = packed;
  let idStart = 0;
  const value = (cell: number): unknown =>
    cell >= 0 ? strings[cell] : cell === NULL ? null : extras[EXTRA - cell];
  const materials: Material[] = new Array(cells.length / WIDTH);
  for (let m = 0, at = 0; at < cells.length; m++, at += WIDTH) {
    const id = ids.slice(idStart, cells[at]!);
    idStart = cells[at]!;
    // The order of FIELDS; createMaterial keeps every value given (none is undefined here).
    materials[m] = createMaterial(
      {
        item: items[cells[at + 1]!]!,
        name: value(cells[at + 2]!) as Material['name'],
        alternatives: value(cells[at + 3]!) as Material['alternatives'],
        source: value(cells[at + 4]!) as Material['source'],
        issuer: value(cells[at + 5]!) as Material['issuer'],
        legalBasis: value(cells[at + 6]!) as Material['legalBasis'],
        necessary: value(cells[at + 7]!) as Material['necessary'],
        shareable: value(cells[at + 8]!) as Material['shareable'],
        internalQuery: value(cells[at + 9]!) as Material['internalQuery'],
        commitment: value(cells[at + 10]!) as Material['commitment'],
        superiorCancelled: value(cells[at + 11]!) as Material['superiorCancelled'],
        superiorReference: value(cells[at + 12]!) as Material['superiorReference'],
        departmentProposal: value(cells[at + 13]!) as Material['departmentProposal'],
        proposedMethod: value(cells[at + 14]!) as Material['proposedMethod'],
        notes: value(cells[at + 15]!) as Material['notes'],
      },
      id,
    );
  }
  return materials;
}
