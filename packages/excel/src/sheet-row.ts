// One worksheet row as every reader (the xlsx scanner, SheetJS for the other formats) gives it.

/** An error cell (`#REF!`, `#DIV/0!` …), whether typed in or the cached result of a formula. */
export interface CellErrorValue {
  readonly error: string;
}

/**
 * A formula cell saved without its result (openpyxl and other scripts write formulas that no
 * spreadsheet has calculated): its value is unknown, so reading it as blank would be a silent
 * change. The importer reports it naming the cell.
 */
export interface UncalculatedFormula {
  readonly formula: string;
}

/** A cell's value as the worksheet stores it; shared strings are already resolved. */
export type CellValue = string | number | boolean | Date | CellErrorValue | UncalculatedFormula;

export function isUncalculated(value: unknown): value is UncalculatedFormula {
  return typeof value === 'object' && value !== null && 'formula' in value && !('result' in value);
}

/** One worksheet row: its 1-based number and its non-empty cells by 1-based column. */
export class SheetRow {
  /** The row as the file wrote it, when merged cells were filled in. */
  own: SheetRow | undefined;

  constructor(
    readonly number: number,
    private readonly columns: number[],
    private readonly values: CellValue[],
    /** The row is hidden (`hidden="1"`): imported, but the user is told. */
    readonly hidden = false,
  ) {}

  get isEmpty(): boolean {
    return this.columns.length === 0;
  }

  /** How many non-empty cells the row has; `columnAt` and `valueAt` read them left to right. */
  get size(): number {
    return this.columns.length;
  }

  columnAt(index: number): number {
    return this.columns[index]!;
  }

  valueAt(index: number): CellValue {
    return this.values[index]!;
  }

  value(column: number): CellValue | undefined {
    const columns = this.columns;
    for (let i = 0; i < columns.length; i++) if (columns[i] === column) return this.values[i];
    return undefined;
  }

  /** Visits the non-empty cells left to right. */
  eachValue(visit: (value: CellValue, column: number) => void): void {
    for (let i = 0; i < this.columns.length; i++) visit(this.values[i]!, this.columns[i]!);
  }

  /** Visits the non-empty cells left to right until `visit` returns true; whether it did. */
  some(visit: (value: CellValue, column: number) => boolean): boolean {
    for (let i = 0; i < this.columns.length; i++) if (visit(this.values[i]!, this.columns[i]!)) return true;
    return false;
  }

  /** Whether the row's own cells (not those a merged range above fills) hold `column`. */
  isOwn(column: number): boolean {
    return this.own === undefined || this.own.value(column) !== undefined;
  }

  /** This row with cells added (merged ranges from above); the row as written stays readable. */
  withValues(extra: ReadonlyArray<readonly [number, CellValue]>): SheetRow {
    const cells: Array<readonly [number, CellValue]> = this.columns.map((c, i) => [c, this.values[i]!]);
    for (const cell of extra) cells.push(cell);
    cells.sort((a, b) => a[0] - b[0]);
    const row = new SheetRow(
      this.number,
      cells.map((c) => c[0]),
      cells.map((c) => c[1]),
      this.hidden,
    );
    row.own = this.own ?? this;
    return row;
  }
}
