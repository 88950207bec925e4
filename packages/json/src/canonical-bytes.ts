import type { Publication } from '@jianzheng/core';
import { canonicalBodyChunks } from './canonical-chunks';
import {
  asciiBytes as ascii,
  ByteOutput,
  QUOTED_BYTES_PER_UNIT as QUOTED,
  TEXT_BYTES_PER_UNIT as TEXT,
  utf8Bytes,
} from './json-bytes';
import { hasKeys } from './plain-keys';
import { RowTails } from './row-tails';

type Unsigned = Omit<Publication, 'sha256'>;

export interface BodyBytesOptions {
  /** Size of the reused output array (default 256 KiB). */
  bufferBytes?: number;
  /** The row tail cache to use (tests pass one with small limits to reach them). */
  tails?: RowTails;
}

// The fixed punctuation around departments, items and rows, as JSON.stringify(…, null, 2) puts it
// at their depth (departments[] at 4 spaces, items[] at 8, materials[] at 12).
const ROW_FIRST = ascii('\n            {\n              "id": ');
const ROW_NEXT = ascii(',\n            {\n              "id": ');
const ROW_NAME = ascii(',\n              "name": ');
const ITEM_FIRST = ascii('\n        {\n          "code": ');
const ITEM_NEXT = ascii(',\n        {\n          "code": ');
const ITEM_NAME = ascii(',\n          "name": ');
const ITEM_TYPE = ascii(',\n          "type": ');
const ITEM_MATERIALS = ascii(',\n          "materials": [');
const ITEM_EMPTY_CLOSE = ascii(']\n        }');
const ITEM_CLOSE = ascii('\n          ]\n        }');
const NULL = ascii('null');
// Room for any of the pieces above written between two checks.
const FIXED = 64;

const DEPARTMENT_KEYS = ['name', 'items'];
const ITEM_KEYS = ['code', 'name', 'type', 'materials'];

// The wrapper's text before the element's indentation and after the element, measured once per depth.
const cuts = new Map<number, { head: number; tail: number }>();

/** `value` as JSON.stringify(…, null, 2) writes it as an element of an array `depth` spaces deep. */
function elementText(value: unknown, depth: number): string {
  const wrap = (inner: unknown) => {
    let wrapped = inner;
    for (let level = depth; level > 4; level -= 4) wrapped = { a: [wrapped] };
    return { a: [wrapped] };
  };
  let cut = cuts.get(depth);
  if (cut === undefined) {
    const probe = JSON.stringify(wrap(0), null, 2);
    const at = probe.indexOf('0');
    cut = { head: at - depth, tail: probe.length - at - 1 };
    cuts.set(depth, cut);
  }
  const text = JSON.stringify(wrap(value), null, 2);
  return text.slice(cut.head, text.length - cut.tail);
}

const isList = (value: unknown): value is unknown[] =>
  Array.isArray(value) && (value as { toJSON?: unknown }).toJSON === undefined;
const isText = (value: unknown): value is string | null => value === null || typeof value === 'string';

/**
 * The UTF-8 bytes of `canonicalBodyChunks(content)` — the canonical JSON of content in canonical
 * order, without the closing `\n}` — in pieces, mostly views of one reused array: a consumer must
 * be done with a piece (written, hashed) before asking for the next. Rows are written from the
 * row tail cache (row-tails.ts); rows, items or departments of any other shape are stringified as
 * before, so the bytes are those of JSON.stringify(content, null, 2) for any content.
 */
export function* canonicalBodyBytes(
  content: Unsigned,
  options: BodyBytesOptions = {},
): Generator<Uint8Array, void, undefined> {
  const out = new ByteOutput(options.bufferBytes ?? 256 << 10);
  const departments = content.departments as unknown;
  if (!isList(departments)) {
    for (const chunk of canonicalBodyChunks(content)) yield* text(out, chunk);
    if (out.pos > 0) yield out.take();
    return;
  }
  const tails = options.tails ?? new RowTails();
  const { departments: _, ...head } = content;
  const headJson = JSON.stringify(head, null, 2);
  // `departments` is the last key of the canonical order, so the head's closing "\n}" is where it goes.
  yield* text(out, `${headJson.slice(0, -2)},\n  "departments": [`);
  for (let d = 0; d < departments.length; d++) {
    const department = departments[d];
    const separator = d === 0 ? '\n' : ',\n';
    if (
      !hasKeys(department, DEPARTMENT_KEYS) ||
      typeof department.name !== 'string' ||
      !isList(department.items)
    ) {
      yield* text(out, separator + elementText(department, 4));
      continue;
    }
    const items = department.items;
    yield* text(
      out,
      `${separator}    {\n      "name": ${JSON.stringify(department.name)},\n      "items": [`,
    );
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const shaped = hasKeys(item, ITEM_KEYS);
      const { code, name, type, materials } = shaped ? item : ({} as Record<string, unknown>);
      if (!shaped || !isText(code) || typeof name !== 'string' || !isText(type) || !isList(materials)) {
        yield* text(out, (i === 0 ? '\n' : ',\n') + elementText(item, 8));
        continue;
      }
      const itemBytes = 3 * FIXED + QUOTED * ((code?.length ?? 2) + name.length + (type?.length ?? 2) + 6);
      if (out.room() < itemBytes) {
        if (out.pos > 0) yield out.take();
        if (out.room() < itemBytes) {
          yield* text(out, (i === 0 ? '\n' : ',\n') + elementText(item, 8));
          continue;
        }
      }
      out.raw(i === 0 ? ITEM_FIRST : ITEM_NEXT);
      if (code === null) out.raw(NULL);
      else out.quoted(code);
      out.raw(ITEM_NAME);
      out.quoted(name);
      out.raw(ITEM_TYPE);
      if (type === null) out.raw(NULL);
      else out.quoted(type);
      out.raw(ITEM_MATERIALS);
      if (materials.length === 0) {
        out.raw(ITEM_EMPTY_CLOSE);
        continue;
      }
      for (let r = 0; r < materials.length; r++) {
        const row = materials[r];
        if (tails.of(row)) {
          const { id, name: rowName } = row as { id: string; name: string };
          const decision = tails.parts[0]!;
          const material = tails.parts[1]!;
          const rowBytes =
            FIXED + QUOTED * (id.length + rowName.length + 4) + decision.length + material.length;
          if (out.room() < rowBytes && out.pos > 0) yield out.take();
          if (out.room() >= rowBytes) {
            out.raw(r === 0 ? ROW_FIRST : ROW_NEXT);
            out.quoted(id);
            out.raw(ROW_NAME);
            out.quoted(rowName);
            out.raw(decision);
            out.raw(material);
            continue;
          }
        }
        yield* text(out, (r === 0 ? '\n' : ',\n') + elementText(row, 12));
      }
      if (out.room() < FIXED) yield out.take();
      out.raw(ITEM_CLOSE);
    }
    yield* text(out, items.length === 0 ? ']\n    }' : '\n      ]\n    }');
  }
  yield* text(out, departments.length === 0 ? ']' : '\n  ]');
  if (out.pos > 0) yield out.take();
}

/** Text of any length into `out`, or on its own when it is longer than the array could hold. */
function* text(out: ByteOutput, chunk: string): Generator<Uint8Array, void, undefined> {
  const most = chunk.length * TEXT;
  if (out.room() >= most) {
    out.text(chunk);
    return;
  }
  if (out.pos > 0) yield out.take();
  if (out.room() >= most) out.text(chunk);
  else yield utf8Bytes(chunk);
}
