// How a publication crosses to the thread that writes its Excel attachment (attachment-thread.ts).
// A structured clone of a million published rows would cost this thread seconds to serialize and
// hold a second copy of every row on the worker. Packed, each distinct string (the builder keeps
// one copy of each repeated text) and each label object crosses once, and a row is one integer
// per field in a transferred buffer. The worker reads the rows through views, so it never holds
// them as objects. Material ids do not cross: the attachment shows none, and a million of them
// were 16 MB joined on this thread and cloned again on the worker, at the pipeline's peak memory.
import {
  type PublishedDepartment,
  type PublishedItem,
  type PublishedMaterial,
  PublishedMaterialSchema,
} from '@jianzheng/core';
import type { AttachmentSource } from './attachment-layout';

/** A publication as strings, label objects and integers. */
export interface PackedPublication {
  /** Everything but the departments (and the checksum, which the attachment does not show). */
  head: Omit<AttachmentSource, 'departments'>;
  strings: string[];
  /** Values that are objects (category and wording labels), each distinct object once. */
  objects: unknown[];
  departments: number;
  /** Per department its name and item count; then per item its code, name, type and row count. */
  shape: Int32Array;
  /** FIELDS.length values per row: a string index, NULL, or an object (OBJECT - index); the id's cell unused. */
  cells: Int32Array;
}

// The row's fields in schema order, the order every publication's rows have (canonical form).
const FIELDS = Object.keys(PublishedMaterialSchema.shape) as ReadonlyArray<keyof PublishedMaterial>;
const WIDTH = FIELDS.length;
const ID = FIELDS.indexOf('id');
const NULL = -1;
const OBJECT = -2;

/**
 * Packs a publication; undefined when a row has other fields than the schema's or a value that is
 * neither a string, null nor an object (an older schema's row): the caller then writes on its own
 * thread. The checksum is not read (a pending one would cost a pass over the whole text).
 */
export function packPublication(publication: AttachmentSource): PackedPublication | undefined {
  const head: Record<string, unknown> = {};
  for (const key of Object.keys(publication))
    if (key !== 'departments' && key !== 'sha256') head[key] = publication[key as keyof AttachmentSource];
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const objects: unknown[] = [];
  const objectIndex = new Map<unknown, number>();
  const value = (v: unknown): number | undefined => {
    if (typeof v === 'string') {
      let index = stringIndex.get(v);
      if (index === undefined) {
        index = strings.push(v) - 1;
        stringIndex.set(v, index);
      }
      return index;
    }
    if (v === null) return NULL;
    if (typeof v !== 'object') return undefined;
    let index = objectIndex.get(v);
    if (index === undefined) {
      index = objects.push(v) - 1;
      objectIndex.set(v, index);
    }
    return OBJECT - index;
  };

  const { departments } = publication;
  let items = 0;
  let rows = 0;
  for (const department of departments) {
    items += department.items.length;
    for (const item of department.items) rows += item.materials.length;
  }
  const shape = new Int32Array(departments.length * 2 + items * 4);
  const cells = new Int32Array(rows * WIDTH);
  const last: unknown[] = new Array(WIDTH);
  let s = 0;
  let c = 0;
  for (const department of departments) {
    const name = value(department.name);
    if (name === undefined) return undefined;
    shape[s++] = name;
    shape[s++] = department.items.length;
    for (const item of department.items) {
      const code = value(item.code);
      const itemName = value(item.name);
      const type = value(item.type);
      if (code === undefined || itemName === undefined || type === undefined) return undefined;
      shape[s++] = code;
      shape[s++] = itemName;
      shape[s++] = type;
      shape[s++] = item.materials.length;
      for (const row of item.materials) {
        // The keys in schema order (names compare as pointers), then all values in one call.
        let f = 0;
        for (const key in row) if (key !== FIELDS[f++]) return undefined;
        if (f !== WIDTH) return undefined;
        const values = Object.values(row);
        for (f = 0; f < WIDTH; f++) {
          const v = values[f];
          if (f === ID) {
            cells[c++] = NULL;
            continue;
          }
          // Rows of an item mostly repeat the row before them field by field: no lookup then.
          if (v === last[f] && c >= WIDTH) {
            cells[c] = cells[c - WIDTH]!;
            c++;
            continue;
          }
          const packed = value(v);
          if (packed === undefined) return undefined;
          last[f] = v;
          cells[c++] = packed;
        }
      }
    }
  }
  return {
    head: head as PackedPublication['head'],
    strings,
    objects,
    departments: departments.length,
    shape,
    cells,
  };
}

/**
 * The publication again, for the attachment writer: departments and items as objects; each
 * item's `materials`, whenever read, a fresh array of views that decode a field only when it is
 * read (the writer reads a few fields of each row, once per sheet). The views are for reading
 * fields: they have no own properties to spread or serialise.
 */
export function unpackPublication(packed: PackedPublication): AttachmentSource {
  const { strings, objects, shape, cells } = packed;
  const cellValue = (cell: number): unknown =>
    cell >= 0 ? strings[cell] : cell === NULL ? null : objects[OBJECT - cell];
  class Row {
    constructor(readonly at: number) {}
  }
  for (const [f, field] of FIELDS.entries())
    Object.defineProperty(Row.prototype, field, {
      get:
        f === ID
          ? () => {
              // A layout that shows ids would need them packed again (see the top of this file).
              throw new Error('material ids are not passed to the attachment thread');
            }
          : function (this: Row) {
              return cellValue(cells[this.at + f]!);
            },
    });
  const rowsAt = (first: number, count: number): PublishedMaterial[] => {
    const rows: PublishedMaterial[] = new Array(count);
    for (let r = 0; r < count; r++) rows[r] = new Row((first + r) * WIDTH) as unknown as PublishedMaterial;
    return rows;
  };
  const departments: PublishedDepartment[] = [];
  let s = 0;
  let row = 0;
  for (let d = 0; d < packed.departments; d++) {
    const name = cellValue(shape[s++]!) as string;
    const items: PublishedItem[] = new Array(shape[s++]!);
    for (let i = 0; i < items.length; i++) {
      const code = cellValue(shape[s++]!) as string | null;
      const itemName = cellValue(shape[s++]!) as string;
      const type = cellValue(shape[s++]!) as string | null;
      const first = row;
      const count = shape[s++]!;
      row += count;
      items[i] = {
        code,
        name: itemName,
        type,
        get materials() {
          return rowsAt(first, count);
        },
      };
    }
    departments.push({ name, items });
  }
  return { ...packed.head, departments };
}
