import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { type Random, seededRandom } from './random';
import {
  DEPARTMENT_KINDS,
  ISSUERS,
  ITEM_NOUNS,
  ITEM_TYPES,
  ITEM_VERBS,
  LEGAL_BASES,
  MATERIAL_DECORATIONS,
  MATERIAL_STEMS,
  NO_SPELLINGS,
  PROPOSALS,
  REGIONS,
  SOURCES,
  YES_SPELLINGS,
} from './vocabulary';

/** The layouts of domain.md §8 that the generator rotates through, one per workbook. */
export type SyntheticLayout = 'plain' | 'titled' | 'two-row-header' | 'multi-sheet';

export const SYNTHETIC_LAYOUTS: readonly SyntheticLayout[] = [
  'plain',
  'titled',
  'two-row-header',
  'multi-sheet',
];

export interface SyntheticOptions {
  /** Folder the workbooks are written to (created when missing). */
  dir: string;
  /** How many materials in total, over all workbooks. */
  materials: number;
  /** How many departments (default: one per 5,000 materials, at least 1). */
  departments?: number;
  /** How many workbooks (default: one per department; departments are spread over them). */
  workbooks?: number;
  /** Same seed, same bytes (default 2018). */
  seed?: number;
  /** Where department naming starts, so two calls give different departments (default 0). */
  departmentOffset?: number;
  /** Materials per item on average (default 8). */
  perItem?: number;
  /** Which layouts to rotate through (default all of `SYNTHETIC_LAYOUTS`). */
  layouts?: readonly SyntheticLayout[];
  /**
   * Write text through the shared-strings table (as Excel does) instead of inline strings.
   * Default: alternate per workbook, so importers see both.
   */
  sharedStrings?: boolean;
}

/** One written workbook and what it holds: the figures an import must reproduce. */
export interface SyntheticWorkbook {
  path: string;
  fileName: string;
  layout: SyntheticLayout;
  departments: string[];
  items: number;
  materials: number;
  bytes?: number;
}

export interface SyntheticManifest {
  workbooks: SyntheticWorkbook[];
  departments: number;
  items: number;
  materials: number;
}

interface DepartmentPlan {
  name: string;
  code: string;
  materials: number;
}

const CANONICAL_HEADERS = [
  '序号',
  '事项编码',
  '事项名称',
  '事项类型',
  '材料名称',
  '材料来源',
  '开具单位',
  '设定依据',
  '是否必要',
  '可共享获取',
  '可内部查询',
  '可告知承诺',
  '上级已取消',
  '清理意见',
  '备注',
] as const;

// The same fields under the aliases department workbooks actually use.
const ALIAS_HEADERS = [
  '编号',
  '实施编码',
  '政务服务事项名称',
  '事项类别',
  '申请材料名称',
  '来源',
  '出具单位',
  '设定及保留依据',
  '必要性',
  '能否通过信息共享获取',
  '能否部门内部查询',
  '能否告知承诺',
  '上级取消依据',
  '拟处理意见',
  '说明',
] as const;

/**
 * Writes `materials` seeded materials over many departments and workbooks in the layouts of
 * domain.md §8, with exceljs's streaming `WorkbookWriter`: rows are committed as they are
 * written, so millions of rows stay in bounded memory.
 */
export async function writeSyntheticWorkbooks(options: SyntheticOptions): Promise<SyntheticManifest> {
  const random = seededRandom(options.seed ?? 2018);
  const departmentCount = Math.max(1, options.departments ?? Math.ceil(options.materials / 5000));
  const workbookCount = Math.max(1, Math.min(options.workbooks ?? departmentCount, departmentCount));
  const layouts = options.layouts ?? SYNTHETIC_LAYOUTS;
  const perItem = options.perItem ?? 8;
  await mkdir(options.dir, { recursive: true });

  const departments = planDepartments(
    options.materials,
    departmentCount,
    random,
    options.departmentOffset ?? 0,
  );
  const workbooks: SyntheticWorkbook[] = [];
  let itemSerial = 0;
  for (let w = 0; w < workbookCount; w++) {
    const mine = departments.filter((_, d) => d % workbookCount === w);
    const layout = layouts[w % layouts.length]!;
    const fileName = `${String(w + 1).padStart(4, '0')}-${mine[0]!.name}${mine.length > 1 ? `等${mine.length}个单位` : ''}.xlsx`;
    const path = join(options.dir, fileName);
    const useSharedStrings = options.sharedStrings ?? w % 2 === 1;
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: path,
      useSharedStrings,
      useStyles: false,
    });
    let items = 0;
    let materials = 0;
    if (layout === 'multi-sheet') {
      const help = writer.addWorksheet('填表说明');
      help.addRow(['填表说明']).commit();
      help.addRow(['1. 每个单位一个工作表，工作表名称即单位名称。']).commit();
      help.addRow(['2. “是否必要”等列填写 是/否。']).commit();
      help.commit();
    }
    for (let d = 0; d < mine.length; d++) {
      const department = mine[d]!;
      const sheetLayout = layout === 'multi-sheet' ? 'multi-sheet' : layout;
      const sheetName =
        layout === 'multi-sheet' || mine.length > 1 ? sheetTitle(department.name) : '申请材料清单';
      const sheet = writer.addWorksheet(sheetName);
      const written = writeDepartmentSheet(sheet, department, sheetLayout, random, perItem, itemSerial);
      itemSerial += written.items;
      items += written.items;
      materials += written.materials;
      sheet.commit();
    }
    await writer.commit();
    workbooks.push({ path, fileName, layout, departments: mine.map((d) => d.name), items, materials });
  }
  return {
    workbooks,
    departments: departments.length,
    items: workbooks.reduce((sum, w) => sum + w.items, 0),
    materials: workbooks.reduce((sum, w) => sum + w.materials, 0),
  };
}

function sheetTitle(department: string): string {
  // Sheet names are at most 31 characters; department names are unique, so they stay unique.
  return department.length > 31 ? department.slice(-31) : department;
}

function planDepartments(materials: number, count: number, random: Random, offset: number): DepartmentPlan[] {
  const plans: DepartmentPlan[] = [];
  const base = Math.floor(materials / count);
  let rest = materials - base * count;
  for (let d = offset; d < offset + count; d++) {
    const [code, region] = REGIONS[Math.floor(d / DEPARTMENT_KINDS.length) % REGIONS.length]!;
    const kind = DEPARTMENT_KINDS[d % DEPARTMENT_KINDS.length]!;
    const round = Math.floor(d / (DEPARTMENT_KINDS.length * REGIONS.length));
    const name = `${region}${kind}${round > 0 ? `第${round + 1}分局` : ''}`;
    const extra = rest > 0 ? 1 : 0;
    rest -= extra;
    plans.push({ name, code: `${code}${String(d).padStart(4, '0')}`, materials: base + extra });
  }
  // Shuffle the order a little so departments are not sorted by kind within a workbook.
  for (let i = plans.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [plans[i], plans[j]] = [plans[j]!, plans[i]!];
  }
  return plans;
}

type Cell = string | number | null;

function yesNo(random: Random): string {
  const r = random();
  if (r < 0.45) return '';
  if (r < 0.65) return random.pick(YES_SPELLINGS);
  return random.pick(NO_SPELLINGS);
}

function writeDepartmentSheet(
  sheet: ExcelJS.Worksheet,
  department: DepartmentPlan,
  layout: SyntheticLayout,
  random: Random,
  perItem: number,
  itemSerialStart: number,
): { items: number; materials: number } {
  const headers: readonly string[] = layout === 'plain' ? CANONICAL_HEADERS : ALIAS_HEADERS;
  const withDepartmentColumn = layout === 'plain';
  let row = 1;
  const add = (values: Cell[]) => {
    sheet.addRow(values).commit();
    row++;
  };
  if (layout === 'titled' || layout === 'two-row-header') {
    // Merges are declared while their rows are still open: the streaming writer cannot go back.
    const title = sheet.addRow([`${department.name}申请材料清理情况表`]);
    sheet.mergeCells(row, 1, row, headers.length);
    title.commit();
    row++;
    add([`填报单位：${department.name}　　填报日期：2018年8月20日`]);
  }
  if (layout === 'two-row-header') {
    // 实施基本情况 spans the source and issuer columns; every other header spans two rows.
    const group: Cell[] = [];
    const sub: Cell[] = [];
    headers.forEach((header, i) => {
      const grouped = i === 5 || i === 6;
      group.push(grouped ? (i === 5 ? '实施基本情况' : null) : header);
      sub.push(grouped ? header : null);
    });
    const top = sheet.addRow(group);
    const bottom = sheet.addRow(sub);
    sheet.mergeCells(row, 6, row, 7);
    for (let c = 1; c <= headers.length; c++) if (c !== 6 && c !== 7) sheet.mergeCells(row, c, row + 1, c);
    top.commit();
    bottom.commit();
    row += 2;
  } else if (withDepartmentColumn) {
    add(['实施部门', ...headers]);
  } else {
    add([...headers]);
  }

  let materials = 0;
  let items = 0;
  while (materials < department.materials) {
    const count = Math.min(department.materials - materials, 1 + random.int(perItem * 2 - 1));
    const itemNumber = itemSerialStart + items;
    const code = `${department.code}${String(itemNumber).padStart(6, '0')}`;
    const itemName = `${random.pick(ITEM_NOUNS)}${random.pick(ITEM_VERBS)}`;
    const itemType = random.pick(ITEM_TYPES);
    const used = new Set<string>();
    for (let m = 0; m < count; m++) {
      let stem: string = random.pick(MATERIAL_STEMS);
      // Mostly distinct names within an item, as real lists have; an occasional repeat is real too.
      if (used.has(stem) && !random.chance(0.05)) stem = `${stem}（${m + 1}）`;
      used.add(stem);
      const decoration = random.pick(MATERIAL_DECORATIONS);
      const numbered = random.chance(0.1) ? `${m + 1}、` : '';
      const name = `${numbered}${stem}${decoration}`;
      // Continuation rows leave the item cells blank (inherit the value above, §8).
      const first = m === 0;
      const itemCells: Cell[] = first ? [code, itemName, itemType] : [null, null, null];
      const values: Cell[] = [
        first ? items + 1 : null,
        ...itemCells,
        name,
        random.pick(SOURCES),
        random.pick(ISSUERS),
        random.pick(LEGAL_BASES),
        yesNo(random),
        yesNo(random),
        yesNo(random),
        yesNo(random),
        random.chance(0.01) ? '皖政办秘〔2018〕247号' : '',
        random.pick(PROPOSALS),
        random.chance(0.05) ? '可通过全省政务服务平台核验' : '',
      ];
      add(withDepartmentColumn ? [department.name, ...values] : values);
    }
    materials += count;
    items++;
  }
  if (layout !== 'plain') {
    add([]);
    add(['注：1. 本表由各单位填报；2. “是否必要”填写 是/否。']);
  }
  return { items, materials };
}
