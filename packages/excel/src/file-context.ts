import type { Material, ServiceItem } from '@jianzheng/core';
import type { IssueCollector } from './issues';
import { textMemos } from './text-memos';

/** One sheet as imported. */
export interface SheetSummary {
  name: string;
  /** The sheet's department: from the column, else the 填报单位 line, else the fallback or sheet name. */
  department: string | null;
  /** Materials imported from this sheet. */
  rows: number;
  /** Why the sheet was skipped (no header), when it was. */
  skipped?: string;
}

/** The materials of one item, complete: the next item started or the sheet ended. */
export interface ItemGroup {
  sheet: string;
  item: ServiceItem;
  materials: Material[];
}

export interface ItemState {
  item: ServiceItem;
  /** core's itemKey of the item, computed once. */
  key: string;
  /** Normalized material name → occurrences so far, so a later block of the same item continues #2, #3. */
  counts: Map<string, number>;
  firstRow: number;
  sheet: string;
}

export interface OpenGroup {
  key: string;
  state: ItemState;
  materials: Material[];
}

/** State shared by all sheets of one file. */
export class FileContext {
  readonly departments = new Set<string>();
  readonly sheets: SheetSummary[] = [];
  readonly items = new Map<string, ItemState>();
  /** The memoized text functions: this file's own, or those the files of an import worker share. */
  private readonly memos = textMemos();
  readonly normalize = this.memos.normalize;
  readonly cleanName = this.memos.cleanName;
  readonly cleanText = this.memos.cleanText;
  readonly cleanDepartment = this.memos.cleanDepartment;
  readonly cleanItemName = this.memos.cleanItemName;
  readonly yesNo = this.memos.yesNo;
  readonly source = this.memos.source;
  readonly proposal = this.memos.proposal;
  readonly itemType = this.memos.itemType;
  readonly superior = this.memos.superior;
  readonly alternatives = this.memos.alternatives;
  rows = 0;
  materials = 0;
  /** Rows whose 设定依据 was blank (read as none), for the one warning per file (domain.md §8). */
  readonly blankLegalBasis = new BlankRows();
  /** Sheets with recognised headers but no material column (汇总): a warning or an error at the end. */
  readonly withoutMaterialColumn: Array<{ sheet: string; row: number; names: string[] }> = [];

  constructor(
    readonly file: string,
    readonly issues: IssueCollector,
    readonly fallbackDepartment: string | undefined,
    /** How many items keep their state for a later, non-adjacent block (bounded memory when streaming). */
    readonly maxTrackedItems: number,
  ) {}

  /** The one ServiceItem object of an item key, so every material of the item shares it. */
  itemState(key: string, create: () => ItemState): { state: ItemState; repeated: boolean } {
    const known = this.items.get(key);
    if (known !== undefined) {
      // Re-insert to keep the most recently used items at the end of the Map's order.
      this.items.delete(key);
      this.items.set(key, known);
      return { state: known, repeated: true };
    }
    const state = create();
    this.items.set(key, state);
    if (this.items.size > this.maxTrackedItems) {
      const oldest = this.items.keys().next().value;
      if (oldest !== undefined) this.items.delete(oldest);
    }
    return { state, repeated: false };
  }
}

/** Rows counted by sheet, the first ones kept for a message (bounded whatever the file's size). */
export class BlankRows {
  readonly bySheet = new Map<string, { count: number; rows: number[]; missingColumn: boolean }>();
  count = 0;

  add(sheet: string, row: number, missingColumn: boolean): void {
    this.count++;
    let entry = this.bySheet.get(sheet);
    if (entry === undefined) {
      entry = { count: 0, rows: [], missingColumn };
      this.bySheet.set(sheet, entry);
    }
    entry.count++;
    if (entry.rows.length < 30) entry.rows.push(row);
  }
}
