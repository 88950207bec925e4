import { createNameNormalizer } from '@jianzheng/core';
import { ComparisonFinishedError, DuplicateBatchInComparisonError, InvalidMinCancelledError } from './errors';
import { collectFindings } from './findings';
import { comparisonNotice } from './notice';
import type {
  ComparablePublication,
  ComparedJurisdiction,
  CompareOptions,
  ComparisonCell,
  ComparisonRow,
  JurisdictionComparison,
} from './types';

/** A comparison fed one publication at a time, so only one publication need be in memory. */
export interface JurisdictionComparisonBuilder {
  /**
   * Adds a publication. Publications of the same jurisdiction (same code) form one column; the
   * same batch of a jurisdiction twice is refused (`DuplicateBatchInComparisonError`). Nothing of
   * the publication is kept but names, decisions and batch titles.
   */
  add(publication: ComparablePublication): void;
  /** The matrix and the findings. Throws `ComparisonFinishedError` when called twice. */
  finish(): JurisdictionComparison;
}

/**
 * A row while publications are added; `finish` completes it in place (dense cells, counts), so a
 * province's matrix is held once, not twice.
 */
interface RowState extends ComparisonRow {
  /** Sparse while building: index = jurisdiction column. */
  cells: ComparisonCell[];
}

interface ItemGroup {
  /** Creation order: a merge keeps the older group. */
  order: number;
  /** Set when this group was merged into another (see `groupFor`). */
  mergedInto: ItemGroup | null;
  /** Shared by every row of the item. */
  item: ComparisonRow['item'];
  rows: Map<string, RowState>;
  /** Cells naming alternatives, resolved against the other jurisdictions' rows at `finish`. */
  alternatives: { column: number; names: readonly string[]; cell: ComparisonCell; whole: string }[];
}

const NOT_LISTED: ComparisonCell = Object.freeze({
  state: 'not-listed',
  category: null,
  replacement: null,
  department: null,
  batch: null,
  via: null,
});

/**
 * Starts a comparison across jurisdictions (domain.md §13). Items are matched by code, else by
 * normalized name: an item whose code another jurisdiction already used joins that item; otherwise
 * one with the same normalized name; otherwise it starts a row group of its own. Materials are
 * matched by normalized name within matched items. When a jurisdiction lists the same material
 * twice in one matched item (two departments, or a duplicate), “demanded” wins: it still asks for it.
 */
export function createJurisdictionComparison(options: CompareOptions = {}): JurisdictionComparisonBuilder {
  const k = options.minCancelledElsewhere ?? 2;
  if (!Number.isInteger(k) || k < 1) throw new InvalidMinCancelledError(k);
  const normalize = createNameNormalizer();
  const jurisdictions: ComparedJurisdiction[] = [];
  const columnOf = new Map<string, number>();
  const groups: ItemGroup[] = [];
  const byCode = new Map<string, ItemGroup>();
  const byName = new Map<string, ItemGroup>();
  const cells = new Map<string, ComparisonCell>();
  // Every list repeats the same names, each parsed into strings of its own: one kept copy each.
  const texts = new Map<string, string>();
  const text = (value: string): string => {
    const kept = texts.get(value);
    if (kept !== undefined) return kept;
    texts.set(value, value);
    return value;
  };
  let finished = false;

  // Cells repeat (a column has a few departments × categories × replacements): one object each.
  const cellFor = (fields: Omit<ComparisonCell, 'batch'> & { batch: number }): ComparisonCell => {
    const key = `${fields.state}\u0000${fields.category?.id ?? ''}\u0000${fields.replacement ?? ''}\u0000${fields.department}\u0000${fields.batch}\u0000${fields.via ?? ''}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = Object.freeze({ ...fields, category: fields.category && Object.freeze({ ...fields.category }) });
      cells.set(key, cell);
    }
    return cell;
  };

  // Matching is transitive: 砀山's 户口迁入登记 (code GA-001) and 萧县's 户口迁入 (no code) are one
  // item once 宿州's 户口迁入 with code GA-001 arrives, whichever came first. So an item that
  // matches two groups, one by code and one by name, merges them (into the older one).
  const groupFor = (code: string | null, name: string, type: string | null): ItemGroup => {
    const normalized = normalize(name);
    const byItsCode = code ? root(byCode.get(code)) : undefined;
    const byItsName = root(byName.get(normalized));
    let group = byItsCode ?? byItsName;
    if (!group) {
      group = {
        order: groups.length,
        mergedInto: null,
        item: { code: code && text(code), name: text(name), type: type && text(type) },
        rows: new Map(),
        alternatives: [],
      };
      groups.push(group);
    } else if (byItsCode && byItsName && byItsCode !== byItsName) {
      const [older, newer] =
        byItsCode.order < byItsName.order ? [byItsCode, byItsName] : [byItsName, byItsCode];
      mergeGroup(newer, older);
      group = older;
    }
    if (code && !byCode.has(code)) byCode.set(code, group);
    if (!byName.has(normalized)) byName.set(normalized, group);
    group.item.code ??= code && text(code);
    group.item.type ??= type && text(type);
    return group;
  };

  const columnFor = (pub: ComparablePublication): { column: number; batch: number } => {
    let column = columnOf.get(pub.jurisdiction.code);
    if (column === undefined) {
      column = jurisdictions.length;
      columnOf.set(pub.jurisdiction.code, column);
      const { code, name, level } = pub.jurisdiction;
      jurisdictions.push({ code, name, level, batches: [], items: 0, materials: 0, cancelled: 0 });
    }
    const jurisdiction = jurisdictions[column]!;
    const earlier = jurisdiction.batches.find((b) => b.id === pub.batch.id);
    if (earlier)
      throw new DuplicateBatchInComparisonError(jurisdiction.name, pub.batch.id, [
        earlier.version,
        pub.version,
      ]);
    jurisdiction.batches.push({
      id: pub.batch.id,
      title: pub.batch.title,
      documentNumber: pub.batch.documentNumber ?? null,
      version: pub.version,
      publishedAt: pub.publishedAt,
    });
    return { column, batch: jurisdiction.batches.length - 1 };
  };

  return {
    add(pub) {
      if (finished) throw new ComparisonFinishedError();
      const { column, batch } = columnFor(pub);
      const counts = jurisdictions[column]!;
      for (const department of pub.departments) {
        for (const item of department.items) {
          counts.items += 1;
          const group = groupFor(item.code, item.name, item.type);
          for (const material of item.materials) {
            counts.materials += 1;
            const cancelled = material.verdict === 'cancel';
            if (cancelled) counts.cancelled += 1;
            const cell = cellFor({
              state: cancelled ? 'cancelled' : 'demanded',
              category: cancelled ? material.category : null,
              replacement: cancelled ? material.replacement : null,
              department: text(department.name),
              batch,
              via: null,
            });
            const normalizedName = normalize(material.name);
            let row = group.rows.get(normalizedName);
            if (!row) {
              row = {
                item: group.item,
                material: text(material.name),
                normalizedName,
                cells: [],
                demanded: 0,
                cancelled: 0,
                notListed: 0,
              };
              group.rows.set(normalizedName, row);
            }
            setCell(row, column, cell);
            if (material.alternatives && material.alternatives.length > 1)
              group.alternatives.push({
                column,
                names: material.alternatives.map(normalize),
                cell,
                whole: material.name,
              });
          }
        }
      }
    },

    finish() {
      if (finished) throw new ComparisonFinishedError();
      finished = true;
      const live = groups.filter((group) => !group.mergedInto);
      for (const group of live) resolveAlternatives(group, cellFor);
      const width = jurisdictions.length;
      const rows: ComparisonRow[] = [];
      for (const group of live) {
        for (const row of group.rows.values()) {
          const rowCells = row.cells;
          for (let j = 0; j < width; j++) {
            const cell = rowCells[j] ?? NOT_LISTED;
            rowCells[j] = cell;
            if (cell.state === 'demanded') row.demanded += 1;
            else if (cell.state === 'cancelled') row.cancelled += 1;
          }
          row.notListed = width - row.demanded - row.cancelled;
          rows.push(row);
        }
        group.rows.clear();
      }
      texts.clear();
      cells.clear();
      return {
        minCancelledElsewhere: k,
        notice: comparisonNotice(jurisdictions.length, k),
        jurisdictions,
        rows,
        findings: collectFindings(jurisdictions, rows, k),
      };
    },
  };
}

const root = (group: ItemGroup | undefined): ItemGroup | undefined => {
  let current = group;
  while (current?.mergedInto) current = current.mergedInto;
  return current;
};

/** A jurisdiction that lists a material twice in one item still demands it if either is demanded. */
function setCell(row: RowState, column: number, cell: ComparisonCell): void {
  const present = row.cells[column];
  if (!present || (present.state === 'cancelled' && cell.state === 'demanded')) row.cells[column] = cell;
}

function mergeGroup(from: ItemGroup, into: ItemGroup): void {
  from.mergedInto = into;
  into.item.code ??= from.item.code;
  into.item.type ??= from.item.type;
  for (const [name, row] of from.rows) {
    const kept = into.rows.get(name);
    if (!kept) {
      row.item = into.item;
      into.rows.set(name, row);
      continue;
    }
    row.cells.forEach((cell, column) => {
      if (cell) setCell(kept, column, cell);
    });
  }
  from.rows.clear();
  into.alternatives.push(...from.alternatives);
  from.alternatives.length = 0;
}

/**
 * A jurisdiction that lists “居民身份证或户口簿” does not list 居民身份证 on its own, yet has decided
 * about it: where another jurisdiction lists an alternative by itself and this one lists nothing
 * under that name, the alternatives cell's decision fills the gap, marked `via` the cell's name.
 */
function resolveAlternatives(
  group: ItemGroup,
  cellFor: (fields: Omit<ComparisonCell, 'batch'> & { batch: number }) => ComparisonCell,
): void {
  for (const entry of group.alternatives) {
    for (const name of entry.names) {
      const row = group.rows.get(name);
      if (!row || row.cells[entry.column]) continue;
      row.cells[entry.column] = cellFor({ ...entry.cell, batch: entry.cell.batch ?? 0, via: entry.whole });
    }
  }
  group.alternatives.length = 0;
}

/**
 * Compares published lists of several jurisdictions (domain.md §13): the (item, material) ×
 * jurisdiction matrix and the findings — materials a jurisdiction still demands while at least
 * `minCancelledElsewhere` (default 2) others cancelled them, with their categories and documents.
 * For lists too large to hold together, feed `createJurisdictionComparison` one at a time.
 */
export function compareJurisdictions(
  publications: Iterable<ComparablePublication>,
  options: CompareOptions = {},
): JurisdictionComparison {
  const builder = createJurisdictionComparison(options);
  for (const publication of publications) builder.add(publication);
  return builder.finish();
}
