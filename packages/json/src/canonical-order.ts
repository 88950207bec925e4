// The canonical key order of a publication (domain.md §6) is the order of the keys in core's zod
// schema (model/publication.ts): one list, so that adding a field is a schema change plus the code
// that fills it. Reordering is compiled once from the schema into one function per object shape.
import {
  DEFAULT_CATEGORIES,
  type Publication,
  PublicationSchema,
  PublishedMaterialSchema,
} from '@jianzheng/core';
import { z } from 'zod';

type Unsigned = Omit<Publication, 'sha256'>;
type Reorder = (value: unknown) => unknown;

/**
 * Keys that older schema versions carried and 1.2 does not, with the key they stood before: a 1.0
 * or 1.1 row's engine `reason` came before `status`. Set only where present, so one writer gives
 * every version's canonical text (a key a version lacks is undefined, which JSON drops).
 */
const LEGACY_KEYS = new Map<z.ZodType, ReadonlyMap<string, string>>([
  [PublishedMaterialSchema, new Map([['status', 'reason']])],
]);

const DEFAULT_CATEGORY_RANK = new Map(DEFAULT_CATEGORIES.map((c, i) => [c.id, i]));

/** Category ids: the seven of domain.md §3 in that order, then any others by code unit order. */
function compareCategoryIds(a: string, b: string): number {
  const ra = DEFAULT_CATEGORY_RANK.get(a) ?? Number.MAX_SAFE_INTEGER;
  const rb = DEFAULT_CATEGORY_RANK.get(b) ?? Number.MAX_SAFE_INTEGER;
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodNullable || inner instanceof z.ZodOptional)
    inner = inner.unwrap() as z.ZodType;
  return inner;
}

/** A map's keys: an enum's (agreement) in the enum's order; free keys (byCategory) as categories. */
function recordOrder(schema: z.ZodRecord): Reorder {
  const keys = schema.keyType;
  if (keys instanceof z.ZodEnum) {
    const order = keys.options as readonly string[];
    return (value) => {
      const record = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const key of order) if (key in record) out[key] = record[key];
      return out;
    };
  }
  return (value) => {
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record).sort(compareCategoryIds)) out[key] = record[key];
    return out;
  };
}

function objectOrder(schema: z.ZodObject): Reorder {
  const legacy = LEGACY_KEYS.get(schema);
  const fields = Object.entries(schema.shape).map(([key, field]) => ({
    key,
    reorder: reorderOf(field as z.ZodType),
    before: legacy?.get(key),
  }));
  return (value) => {
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const { key, reorder, before } of fields) {
      if (before !== undefined && source[before] !== undefined) out[before] = source[before];
      const field = source[key];
      out[key] = reorder === undefined || field === null || field === undefined ? field : reorder(field);
    }
    return out;
  };
}

/** How to put a value of this schema in canonical order; undefined for values kept as they are. */
function reorderOf(schema: z.ZodType): Reorder | undefined {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) return objectOrder(inner);
  if (inner instanceof z.ZodRecord) return recordOrder(inner);
  if (inner instanceof z.ZodArray) {
    const element = reorderOf(inner.element as z.ZodType);
    return element === undefined ? undefined : (value) => (value as unknown[]).map(element);
  }
  return undefined;
}

const publicationOrder = objectOrder(PublicationSchema.omit({ sha256: true }));

/** The publication without its checksum, keys in schema order (see canonicalContent). */
export function inCanonicalOrder(pub: Unsigned): Unsigned {
  return publicationOrder(pub) as Unsigned;
}
