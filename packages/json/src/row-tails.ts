// A published row's canonical text is its `id`, its `name` and a tail of 15 fields that repeat:
// at 1,000,000 materials a few hundred combinations of verdict, category, rule, method, basis,
// status, form, source, issuer, legal basis… cover every row. Stringifying each row again was most
// of the time of writing a national list; this cache keeps each tail's UTF-8 bytes once, keyed by
// the values themselves, so a row costs a lookup and a copy.
import { hasKeys } from './plain-keys';

/**
 * A schema 1.2 row's keys in their canonical order. Written out rather than read from the schema
 * on purpose: the tail is keyed by exactly the fields read below, so a row with any other keys
 * (an older schema version, a field added later) must not match and takes the generic path.
 * row-tails.test.ts checks that this list is still the schema's.
 */
export const ROW_KEYS: readonly string[] = [
  'id',
  'name',
  'verdict',
  'category',
  'ruleId',
  'effectiveFrom',
  'replacement',
  'wording',
  'method',
  'basis',
  'status',
  'form',
  'source',
  'issuer',
  'legalBasis',
  'legalBasisLevel',
  'legalInstrument',
];
const FIELDS = ROW_KEYS.length - 2;

/** Bounds on what one serialization keeps; rows past them are stringified as before. */
export interface RowTailLimits {
  /** Distinct tails kept. */
  tails: number;
  /** UTF-8 bytes of the tails kept. */
  bytes: number;
  /** Nodes of the lookup tree (each distinct tail adds at most one per field). */
  nodes: number;
  /** Distinct label objects (category, wording) told apart. */
  labels: number;
}

// About 2 MiB of tails at the national bench's few hundred combinations; the bounds only bite on a
// list whose tails are mostly unique, where caching them would buy nothing anyway.
export const DEFAULT_ROW_TAIL_LIMITS: RowTailLimits = {
  tails: 16_384,
  bytes: 16 << 20,
  nodes: 65_536,
  labels: 4_096,
};

type Child = Node | Uint8Array;
interface Node {
  // The child taken last: consecutive rows mostly share their first fields, and a comparison is
  // cheaper than a map lookup.
  key: unknown;
  next: Child | undefined;
  // Every child, once there is more than one.
  map: Map<unknown, Child> | undefined;
}

const newNode = (): Node => ({ key: undefined, next: undefined, map: undefined });

/**
 * The tail is cached in two parts: what the decision says (verdict … form) and what the material
 * says (source … legalInstrument). Whole tails combine the two freely — on the national bench
 * 100,000 rows hold 22,739 distinct tails but only 148 decision parts and 780 material parts.
 */
const SPLIT = 10;
const SECOND_PART_KEY = `,\n${' '.repeat(14)}"${ROW_KEYS[2 + SPLIT]}": `;

// The text of a row at its depth (departments[].items[].materials[]) with an empty id and name:
// what follows `"name": ""` up to the row's closing brace is the tail.
const wrap = (row: unknown) => ({ a: [{ b: [{ c: [row] }] }] });
const PROBE = JSON.stringify(wrap({ id: '', name: '' }), null, 2);
const TAIL_START = PROBE.indexOf('"name": ""') + '"name": ""'.length;
// What follows the probe row's closing brace: the wrapper's closing brackets.
const TAIL_CLOSE = PROBE.length - (PROBE.indexOf('}', TAIL_START) + 1);
const encoder = new TextEncoder();

/** One serialization's cache of row tails; `of` answers for a row or leaves it to the caller. */
export class RowTails {
  /** The row's tail after `of` returned true: its parts, to be written one after the other. */
  readonly parts: Uint8Array[] = [new Uint8Array(0), new Uint8Array(0)];
  private readonly limits: RowTailLimits;
  private readonly roots = [newNode(), newNode()];
  // The current row's tail text, once a part of it was not found.
  private text: string | undefined = undefined;
  private readonly values: unknown[] = new Array(FIELDS);
  private readonly keys: unknown[] = new Array(FIELDS);
  // Frozen label objects by identity (they cannot change), any label by its compact JSON.
  private readonly frozenLabels = new Map<object, number>();
  private readonly labelsByJson = new Map<string, number>();
  tails = 0;
  bytes = 0;
  nodes = 2;

  constructor(limits: RowTailLimits = DEFAULT_ROW_TAIL_LIMITS) {
    this.limits = limits;
  }

  /**
   * Whether the row is a plain schema 1.2 row whose fields are texts, nulls and flat label
   * objects; if so `parts` holds the UTF-8 text after its `name` value — `,\n` and the other
   * fields at the row's depth, up to and including its closing brace. Otherwise the caller writes
   * the row the general way. A new part is stringified here once; past the limits it is not kept.
   */
  of(row: unknown): boolean {
    if (!hasKeys(row, ROW_KEYS)) return false;
    if (typeof row.id !== 'string' || typeof row.name !== 'string') return false;
    // Named reads, not a loop over ROW_KEYS: one property shape each, so they stay cheap.
    const v = this.values;
    v[0] = row.verdict;
    v[1] = row.category;
    v[2] = row.ruleId;
    v[3] = row.effectiveFrom;
    v[4] = row.replacement;
    v[5] = row.wording;
    v[6] = row.method;
    v[7] = row.basis;
    v[8] = row.status;
    v[9] = row.form;
    v[10] = row.source;
    v[11] = row.issuer;
    v[12] = row.legalBasis;
    v[13] = row.legalBasisLevel;
    v[14] = row.legalInstrument;
    const keys = this.keys;
    for (let i = 0; i < FIELDS; i++) {
      const value = v[i];
      // A label object is keyed by a number: strings and null stand for themselves.
      if (typeof value === 'object' && value !== null) {
        const label = this.labelOf(value);
        if (label === -1) return false;
        keys[i] = label;
      } else if (value === null || typeof value === 'string') keys[i] = value;
      else return false;
    }
    this.parts[0] = this.find(0, 0, SPLIT);
    this.parts[1] = this.find(1, SPLIT, FIELDS);
    this.text = undefined;
    return true;
  }

  /** The bytes of part `p` (fields `from` to `to`) of the row whose keys `of` has read. */
  private find(p: number, from: number, to: number): Uint8Array {
    const keys = this.keys;
    let at: Child = this.roots[p]!;
    for (let i = from; i < to; i++) {
      const k = keys[i];
      const node = at as Node;
      if (node.key === k && node.next !== undefined) {
        at = node.next;
        continue;
      }
      const next = node.map?.get(k);
      if (next === undefined) {
        this.text ??= this.tailText();
        return this.add(node, i, to, partOf(this.text, p));
      }
      node.key = k;
      node.next = next;
      at = next;
    }
    return at as Uint8Array;
  }

  /** The row's tail from JSON.stringify of the values read by `of` (not the row again). */
  private tailText(): string {
    const v = this.values;
    const copy: Record<string, unknown> = { id: '', name: '' };
    for (let i = 0; i < FIELDS; i++) copy[ROW_KEYS[i + 2]!] = v[i];
    const text = JSON.stringify(wrap(copy), null, 2);
    return text.slice(TAIL_START, text.length - TAIL_CLOSE);
  }

  /**
   * A part's bytes, kept below `node` (where the lookup missed at field `depth` of a part ending
   * before field `to`) if the limits allow.
   */
  private add(node: Node, depth: number, to: number, text: string): Uint8Array {
    const part = encoder.encode(text);
    const added = to - 1 - depth;
    const { limits } = this;
    if (
      this.tails >= limits.tails ||
      this.bytes + part.length > limits.bytes ||
      this.nodes + added > limits.nodes
    )
      return part;
    this.tails++;
    this.bytes += part.length;
    this.nodes += added;
    let child: Child = part;
    for (let i = to - 1; i > depth; i--) {
      const parent = newNode();
      parent.key = this.keys[i];
      parent.next = child;
      child = parent;
    }
    const key = this.keys[depth];
    if (node.next !== undefined) {
      node.map ??= new Map([[node.key, node.next]]);
      node.map.set(key, child);
    }
    node.key = key;
    node.next = child;
    return part;
  }

  /**
   * A number for a flat object of texts (a category or wording label), equal for objects with
   * equal JSON; -1 for anything else (the row takes the general path).
   */
  labelOf(value: object): number {
    const known = this.frozenLabels.get(value);
    if (known !== undefined) return known;
    if (Array.isArray(value) || (value as { toJSON?: unknown }).toJSON !== undefined) return -1;
    const descriptors = Object.getOwnPropertyDescriptors(value);
    for (const key of Object.keys(descriptors)) {
      const d = descriptors[key]!;
      if (!d.enumerable) continue;
      if (!('value' in d) || (typeof d.value !== 'string' && d.value !== null)) return -1;
    }
    const json = JSON.stringify(value);
    let label = this.labelsByJson.get(json);
    if (label === undefined) {
      if (this.labelsByJson.size >= this.limits.labels) return -1;
      label = this.labelsByJson.size;
      this.labelsByJson.set(json, label);
    }
    // Frozen with plain text values, so its text can never differ: known by identity from now on.
    if (Object.isFrozen(value) && this.frozenLabels.size < this.limits.labels)
      this.frozenLabels.set(value, label);
    return label;
  }
}

/**
 * Part `p` of a tail's text. A key at the row's depth follows a newline and 14 spaces; inside a
 * string value a newline is escaped, and a label's keys are deeper, so the first match is the key.
 */
function partOf(tail: string, p: number): string {
  const cut = tail.indexOf(SECOND_PART_KEY);
  return p === 0 ? tail.slice(0, cut) : tail.slice(cut);
}
