// How a publication crosses to the thread that writes its Excel attachment (attachment-thread.ts).
// A structured clone of a million published rows would cost this thread seconds to serialize and
// hold a second copy of every row on the worker. Packed, each distinct string (the builder keeps
// one copy of each repeated text) and each label object crosses once, and a row is one integer
// per field in a transferred buffer. The worker reads the rows through views, so it never holds
// them as objects. Material ids do not cross: the attachment shows none, and a million of them
// were 16 MB joined on this thread and cloned again on the worker, at the pipeline's peak memory.
// The rows are packed in batches of whole departments, each announced to the worker as it is
// complete, while the worker already writes the first sheet: packing a million rows took this
// thread 1.2–1.5 s, which the worker spent waiting. The cells are packed into one buffer for all
// rows, as before, each batch's part copied out to cross, and the whole buffer follows at the
// end (the worker then reads from it and drops its copies). Packed straight into a buffer per
// batch, or into one shared with the worker, the rows did not make this thread collect its old
// garbage (the builder's, ~300 MB) while packing, and the pipeline's peak grew by 100 MB; the
// whole buffer kept here after packing would have been 68 MB more at 1,000,000 rows.
import {
  type PublishedDepartment,
  type PublishedItem,
  type PublishedMaterial,
  PublishedMaterialSchema,
} from '@jianzheng/core';
import { type AttachmentSource, countRows, type Kind } from './attachment-layout';
import type { ArrivingRows } from './attachment-sheets';

/** What crosses before any row: the head, how many departments follow and each sheet's rows. */
export interface PackedHead {
  /** Everything but the departments (and the checksum, which the attachment does not show). */
  head: Omit<AttachmentSource, 'departments'>;
  departments: number;
  rows: Record<Kind, number>;
}

/**
 * A run of whole departments. String and object indices count from the first batch; a batch
 * brings the strings and objects first used in it.
 */
export interface PackedBatch {
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

/** The head of a publication's attachment; counting the rows of each sheet reads every row once. */
export function packHead(publication: AttachmentSource): PackedHead {
  const head: Record<string, unknown> = {};
  for (const key of Object.keys(publication))
    if (key !== 'departments' && key !== 'sha256') head[key] = publication[key as keyof AttachmentSource];
  return {
    head: head as PackedHead['head'],
    departments: publication.departments.length,
    rows: countRows(publication),
  };
}

/**
 * Packs the rows department by department, yielding a batch whenever at least `rowsPerBatch`
 * rows are packed, and at the end; returns the cells of all rows, for `whole`. Returns
 * undefined when a row has other fields than the schema's or a value that is neither a string,
 * null nor an object (an older schema's row): the batches yielded are then of no use, and the
 * caller writes on its own thread. The checksum is not read (a pending one would cost a pass
 * over the whole text).
 */
export function* packBatches(
  publication: AttachmentSource,
  rowsPerBatch: number,
): Generator<PackedBatch, Int32Array | undefined, undefined> {
  let strings: string[] = [];
  let objects: unknown[] = [];
  let stringCount = 0;
  let objectCount = 0;
  const stringIndex = new Map<string, number>();
  const objectIndex = new Map<unknown, number>();
  const value = (v: unknown): number | undefined => {
    if (typeof v === 'string') {
      let index = stringIndex.get(v);
      if (index === undefined) {
        index = stringCount++;
        strings.push(v);
        stringIndex.set(v, index);
      }
      return index;
    }
    if (v === null) return NULL;
    if (typeof v !== 'object') return undefined;
    let index = objectIndex.get(v);
    if (index === undefined) {
      index = objectCount++;
      objects.push(v);
      objectIndex.set(v, index);
    }
    return OBJECT - index;
  };

  const { departments } = publication;
  const last: unknown[] = new Array(WIDTH);
  let total = 0;
  for (const department of departments) for (const item of department.items) total += item.materials.length;
  const cells = new Int32Array(total * WIDTH);
  let c = 0;
  for (let from = 0; from < departments.length; ) {
    let to = from;
    let items = 0;
    let rows = 0;
    while (to < departments.length && (to === from || rows < rowsPerBatch)) {
      const department = departments[to++]!;
      items += department.items.length;
      for (const item of department.items) rows += item.materials.length;
    }
    const batchStart = c;
    const shape = new Int32Array((to - from) * 2 + items * 4);
    let s = 0;
    for (let d = from; d < to; d++) {
      const department = departments[d]!;
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
        const { materials } = item;
        // Indexed: a for-of made an iterator result per row before this was optimized.
        for (let m = 0; m < materials.length; m++) {
          const row = materials[m]!;
          // The keys in schema order (names compare as pointers), each value read by its for-in
          // key: a field load, where Object.values made an array per row (174 MB of garbage at 1M).
          let f = -1;
          for (const key in row) {
            if (key !== FIELDS[++f]) return undefined;
            const v = (row as Record<string, unknown>)[key];
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
          if (f !== WIDTH - 1) return undefined;
        }
      }
    }
    yield { strings, objects, departments: to - from, shape, cells: cells.slice(batchStart, c) };
    strings = [];
    objects = [];
    from = to;
  }
  return cells;
}

/**
 * The publication again on the attachment's thread, its departments filled in as batches arrive
 * (`add`): departments and items as objects; each item's `materials`, whenever read, a fresh
 * array of views that decode a field only when it is read (the writer reads a few fields of each
 * row, once per sheet). The views are for reading fields: they have no own properties to spread
 * or serialise. `arrival` tells the writer when a department is here.
 */
export class ArrivingPublication {
  readonly publication: AttachmentSource;
  readonly arrival: ArrivingRows;
  private readonly strings: string[] = [];
  private readonly objects: unknown[] = [];
  private readonly departments: PublishedDepartment[];
  private filled = 0;
  /** Rows of the departments here: where the next batch's rows start in the cells. */
  private rowsHere = 0;
  private waiting: { department: number; resolve: () => void; reject: (error: Error) => void } | undefined;
  private abandoned = false;

  private readonly cellValue = (cell: number): unknown =>
    cell >= 0 ? this.strings[cell] : cell === NULL ? null : this.objects[OBJECT - cell];
  /** The cells of all rows: this thread's copy of the batches', until the sender's whole buffer comes. */
  private readonly store: { cells: Int32Array };
  private readonly Row: ReturnType<typeof rowView>;

  constructor(packed: PackedHead) {
    const { rows } = packed;
    this.store = {
      cells: new Int32Array((rows.cancel + rows.planned + rows.commitment + rows.retain) * WIDTH),
    };
    this.Row = rowView(this.store, this.cellValue);
    this.departments = new Array(packed.departments);
    this.publication = { ...packed.head, departments: this.departments };
    this.arrival = {
      rows: packed.rows,
      ready: (department) => {
        if (department < this.filled) return undefined;
        if (this.abandoned) return Promise.reject(abandonedError());
        return new Promise<void>((resolve, reject) => {
          this.waiting = { department, resolve, reject };
        });
      },
    };
  }

  /** The sender's buffer of all rows, the same cells as the batches': this thread's copy can go. */
  whole(cells: Int32Array): void {
    this.store.cells = cells;
  }

  /** The rest will not come (the sender found a row it cannot pack): the writer stops. */
  abandon(): void {
    this.abandoned = true;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(abandonedError());
  }

  add(batch: PackedBatch): void {
    for (const text of batch.strings) this.strings.push(text);
    for (const object of batch.objects) this.objects.push(object);
    const { shape } = batch;
    // Into the one array of all rows: a class of row views per batch made the writer's field
    // reads polymorphic, which cost more than the overlap won.
    this.store.cells.set(batch.cells, this.rowsHere * WIDTH);
    const cellValue = this.cellValue;
    const Row = this.Row;
    const rowsAt = (first: number, count: number): PublishedMaterial[] => {
      const rows: PublishedMaterial[] = new Array(count);
      for (let r = 0; r < count; r++) rows[r] = new Row((first + r) * WIDTH) as unknown as PublishedMaterial;
      return rows;
    };
    let s = 0;
    let row = this.rowsHere;
    for (let d = 0; d < batch.departments; d++) {
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
      this.departments[this.filled++] = { name, items };
    }
    this.rowsHere = row;
    const waiting = this.waiting;
    if (waiting !== undefined && waiting.department < this.filled) {
      this.waiting = undefined;
      waiting.resolve();
    }
  }
}

const abandonedError = () => new Error('the publication stopped arriving (a row the packer does not know)');

/** The class of the row views: a getter per field, decoding its cell when read. */
function rowView(store: { cells: Int32Array }, cellValue: (cell: number) => unknown) {
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
              return cellValue(store.cells[this.at + f]!);
            },
    });
  return Row;
}
