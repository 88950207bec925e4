import {
  cleanText,
  createMaterial,
  createNameNormalizer,
  type ItemType,
  itemKey,
  type Material,
  type MaterialSource,
  parseItemType,
  parseProposal,
  parseSource,
  parseSuperiorCancelled,
  parseYesNo,
  type ServiceItem,
  type YesNo,
} from '@jianzheng/core';
import { cellError, cellText } from './cell-text';
import { columnLetter } from './column-letter';
import { FIELD_BY_NAME, type Field, matchHeader } from './headers';
import { type IssueCollector, makeIssue } from './issues';
import { fastMaterialId } from './material-ids';
import { cleanName, departmentFromLine, isFooterText, isNotApplicable, memo } from './text';
import { isUncalculated, type SheetRow } from './worksheet-rows';

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

interface ItemState {
  item: ServiceItem;
  /** core's itemKey of the item, computed once. */
  key: string;
  /** Normalized material name → occurrences so far, so a later block of the same item continues #2, #3. */
  counts: Map<string, number>;
  firstRow: number;
  sheet: string;
}

interface OpenGroup {
  key: string;
  state: ItemState;
  materials: Material[];
}

/** State shared by all sheets of one file. */
export class FileContext {
  readonly departments = new Set<string>();
  readonly sheets: SheetSummary[] = [];
  readonly items = new Map<string, ItemState>();
  readonly normalize = createNameNormalizer(50_000);
  readonly cleanName = memo(cleanName);
  readonly cleanText = memo((text) => cleanText(text));
  readonly yesNo = memo((text) => parseYesNo(text));
  readonly source = memo((text) => parseSource(text));
  readonly proposal = memo((text) => parseProposal(text));
  readonly itemType = memo((text) => parseItemType(text));
  readonly superior = memo((text) => parseSuperiorCancelled(text));
  rows = 0;
  materials = 0;

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

enum Phase {
  Seeking = 0,
  AfterHeader = 1,
  Data = 2,
  Footer = 3,
}

const PROPOSAL_HINT = '保留 或 取消';
const CANCELLED_HEADER = '取消的申请材料';

/**
 * Reads the rows of one worksheet as they stream by: finds the header (domain.md §8), then
 * turns data rows into materials, inheriting blank (merged) item cells from above. Returns each
 * item's materials as soon as the item is complete, so memory stays bounded.
 */
export class SheetParser {
  private phase = Phase.Seeking;
  private lineDepartment: string | undefined;
  private nearHeader: { row: number; names: string[] } | undefined;
  private col: Partial<Record<Field, number>> = {};
  private headerLabels = new Map<number, string>();
  private lastDepartment = '';
  private lastCode = '';
  private lastName = '';
  private lastType = '';
  private current: OpenGroup | undefined;
  private firstDepartment: string | undefined;
  private materials = 0;
  private skipped: string | undefined;
  private readonly hiddenRows: number[] = [];

  constructor(
    private readonly ctx: FileContext,
    readonly sheet: string,
  ) {}

  /** Feeds one row; returns the previous item's materials when this row starts a new item. */
  row(row: SheetRow): ItemGroup | undefined {
    this.ctx.rows++;
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
        return undefined;
    }
  }

  /** Ends the sheet: returns the last item, records the sheet summary. */
  end(): ItemGroup | undefined {
    const ctx = this.ctx;
    if (this.phase === Phase.Seeking) {
      if (this.nearHeader) {
        ctx.issues.add(
          makeIssue(
            'error',
            'NO_MATERIAL_COLUMN',
            { file: ctx.file, sheet: this.sheet, row: this.nearHeader.row },
            `这一行像是表头（${this.nearHeader.names.join('、')}），但没有“材料名称”列（可用列名：材料名称、申请材料、申请材料名称、证明名称、证明材料名称）`,
            `this row looks like a header (${this.nearHeader.names.join(', ')}) but has no material-name column (材料名称 or an alias)`,
          ),
        );
        ctx.sheets.push({ name: this.sheet, department: null, rows: 0, skipped: 'no material column' });
      } else {
        ctx.issues.add(
          makeIssue(
            'info',
            'SHEET_WITHOUT_HEADER',
            { file: ctx.file, sheet: this.sheet },
            '未找到表头（需要“材料名称”列和至少一个其他可识别的列），已跳过此工作表（如填表说明）',
            'no header found (a material-name column and at least one other known column); sheet skipped (instructions?)',
          ),
        );
        ctx.sheets.push({ name: this.sheet, department: null, rows: 0, skipped: 'no header' });
      }
      return undefined;
    }
    if (this.skipped !== undefined) {
      ctx.sheets.push({ name: this.sheet, department: null, rows: 0, skipped: this.skipped });
      return undefined;
    }
    const last = this.close();
    this.reportHiddenRows();
    ctx.sheets.push({
      name: this.sheet,
      department: this.firstDepartment ?? this.sheetDepartment(),
      rows: this.materials,
    });
    return last;
  }

  /** Hidden rows are imported like the others (they are data), but never without a word. */
  private reportHiddenRows(): void {
    const rows = this.hiddenRows;
    if (rows.length === 0) return;
    const shown = rows.slice(0, 50).join('、') + (rows.length > 50 ? ` 等 ${rows.length} 行` : '');
    const shownEn = rows.slice(0, 50).join(', ') + (rows.length > 50 ? ` (${rows.length} rows in all)` : '');
    this.ctx.issues.add(
      makeIssue(
        'warning',
        'HIDDEN_ROWS',
        { file: this.ctx.file, sheet: this.sheet },
        `第 ${shown} 行是隐藏行，已照常导入；如这些行不应提交，请删除后重新导入`,
        `rows ${shownEn} are hidden; they were imported like the others — delete them if they are not meant to be submitted`,
      ),
    );
  }

  private sheetDepartment(): string {
    return this.lineDepartment ?? this.ctx.fallbackDepartment ?? this.sheet;
  }

  private text(row: SheetRow, column: number | undefined, field: Field): string {
    if (column === undefined) return '';
    const value = row.value(column);
    if (typeof value === 'string') return value;
    if (value == null) return '';
    if (typeof value === 'object' && !(value instanceof Date)) {
      if (isUncalculated(value)) {
        const label = FIELD_BY_NAME.get(field)?.canonical ?? field;
        this.ctx.issues.add(
          makeIssue(
            'error',
            'FORMULA_WITHOUT_VALUE',
            { file: this.ctx.file, sheet: this.sheet, row: row.number, column: columnLetter(column) },
            `${label}单元格是公式${value.formula ? `（=${value.formula}）` : ''}，但文件中没有保存计算结果（常见于脚本生成的文件），无法知道其内容；请在 Excel 或 WPS 中打开、重新计算并保存后再导入`,
            `the ${field} cell holds a formula${value.formula ? ` (=${value.formula})` : ''} saved without its result (files written by scripts); open the file in Excel or WPS, recalculate and save, then import again`,
          ),
        );
        return '';
      }
      const error = cellError(value);
      if (error !== undefined) {
        const label = FIELD_BY_NAME.get(field)?.canonical ?? field;
        this.ctx.issues.add(
          makeIssue(
            'warning',
            'FORMULA_ERROR',
            { file: this.ctx.file, sheet: this.sheet, row: row.number, column: columnLetter(column) },
            `${label}单元格是错误值 ${error}，按空白处理`,
            `the ${field} cell holds the error ${error}; read as blank`,
          ),
        );
        return '';
      }
    }
    return cellText(value);
  }

  private seek(row: SheetRow): void {
    const found: Array<[number, Field, string]> = [];
    const texts: string[] = [];
    let hasMaterial = false;
    row.eachValue((value, column) => {
      const text = cellText(value).trim();
      if (text.length === 0) return;
      texts.push(text);
      const field = matchHeader(text);
      if (field === undefined) return;
      found.push([column, field, text]);
      if (field === 'materialName') hasMaterial = true;
    });
    if (
      !hasMaterial &&
      found.length >= 2 &&
      texts.some((text) => text.replace(/\s+/g, '') === CANCELLED_HEADER)
    ) {
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
      for (const [column, , text] of found) this.headerLabels.set(column, text);
      this.mapColumns(found, row.number);
      return;
    }
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
    const found: Array<[number, Field, string]> = [];
    let other = false;
    row.eachValue((value, column) => {
      const text = cellText(value).trim();
      if (text.length === 0) return;
      const field = matchHeader(text);
      if (field === undefined) other = true;
      else found.push([column, field, text]);
    });
    if (found.length === 0 || other) return false;
    const merged = new Map<number, [number, Field, string]>();
    for (const [column, text] of this.headerLabels) {
      const field = matchHeader(text);
      if (field !== undefined) merged.set(column, [column, field, text]);
    }
    for (const entry of found) merged.set(entry[0], entry);
    this.col = {};
    this.mapColumns(
      [...merged.values()].sort((a, b) => a[0] - b[0]),
      row.number,
    );
    return true;
  }

  private mapColumns(found: Array<[number, Field, string]>, rowNumber: number): void {
    const ctx = this.ctx;
    for (const [column, field, text] of found.sort((a, b) => a[0] - b[0])) {
      const existing = this.col[field];
      if (existing === undefined) {
        this.col[field] = column;
        continue;
      }
      ctx.issues.add(
        makeIssue(
          'warning',
          'DUPLICATE_HEADER',
          { file: ctx.file, sheet: this.sheet, row: rowNumber, column: columnLetter(column) },
          `“${text}”与 ${columnLetter(existing)} 列表示同一项内容，只读取 ${columnLetter(existing)} 列`,
          `"${text}" names the same field (${field}) as column ${columnLetter(existing)}; only column ${columnLetter(existing)} is read`,
        ),
      );
    }
  }

  private data(row: SheetRow): ItemGroup | undefined {
    const ctx = this.ctx;
    const col = this.col;
    const rawMaterial = this.text(row, col.materialName, 'materialName');
    const materialName = rawMaterial.length === 0 ? '' : ctx.cleanName(rawMaterial);
    if (materialName.length === 0 || isFooterText(materialName)) {
      if (this.isFooter(row)) {
        this.phase = Phase.Footer;
        return undefined;
      }
      if (materialName.length === 0) {
        // A row with other cells filled but no material would be dropped: that is an error,
        // never a silent loss. (A formula without a result there was reported by text().)
        if (!isUncalculated(row.value(col.materialName!))) this.reportBlankMaterial(row);
        this.inheritItemCells(row);
        return undefined;
      }
    }

    const department = this.departmentOf(row);
    const nameCell = this.text(row, col.itemName, 'itemName');
    const codeCell = this.text(row, col.itemCode, 'itemCode');
    const itemName = nameCell.length === 0 ? '' : ctx.cleanName(nameCell);
    const itemCode = codeCell.length === 0 ? '' : ctx.cleanText(codeCell).replace(/\s+/g, '');
    const newName = itemName.length > 0 && itemName !== this.lastName;
    const name = itemName || this.lastName;
    // A code belongs to its item: a new item name without a code does not take the old code.
    const code = itemCode || (newName ? '' : this.lastCode);
    const typeCell = this.text(row, col.itemType, 'itemType');
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

    const key = `${department}|${code || name}`;
    let completed: ItemGroup | undefined;
    if (this.current === undefined || this.current.key !== key) {
      completed = this.close();
      this.current = this.open(key, department, code, name, row);
    }
    this.current.materials.push(this.material(row, materialName, this.current.state.item));
    this.materials++;
    ctx.materials++;
    return completed;
  }

  /** Reports a row whose material cell is blank while another recognised cell (not 序号) is filled. */
  private reportBlankMaterial(row: SheetRow): void {
    const filled: string[] = [];
    for (const [field, column] of Object.entries(this.col) as Array<[Field, number]>) {
      if (field === 'serial' || field === 'materialName') continue;
      const value = row.value(column);
      if (value === undefined) continue;
      if (typeof value === 'string' && value.trim().length === 0) continue;
      filled.push(this.headerLabels.get(column) ?? FIELD_BY_NAME.get(field)?.canonical ?? field);
    }
    if (filled.length === 0) return;
    const column = columnLetter(this.col.materialName!);
    this.ctx.issues.add(
      makeIssue(
        'error',
        'MATERIAL_NAME_MISSING',
        { file: this.ctx.file, sheet: this.sheet, row: row.number, column },
        `材料名称为空，但这一行填写了${filled.join('、')}；请补上材料名称或删除这一行`,
        `the material name is blank but the row has ${filled.join(', ')} filled; add the material name or delete the row`,
      ),
    );
  }

  private isFooter(row: SheetRow): boolean {
    let first: string | undefined;
    row.eachValue((value) => {
      if (first !== undefined) return;
      const text = cellText(value).trim();
      if (text.length > 0) first = text;
    });
    return first !== undefined && isFooterText(first);
  }

  private inheritItemCells(row: SheetRow): void {
    const col = this.col;
    const department = this.text(row, col.department, 'department');
    if (department.trim().length > 0) this.lastDepartment = this.ctx.cleanText(department);
    const name = this.text(row, col.itemName, 'itemName');
    const code = this.text(row, col.itemCode, 'itemCode');
    if (name.trim().length > 0) {
      const cleaned = this.ctx.cleanName(name);
      if (cleaned !== this.lastName) this.lastCode = '';
      this.lastName = cleaned;
    }
    if (code.trim().length > 0) this.lastCode = this.ctx.cleanText(code).replace(/\s+/g, '');
    const type = this.text(row, col.itemType, 'itemType');
    if (type.trim().length > 0) this.lastType = type;
  }

  private departmentOf(row: SheetRow): string {
    const cell = this.text(row, this.col.department, 'department');
    if (cell.length > 0) {
      const cleaned = this.ctx.cleanText(cell);
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
    const ctx = this.ctx;
    const typeText = this.lastType.trim();
    let type: ItemType | undefined;
    if (typeText.length > 0 && !isNotApplicable(typeText)) {
      type = ctx.itemType(typeText);
      if (type === undefined && this.col.itemType !== undefined) {
        ctx.issues.add(
          makeIssue(
            'warning',
            'UNKNOWN_ITEM_TYPE',
            { file: ctx.file, sheet: this.sheet, row: row.number, column: columnLetter(this.col.itemType) },
            `事项类型“${typeText}”不是八类事项类型之一（行政许可、行政确认、行政裁决、行政给付、行政奖励、行政备案、其他行政权力、公共服务），记为未填`,
            `item type "${typeText}" is none of the eight types; left blank`,
          ),
        );
      }
    }
    const { state, repeated } = ctx.itemState(key, () => {
      const item: ServiceItem = { department, name };
      if (code.length > 0) item.code = code;
      if (type !== undefined) item.type = type;
      return { item, key: itemKey(item), counts: new Map(), firstRow: row.number, sheet: this.sheet };
    });
    if (repeated) {
      ctx.issues.add(
        makeIssue(
          'warning',
          'ITEM_REPEATED',
          { file: ctx.file, sheet: this.sheet, row: row.number },
          `事项“${name}”此前已出现（工作表「${state.sheet}」第 ${state.firstRow} 行），这里的材料并入同一事项`,
          `item "${name}" already appeared (sheet "${state.sheet}", row ${state.firstRow}); these materials join it`,
        ),
      );
    }
    if (!ctx.departments.has(department)) ctx.departments.add(department);
    if (this.firstDepartment === undefined) this.firstDepartment = department;
    return { key, state, materials: [] };
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

  private material(row: SheetRow, name: string, item: ServiceItem): Material {
    const ctx = this.ctx;
    const col = this.col;
    let source: MaterialSource | undefined;
    const sourceText = this.text(row, col.source, 'source');
    if (sourceText.length > 0) {
      source = ctx.source(sourceText);
      if (source === undefined && sourceText.trim().length > 0) {
        this.warnValue(
          row,
          'source',
          'UNKNOWN_SOURCE',
          sourceText,
          '申请人自备、政府部门核发、中介机构出具、其他',
        );
      }
    }
    const issuer = this.optionalText(row, col.issuer, 'issuer');
    const legalBasis = this.optionalText(row, col.legalBasis, 'legalBasis');
    const necessary = this.yesNo(row, 'necessary');
    const shareable = this.yesNo(row, 'shareable');
    const internalQuery = this.yesNo(row, 'internalQuery');
    const commitment = this.yesNo(row, 'commitment');

    let superiorCancelled: Material['superiorCancelled'] = 'unknown';
    let superiorReference: string | undefined;
    const superiorText = this.text(row, col.superiorCancelled, 'superiorCancelled');
    if (superiorText.length > 0) {
      const superior = ctx.superior(ctx.cleanText(superiorText));
      superiorCancelled = superior.value;
      superiorReference = superior.reference;
    }

    let departmentProposal: Material['departmentProposal'] = 'unknown';
    const proposalText = this.text(row, col.departmentProposal, 'departmentProposal');
    if (proposalText.length > 0) {
      const proposal = ctx.proposal(proposalText);
      if (proposal === undefined) {
        this.warnValue(row, 'departmentProposal', 'UNKNOWN_PROPOSAL', proposalText, PROPOSAL_HINT);
      } else {
        departmentProposal = proposal;
      }
    }
    const proposedMethod = this.optionalText(row, col.proposedMethod, 'proposedMethod');
    const notes = this.optionalText(row, col.notes, 'notes');
    // Core builds the object, so imported materials share the engine's one shape. The id is set
    // when the item closes.
    return createMaterial({
      item,
      name,
      source,
      issuer,
      legalBasis,
      necessary,
      shareable,
      internalQuery,
      commitment,
      superiorCancelled,
      superiorReference,
      departmentProposal,
      proposedMethod,
      notes,
    });
  }

  private optionalText(row: SheetRow, column: number | undefined, field: Field): string | undefined {
    const raw = this.text(row, column, field);
    if (raw.length === 0) return undefined;
    const text = this.ctx.cleanText(raw);
    return text.length > 0 ? text : undefined;
  }

  private yesNo(row: SheetRow, field: 'necessary' | 'shareable' | 'internalQuery' | 'commitment'): YesNo {
    const text = this.text(row, this.col[field], field);
    if (text.length === 0) return 'unknown';
    const value = this.ctx.yesNo(text);
    if (value !== undefined) return value;
    this.warnValue(
      row,
      field,
      'UNKNOWN_YES_NO',
      text,
      '是、否、可以、不可以、能、不能、必要、非必要、Y、N、√、×',
    );
    return 'unknown';
  }

  private warnValue(row: SheetRow, field: Field, code: string, value: string, allowed: string): void {
    const label = FIELD_BY_NAME.get(field)?.canonical ?? field;
    const shown = cleanText(value);
    this.ctx.issues.add(
      makeIssue(
        'warning',
        code,
        { file: this.ctx.file, sheet: this.sheet, row: row.number, column: columnLetter(this.col[field]!) },
        `${label}“${shown}”无法识别（可填：${allowed}），按“未知”处理`,
        `${field} value "${shown}" is not recognised; kept as unknown`,
      ),
    );
  }
}
