import {
  AgreementSchema,
  DEFAULT_CATEGORIES,
  type Publication,
  type PublicationSummary,
  type PublishedDepartment,
  type PublishedItem,
  type PublishedMaterial,
} from '@jianzheng/core';
import { createSha256, sha256Bytes, sha256Text } from './hash';

// The canonical form is spelled out key by key (rather than copied generically) because it is a
// published contract other cities re-implement; canonical.test.ts checks it against the zod shapes.

type Totals = Omit<PublicationSummary, 'departments' | 'byDepartment' | 'byItemType' | 'agreement'>;
type Unsigned = Omit<Publication, 'sha256'>;

const DEFAULT_CATEGORY_RANK = new Map(DEFAULT_CATEGORIES.map((c, i) => [c.id, i]));
const AGREEMENTS = AgreementSchema.options;

/** Category ids: the seven of domain.md §3 in that order, then any others by code unit order. */
function compareCategoryIds(a: string, b: string): number {
  const ra = DEFAULT_CATEGORY_RANK.get(a) ?? Number.MAX_SAFE_INTEGER;
  const rb = DEFAULT_CATEGORY_RANK.get(b) ?? Number.MAX_SAFE_INTEGER;
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function byCategory(record: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(record).sort(compareCategoryIds)) out[key] = record[key]!;
  return out;
}

function totals(t: Totals): Totals {
  return {
    items: t.items,
    materials: t.materials,
    cancelled: t.cancelled,
    effective: t.effective,
    planned: t.planned,
    retained: t.retained,
    cancellationRate: t.cancellationRate,
    plannedRate: t.plannedRate,
    byCategory: byCategory(t.byCategory),
  };
}

function summary(s: PublicationSummary): PublicationSummary {
  const agreement = {} as PublicationSummary['agreement'];
  for (const key of AGREEMENTS) if (key in s.agreement) agreement[key] = s.agreement[key];
  return {
    items: s.items,
    materials: s.materials,
    cancelled: s.cancelled,
    effective: s.effective,
    planned: s.planned,
    retained: s.retained,
    cancellationRate: s.cancellationRate,
    plannedRate: s.plannedRate,
    byCategory: byCategory(s.byCategory),
    departments: s.departments,
    byDepartment: s.byDepartment.map((d) => ({ ...totals(d), department: d.department })),
    byItemType: s.byItemType.map((t) => ({ ...totals(t), itemType: t.itemType })),
    agreement,
  };
}

function material(m: PublishedMaterial): PublishedMaterial {
  return {
    id: m.id,
    name: m.name,
    verdict: m.verdict,
    category: m.category === null ? null : { id: m.category.id, zh: m.category.zh, en: m.category.en },
    ruleId: m.ruleId,
    effectiveFrom: m.effectiveFrom,
    replacement: m.replacement,
    wording:
      m.wording === null || m.wording === undefined ? m.wording : { zh: m.wording.zh, en: m.wording.en },
    method: m.method,
    basis: m.basis,
    // Schema 1.0 and 1.1 rows carry `reason` here and none of the 1.2 keys: a key a version lacks
    // is undefined (JSON drops it) or absent, so one writer gives every version's canonical text.
    ...legacyReason(m),
    status: m.status,
    form: m.form,
    source: m.source,
    issuer: m.issuer,
    legalBasis: m.legalBasis,
    legalBasisLevel: m.legalBasisLevel,
    legalInstrument: m.legalInstrument,
  } as PublishedMaterial;
}

/** Schema 1.0 and 1.1 rows carry the engine's `reason`; 1.2 rows have no such key at all. */
function legacyReason(m: PublishedMaterial): { reason?: string } {
  const reason = (m as { reason?: string }).reason;
  return reason === undefined ? {} : { reason };
}

function item(i: PublishedItem): PublishedItem {
  return { code: i.code, name: i.name, type: i.type, materials: i.materials.map(material) };
}

function department(d: PublishedDepartment): PublishedDepartment {
  return { name: d.name, items: d.items.map(item) };
}

/**
 * The publication without its checksum, every object's keys in schema order and the two maps
 * (`byCategory`, `agreement`) in their defined order. Rows keep their order: it is meaningful
 * (the order the department wrote) and createPublication already fixed it.
 */
export function canonicalContent(pub: Unsigned): Unsigned {
  return {
    schemaVersion: pub.schemaVersion,
    jurisdiction: { code: pub.jurisdiction.code, name: pub.jurisdiction.name, level: pub.jurisdiction.level },
    batch: {
      id: pub.batch.id,
      title: pub.batch.title,
      documentNumber: pub.batch.documentNumber,
      approvedAt: pub.batch.approvedAt,
      adjustmentReason: pub.batch.adjustmentReason,
      status: pub.batch.status,
      legalReview:
        pub.batch.legalReview == null
          ? pub.batch.legalReview
          : {
              documentNumber: pub.batch.legalReview.documentNumber,
              reviewer: pub.batch.legalReview.reviewer,
              reviewedAt: pub.batch.legalReview.reviewedAt,
            },
    },
    version: pub.version,
    publishedAt: pub.publishedAt,
    ruleSet: { id: pub.ruleSet.id, version: pub.ruleSet.version },
    summary: summary(pub.summary),
    departments: pub.departments.map(department),
  };
}

/** The canonical text is `JSON.stringify(content, null, 2)` plus a final newline; this is the JSON part. */
export function canonicalJson(content: Unsigned): string {
  return JSON.stringify(content, null, 2);
}

/** The bytes the checksum covers: the canonical JSON of the content without `sha256`, and `\n`. */
export function canonicalText(content: Unsigned): string {
  return `${canonicalJson(content)}\n`;
}

/** Checksum of canonical JSON (as from canonicalJson) without joining it to its final newline. */
export function checksumOfJson(json: string): string {
  return sha256Text(json, '\n');
}

// The unsigned JSON ends with `\n}`; the signed text carries the checksum as the last member.
const SIGNED_TAIL = /,\n {2}"sha256": "([0-9a-f]{64})"\n\}\n$/;

/** The signed canonical text: the checksum inserted as the last member, then the final newline. */
export function signJson(json: string, sha256: string): string {
  return `${json.slice(0, -2)},\n  "sha256": "${sha256}"\n}\n`;
}

/**
 * For a text that ends exactly as canonical text does: the checksum it carries and the checksum
 * of the bytes before that member (what a conforming writer hashed); `undefined` for texts that
 * were reformatted.
 */
export function checkTail(text: string): { expected: string; actual: string } | undefined {
  // Only the tail is searched: a regex over 60 MB would cost as much as the hash.
  const tailStart = Math.max(0, text.length - 100);
  const match = SIGNED_TAIL.exec(text.slice(tailStart));
  if (!match) return undefined;
  // Hash the body as a slice plus the closing brace, never as one joined string.
  return { expected: match[1]!, actual: sha256Text(text.slice(0, tailStart + match.index), '\n}\n') };
}

const TAIL_DECODER = new TextDecoder('windows-1252');

/**
 * `checkTail` over the UTF-8 bytes of a file. The tail is decoded one character per byte, so the
 * match index is a byte offset; the body is hashed as it lies in the buffer.
 */
export function checkTailBytes(bytes: Uint8Array): { expected: string; actual: string } | undefined {
  const tailStart = Math.max(0, bytes.length - 100);
  const match = SIGNED_TAIL.exec(TAIL_DECODER.decode(bytes.subarray(tailStart)));
  if (!match) return undefined;
  return { expected: match[1]!, actual: sha256Bytes(bytes.subarray(0, tailStart + match.index), '\n}\n') };
}

// Chunked form of canonicalJson, for lists whose text is longer than V8's longest string
// (~512 MiB of UTF-16, reached near 1,000,000 materials). It writes the same bytes as
// `JSON.stringify(content, null, 2)`: the head (everything before `departments`, the last key) on
// its own, then the items of each department in batches, each batch stringified inside a wrapper
// as deep as `departments[].items[]`, so that JSON.stringify itself indents the items to their
// depth and the wrapper's fixed opening and closing are cut off. One call per batch instead of a
// stringify and a re-indenting replace per item: about 1.7 × faster (measured on 40,000 materials),
// and it runs twice per publication (checksum, then the file).
const ITEMS_PER_CHUNK = 32;
const WRAPPER_OPEN = '{\n  "d": [\n    {\n      "i": [\n';
const WRAPPER_CLOSE = '\n      ]\n    }\n  ]\n}';

function* departmentChunks(d: PublishedDepartment, first: boolean): Generator<string, void, undefined> {
  const open = `${first ? '' : ','}\n    {\n      "name": ${JSON.stringify(d.name)},\n      "items": [`;
  if (d.items.length === 0) {
    yield `${open}]\n    }`;
    return;
  }
  yield open;
  const items = d.items;
  for (let start = 0; start < items.length; start += ITEMS_PER_CHUNK) {
    const batch =
      start === 0 && items.length <= ITEMS_PER_CHUNK ? items : items.slice(start, start + ITEMS_PER_CHUNK);
    const text = JSON.stringify({ d: [{ i: batch }] }, null, 2);
    // Within a batch JSON.stringify separates items with ",\n" and the item indent already.
    yield `${start === 0 ? '\n' : ',\n'}${text.slice(WRAPPER_OPEN.length, text.length - WRAPPER_CLOSE.length)}`;
  }
  yield '\n      ]\n    }';
}

/**
 * The canonical JSON of content already in canonical order (as from canonicalContent), in pieces
 * — the head, then each department's opening and each of its items — without the closing `\n}`.
 * Joined and followed by `\n}` they are exactly `canonicalJson(content)`.
 */
export function* canonicalBodyChunks(content: Unsigned): Generator<string, void, undefined> {
  const { departments, ...head } = content;
  const headJson = JSON.stringify(head, null, 2);
  // `departments` is the last key of the canonical order, so the head's closing "\n}" is where it goes.
  yield `${headJson.slice(0, -2)},\n  "departments": [`;
  if (departments.length === 0) {
    yield ']';
    return;
  }
  let first = true;
  for (const d of departments) {
    yield* departmentChunks(d, first);
    first = false;
  }
  yield '\n  ]';
}

/** The end of signed canonical text after the body: the checksum as last member, `}`, `\n`. */
export function signedTail(sha256: string): string {
  return `,\n  "sha256": "${sha256}"\n}\n`;
}

/**
 * sha256 of the canonical text of canonical content, hashed chunk by chunk (never one string),
 * so it works past V8's string limit. Equal to `checksumOfJson(canonicalJson(content))`.
 */
export function contentChecksum(content: Unsigned): string {
  const hash = createSha256();
  for (const chunk of canonicalBodyChunks(content)) hash.update(chunk);
  hash.update('\n}\n');
  return hash.digest();
}

/** sha256 of the canonical text of the publication without its `sha256` member. */
export function publicationChecksum(pub: Unsigned): string {
  return contentChecksum(canonicalContent(pub));
}
