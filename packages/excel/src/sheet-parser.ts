import { cellText } from './cell-text';
import { columnLetter } from './column-letter';
import type { FileContext, ItemGroup, OpenGroup } from './file-context';
import {
  headerSpans,
  isCancelledListHeader,
  labelsFromAbove,
  mapColumns,
  scanHeaderCells,
  subHeaderColumns,
} from './header-row';
import { makeIssue } from './issues';
import { fastMaterialId } from './material-ids';
import { readMaterial } from './material-row';
import { MergeFill, type MergeRange, rowSpans } from './merges';
import { reportSkippedRow, skippedRow, textsOf } from './row-kinds';
import { SheetCells } from './sheet-cells';
import { openItem } from './sheet-items';
import { reportBlankMaterial, reportHiddenRows, reportNoHeader } from './sheet-notices';
import type { SheetRow } from './sheet-row';
import { reportSplit, splitNumbered } from './split-materials';
import { departmentFromLine, isFooterText, isSignatureText } from './text';
import { isUncalculated } from './worksheet-rows';

enum Phase {
  Seeking = 0,
  AfterHeader = 1,
  Data = 2,
  Footer = 3,
}

/**
 * Reads the rows of one worksheet as they stream by: finds the header (domain.md §8), then
 * turns data rows into materials, inheriting blank (merged) item cells from above. Returns each
 * item's materials as soon as the item is complete, so memory stays bounded.
 */
export class SheetParser {
  private phase = Phase.Seeking;
  private lineDepartment: string | undefined;
  private nearHeader: { row: number; names: string[] } | undefined;
  private readonly cells: SheetCells;
  private headerLabels = new Map<number, string>();
  /** Every filled cell of the header row and of the sub-header row, as written. */
  private readonly headerTexts: Array<Map<number, string>> = [];
  private readonly merges: MergeFill;
  private above: SheetRow | undefined;
  private lastDepartment = '';
  private lastCode = '';
  private lastName = '';
  private lastType = '';
  private current: OpenGroup | undefined;
  private openDepartment = '';
  private openId = '';

  /** How many materials the item being read holds so far (0 between items); read once per row. */
  get openItemMaterials(): number {
    return this.current === undefined ? 0 : this.current.materials.length;
  }

  /** The name of the item being read, for a message. */
  get openItemName(): string {
    return this.current?.state.item.name ?? '';
  }
  private firstDepartment: string | undefined;
  private headerRow = 0;
  private materials = 0;
  private skipped: string | undefined;
  private readonly hiddenRows: number[] = [];

  constructor(
    private readonly ctx: FileContext,
    readonly sheet: string,
    private readonly ranges: readonly MergeRange[] = [],
  ) {
    this.cells = new SheetCells(ctx, sheet);
    this.merges = new MergeFill(ranges);
  }

  /** Feeds one row; returns the previous item's materials when this row starts a new item. */
  row(written: SheetRow): ItemGroup | undefined {
    this.ctx.rows++;
    // A merged cell's value is the value of every row it spans, in any column (domain.md §8).
    const row = this.merges.apply(written);
    if (row.hidden && this.phase !== Phase.Seeking && this.phase !== Phase.Footer && !row.isEmpty) {
      this.hiddenRows.push(row.number);
    }
    switch (this.phase) {
      case Phase.Seeking:
        this.seek(row);
        return undefined;
      case Phase.AfterHeader:
        this.phase = Phase.Data;
        if (this.subHeader(row)) return undefined;
        return this.data(row);
      case Phase.Data:
        return this.data(row);
      default:
        this.footerRow(row);
        return undefined;
    }
  }

  /** Ends the sheet: returns the last item, records the sheet summary. */
  end(): ItemGroup | undefined {
    const ctx = this.ctx;
    if (this.phase === Phase.Seeking) {
      reportNoHeader(ctx, this.sheet, this.nearHeader);
      return undefined;
    }
    if (this.skipped !== undefined) {
      ctx.sheets.push({ name: this.sheet, department: null, rows: 0, skipped: this.skipped });
      return undefined;
    }
    const last = this.close();
    reportHiddenRows(ctx, this.sheet, this.hiddenRows);
    ctx.sheets.push({
      name: this.sheet,
      department: this.firstDepartment ?? this.sheetDepartment(),
      rows: this.materials,
    });
    return last;
  }

  private sheetDepartment(): string {
    return this.lineDepartment ?? this.ctx.fallbackDepartment ?? this.sheet;
  }

  private seek(row: SheetRow): void {
    const { found, texts, hasMaterial } = scanHeaderCells(row);
    if (isCancelledListHeader(found, texts, hasMaterial)) {
      // The cancelled sheet of an exported list: those materials are no longer required, so
      // re-importing the attachment yields the retained list only.
      this.phase = Phase.Footer;
      this.skipped = 'cancelled list';
      this.ctx.issues.add(
        makeIssue(
          'info',
          'CANCELLED_LIST_SKIPPED',
          { file: this.ctx.file, sheet: this.sheet, row: row.number },
          '这是已取消申请材料的清单，已取消的材料不再导入，已跳过此工作表',
          'this is a list of cancelled materials; they are no longer required, so the sheet is skipped',
        ),
      );
      return;
    }
    if (hasMaterial && new Set(found.map((f) => f[1])).size >= 2) {
      this.phase = Phase.AfterHeader;
      found.push(...labelsFromAbove(this.above, row, found));
      for (const [column, , text] of found) this.headerLabels.set(column, text);
      this.headerTexts.push(textsOf(row));
      mapColumns(this.ctx, this.cells, found, row.number);
      this.headerRow = row.number;
      return;
    }
    this.above = row;
    if (found.length >= 3 && this.nearHeader === undefined && !hasMaterial) {
      this.nearHeader = { row: row.number, names: found.map((f) => f[2]) };
    }
    if (this.lineDepartment === undefined) {
      for (let i = 0; i < texts.length; i++) {
        const department = departmentFromLine(texts[i]!, texts[i + 1]);
        if (department !== undefined) {
          this.lineDepartment = department;
          break;
        }
      }
    }
  }

  /**
   * A second header row under a merged group cell (实施基本情况 over 索要单位/开具单位): every
   * filled cell is a known header and the material cell is not data.
   */
  private subHeader(row: SheetRow): boolean {
    const spans = headerSpans(this.headerTexts[0]!, rowSpans(this.ranges, this.headerRow));
    const columns = subHeaderColumns(row, this.headerLabels, spans);
    if (columns === undefined) return false;
    this.headerTexts.push(textsOf(row));
    this.cells.col = {};
    mapColumns(this.ctx, this.cells, columns, row.number);
    return true;
  }

  private data(row: SheetRow): ItemGroup | undefined {
    const ctx = this.ctx;
    const col = this.cells.col;
    if (row.isEmpty) return undefined;
    const skipped = skippedRow(row, this.headerTexts);
    if (skipped !== undefined) {
      reportSkippedRow(ctx, this.sheet, row.number, skipped);
      return undefined;
    }
    const rawMaterial = this.cells.text(row, col.materialName, 'materialName');
    const materialName = rawMaterial.length === 0 ? '' : ctx.cleanName(rawMaterial);
    if (materialName.length === 0 || isFooterText(materialName)) {
      if (this.isFooter(row)) {
        this.phase = Phase.Footer;
        return undefined;
      }
      if (materialName.length === 0) {
        // A row with other cells filled but no material would be dropped: that is an error,
        // never a silent loss. (A formula without a result there was reported by text().)
        if (!isUncalculated(row.value(col.materialName!)))
          reportBlankMaterial(ctx, this.cells, this.headerLabels, row.own ?? row);
        this.inheritItemCells(row);
        return undefined;
      }
    }

    const department = this.departmentOf(row);
    const nameCell = this.cells.text(row, col.itemName, 'itemName');
    const codeCell = this.cells.text(row, col.itemCode, 'itemCode');
    const itemName = nameCell.length === 0 ? '' : ctx.cleanItemName(nameCell);
    const itemCode = codeCell.length === 0 ? '' : ctx.cleanText(codeCell).replace(/\s+/g, '');
    const newName = itemName.length > 0 && itemName !== this.lastName;
    const name = itemName || this.lastName;
    // A code belongs to its item: a new item name without a code does not take the old code.
    const code = itemCode || (newName ? '' : this.lastCode);
    const typeCell = this.cells.text(row, col.itemType, 'itemType');
    if (typeCell.trim().length > 0) this.lastType = typeCell;
    this.lastName = name;
    this.lastCode = code;

    if (name.length === 0 && code.length === 0) {
      const column = col.itemName ?? col.itemCode ?? col.materialName!;
      ctx.issues.add(
        makeIssue(
          'error',
          'MATERIAL_WITHOUT_ITEM',
          { file: ctx.file, sheet: this.sheet, row: row.number, column: columnLetter(column) },
          col.itemName === undefined && col.itemCode === undefined
            ? `材料“${materialName}”没有所属事项：工作表没有“事项名称”列`
            : `材料“${materialName}”没有所属事项：事项名称为空，上方也没有可沿用的事项`,
          col.itemName === undefined && col.itemCode === undefined
            ? `material "${materialName}" has no item: the sheet has no item-name column`
            : `material "${materialName}" has no item: the item name is blank and there is no item above it`,
        ),
      );
      return undefined;
    }

    const id = code || name;
    let completed: ItemGroup | undefined;
    // The open item's department and code or name, as the same strings: its key, which is then
    // not built again for every row of the item.
    let group = this.current;
    if (
      group === undefined ||
      ((department !== this.openDepartment || id !== this.openId) && group.key !== `${department}|${id}`)
    ) {
      completed = this.close();
      group = this.open(`${department}|${id}`, department, code, name, row);
      this.current = group;
      this.openDepartment = department;
      this.openId = id;
    }
    const item = group.state.item;
    const entries = splitNumbered(rawMaterial);
    if (entries === undefined) {
      group.materials.push(readMaterial(ctx, this.cells, row, materialName, item));
      this.materials++;
      ctx.materials++;
      return completed;
    }
    const names = entries.map((entry) => ctx.cleanName(entry));
    reportSplit(ctx, this.sheet, row.number, col.materialName!, names);
    for (const name of names) {
      group.materials.push(readMaterial(ctx, this.cells, row, name, item));
      this.materials++;
      ctx.materials++;
    }
    return completed;
  }

  /** After the notes under the table: a signature line gets its notice; a repeated header resumes. */
  private footerRow(row: SheetRow): void {
    if (this.headerTexts.length === 0 || row.isEmpty) return;
    const skipped = skippedRow(row, this.headerTexts);
    if (skipped === undefined) return;
    reportSkippedRow(this.ctx, this.sheet, row.number, skipped);
    if (skipped.kind === 'repeated-header') this.phase = Phase.Data;
  }

  private isFooter(row: SheetRow): boolean {
    let first: string | undefined;
    row.eachValue((value) => {
      if (first !== undefined) return;
      const text = cellText(value).trim();
      if (text.length > 0) first = text;
    });
    return first !== undefined && isFooterText(first) && !isSignatureText(first);
  }

  private inheritItemCells(row: SheetRow): void {
    const col = this.cells.col;
    const department = this.cells.text(row, col.department, 'department');
    if (department.trim().length > 0) this.lastDepartment = this.ctx.cleanDepartment(department);
    const name = this.cells.text(row, col.itemName, 'itemName');
    const code = this.cells.text(row, col.itemCode, 'itemCode');
    if (name.trim().length > 0) {
      const cleaned = this.ctx.cleanItemName(name);
      if (cleaned !== this.lastName) this.lastCode = '';
      this.lastName = cleaned;
    }
    if (code.trim().length > 0) this.lastCode = this.ctx.cleanText(code).replace(/\s+/g, '');
    const type = this.cells.text(row, col.itemType, 'itemType');
    if (type.trim().length > 0) this.lastType = type;
  }

  private departmentOf(row: SheetRow): string {
    const cell = this.cells.text(row, this.cells.col.department, 'department');
    if (cell.length > 0) {
      const cleaned = this.ctx.cleanDepartment(cell);
      if (cleaned.length > 0) this.lastDepartment = cleaned;
    }
    if (this.lastDepartment.length > 0) return this.lastDepartment;
    const fallback = this.sheetDepartment();
    if (this.lineDepartment === undefined && this.ctx.fallbackDepartment === undefined) {
      this.lastDepartment = fallback;
      this.ctx.issues.add(
        makeIssue(
          'info',
          'DEPARTMENT_FROM_SHEET_NAME',
          { file: this.ctx.file, sheet: this.sheet, row: row.number },
          `没有“实施部门”列或“填报单位：”行，实施部门按工作表名称记为“${fallback}”`,
          `no department column or 填报单位 line; the department is taken from the sheet name: "${fallback}"`,
        ),
      );
    }
    return fallback;
  }

  private open(key: string, department: string, code: string, name: string, row: SheetRow): OpenGroup {
    const group = openItem(this.ctx, this.cells, { key, department, code, name, type: this.lastType, row });
    if (!this.ctx.departments.has(department)) this.ctx.departments.add(department);
    if (this.firstDepartment === undefined) this.firstDepartment = department;
    return group;
  }

  private close(): ItemGroup | undefined {
    const group = this.current;
    this.current = undefined;
    if (group === undefined || group.materials.length === 0) return undefined;
    const { state, materials } = group;
    // Ids as core's assignMaterialIds gives them (domain.md §6); the counts live on the item,
    // so a later block of an item already seen continues its numbering (#2, #3 …).
    for (const material of materials) {
      const name = this.ctx.normalize(material.name);
      const occurrence = (state.counts.get(name) ?? 0) + 1;
      state.counts.set(name, occurrence);
      material.id = fastMaterialId(state.key, name, occurrence);
    }
    return { sheet: this.sheet, item: state.item, materials };
  }
}
