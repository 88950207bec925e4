// The "unseen" layout set of issue 26: 40 department workbooks laid out as county offices lay
// them out (domain.md §8, "Layouts, second round") — ten layouts, each written by exceljs and by
// SheetJS as .xlsx, .xls (BIFF8) and .ods, with seeded content — and, for each, the materials
// it must import to. Deterministic: the same seed gives the same files and expectations.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { type Random, seededRandom } from './random';

/** One expected material: department, item, name, source, legal basis, 上级已取消, proposal. */
export type ExpectedMaterial = [string, string, string, string | null, string | null, string, string];

export const LAYOUT_PRODUCERS = ['exceljs.xlsx', 'sheetjs.xlsx', 'sheetjs.xls', 'sheetjs.ods'] as const;

export const UNSEEN_LAYOUTS = [
  'merged-basis',
  'merged-source-proposal',
  'subtotals',
  'numbered-cell',
  'labels-merged-down',
  'repeated-header',
  'superior-cancelled',
  'material-group',
  'summary-first',
  'signatures-joined',
] as const;

export type UnseenLayout = (typeof UNSEEN_LAYOUTS)[number];

export interface LayoutWorkbook {
  path: string;
  layout: UnseenLayout;
  producer: (typeof LAYOUT_PRODUCERS)[number];
  materials: ExpectedMaterial[];
}

type Cell = string | null;
interface Sheet {
  name: string;
  grid: Cell[][];
  /** A1-style ranges. */
  merges: string[];
}

interface Mat {
  name: string;
  source: string;
  basis: string;
  proposal: '保留' | '取消';
  superior: [text: string, value: string];
}

interface Item {
  name: string;
  materials: Mat[];
}

const DEPARTMENTS = [
  '萧县民政局',
  '砀山县人社局',
  '灵璧县卫健委',
  '泗县公安局',
  '埇桥区教育局',
  '萧县住建局',
];
const ITEMS = [
  '最低生活保障审批',
  '临时救助',
  '失业保险金申领',
  '出生医学证明办理',
  '义务教育入学',
  '户口迁移',
  '建筑工程施工许可',
  '医师执业注册',
  '残疾人两项补贴',
  '高龄津贴发放',
];
const MATERIALS = [
  '居民身份证',
  '户口簿',
  '结婚证',
  '生育医学证明',
  '家庭收入证明',
  '房产证',
  '儿童预防接种证',
  '申请书',
  '银行卡',
  '失业证明',
  '无犯罪记录证明',
  '劳动合同',
  '施工合同',
  '体检证明',
  '学籍证明',
  '残疾人证',
];
const SOURCES = ['申请人自备', '政府部门核发', '中介机构出具', '其他'];
const BASES = [
  '《社会救助暂行办法》',
  '《失业保险条例》',
  '《母婴保健法》',
  '《义务教育法》',
  '《户口登记条例》',
  '无',
  '',
];
const SUPERIOR: Array<[string, string]> = [
  ['/', 'no'],
  ['×', 'no'],
  ['N', 'no'],
  ['无', 'no'],
  ['未取消', 'no'],
  ['不适用', 'no'],
  ['没有', 'no'],
  ['皖政办秘〔2018〕247号', 'yes'],
  ['《国务院关于取消一批行政许可事项的决定》', 'yes'],
  ['待定', 'unknown'],
  // A blank cell of the column is no (domain.md §8).
  ['', 'no'],
];
const HEADER = ['序号', '事项名称', '材料名称', '材料来源', '设定依据', '清理意见'];

function items(random: Random, shared: 'basis' | 'source-proposal' | 'none'): Item[] {
  const count = 2 + random.int(3);
  const names = [...ITEMS].sort(() => random() - 0.5).slice(0, count);
  return names.map((name) => {
    const pool = [...MATERIALS].sort(() => random() - 0.5);
    const n = 2 + random.int(3);
    const basis = random.pick(BASES.slice(0, 5));
    const source = random.pick(SOURCES);
    const proposal = random.chance(0.5) ? '保留' : '取消';
    return {
      name,
      materials: pool.slice(0, n).map((material) => ({
        name: material,
        source: shared === 'source-proposal' ? source : random.pick(SOURCES),
        basis: shared === 'basis' ? basis : random.pick(BASES),
        proposal: shared === 'source-proposal' ? proposal : random.chance(0.5) ? '保留' : '取消',
        superior: random.pick(SUPERIOR),
      })),
    } as Item;
  });
}

function expected(department: string, item: Item, m: Mat, name = m.name, superior = false): ExpectedMaterial {
  return [
    department,
    item.name,
    name,
    m.source,
    m.basis === '' ? null : m.basis,
    superior ? m.superior[1] : 'unknown',
    m.proposal === '保留' ? 'retain' : 'cancel',
  ];
}

const row = (serial: number | null, item: Item | null, m: Mat, name = m.name): Cell[] => [
  serial === null ? null : String(serial),
  item === null ? null : item.name,
  name,
  m.source,
  m.basis,
  m.proposal,
];

/** An item's rows: serial and item name on its first row only. */
function pushItem(grid: Cell[][], item: Item, i: number): void {
  item.materials.forEach((m, j) => {
    grid.push(row(j === 0 ? i + 1 : null, j === 0 ? item : null, m));
  });
}

/** The rows of a plain table from `top`, item cells written on the first row only; merges optional. */
function table(list: Item[], top: number, merge: string[] | undefined, columns: string[]): Cell[][] {
  const grid: Cell[][] = [];
  let r = top;
  list.forEach((item, i) => {
    pushItem(grid, item, i);
    const last = r + item.materials.length - 1;
    if (merge !== undefined && last > r) for (const c of columns) merge.push(`${c}${r}:${c}${last}`);
    r = last + 1;
  });
  return grid;
}

function layoutSheets(layout: UnseenLayout, random: Random): { sheets: Sheet[]; expect: ExpectedMaterial[] } {
  const department = random.pick(DEPARTMENTS);
  const line: Cell[] = [`填报单位：${department}`];
  const all = (list: Item[], superior = false) =>
    list.flatMap((item) => item.materials.map((m) => expected(department, item, m, m.name, superior)));
  switch (layout) {
    case 'merged-basis': {
      const list = items(random, 'basis');
      const merges: string[] = [];
      const grid = [line, HEADER, ...table(list, 3, merges, ['A', 'B', 'E'])];
      // The merged 设定依据 is written once, on the range's first row.
      for (const range of merges.filter((m) => m.startsWith('E'))) {
        const [from, to] = range.split(':').map((ref) => Number(ref.slice(1)));
        for (let r = from! + 1; r <= to!; r++) grid[r - 1]![4] = null;
      }
      return { sheets: [{ name: department, grid, merges }], expect: all(list) };
    }
    case 'merged-source-proposal': {
      const list = items(random, 'source-proposal');
      const merges: string[] = [];
      const grid = [line, HEADER, ...table(list, 3, merges, ['A', 'B', 'D', 'F'])];
      for (const range of merges.filter((m) => m.startsWith('D') || m.startsWith('F'))) {
        const [from, to] = range.split(':').map((ref) => Number(ref.slice(1)));
        const c = range.startsWith('D') ? 3 : 5;
        for (let r = from! + 1; r <= to!; r++) grid[r - 1]![c] = null;
      }
      return { sheets: [{ name: department, grid, merges }], expect: all(list) };
    }
    case 'subtotals': {
      const list = items(random, 'none');
      const grid: Cell[][] = [line, HEADER];
      list.forEach((item, i) => {
        pushItem(grid, item, i);
        grid.push(['小计', '1个事项', `${item.materials.length}项材料`, null, null, null]);
      });
      grid.push([
        '合计',
        `${list.length}个事项`,
        `${list.reduce((n, i) => n + i.materials.length, 0)}项材料`,
      ]);
      return { sheets: [{ name: department, grid, merges: [] }], expect: all(list) };
    }
    case 'numbered-cell': {
      const list = items(random, 'source-proposal').map((item) => ({
        ...item,
        materials: item.materials.map((m) => ({ ...m, basis: item.materials[0]!.basis })),
      }));
      const grid: Cell[][] = [line, HEADER];
      const expect: ExpectedMaterial[] = [];
      list.forEach((item, i) => {
        const first = item.materials[0]!;
        if (i % 2 === 0) {
          const text = item.materials
            .map((m, k) => `${k + 1}.${m.name}`)
            .join(random.chance(0.5) ? '\n' : '；');
          grid.push(row(i + 1, item, first, text));
          for (const m of item.materials) expect.push(expected(department, item, { ...first, name: m.name }));
        } else {
          const joined = item.materials.map((m) => m.name).join('、');
          grid.push(row(i + 1, item, first, joined));
          expect.push(expected(department, item, first, joined));
        }
      });
      return { sheets: [{ name: department, grid, merges: [] }], expect };
    }
    case 'labels-merged-down': {
      const list = items(random, 'none');
      const grid: Cell[][] = [
        line,
        ['序号', '事项名称', '材料信息', null, null, '清理意见'],
        [null, null, '材料名称', '来源', '设定依据', null],
        ...table(list, 4, undefined, []).map((r) => [r[0]!, r[1]!, r[2]!, r[3]!, r[4]!, r[5]!]),
      ];
      return {
        sheets: [{ name: department, grid, merges: ['A2:A3', 'B2:B3', 'C2:E2', 'F2:F3'] }],
        expect: all(list),
      };
    }
    case 'repeated-header': {
      const list = items(random, 'none');
      const grid: Cell[][] = [line, HEADER];
      list.forEach((item, i) => {
        if (i % 2 === 1) grid.push(HEADER);
        pushItem(grid, item, i);
      });
      return { sheets: [{ name: department, grid, merges: [] }], expect: all(list) };
    }
    case 'superior-cancelled': {
      const list = items(random, 'none');
      const grid: Cell[][] = [line, [...HEADER, '上级已取消']];
      for (const [i, item] of list.entries())
        for (const [j, m] of item.materials.entries())
          grid.push([...row(j === 0 ? i + 1 : null, j === 0 ? item : null, m), m.superior[0] || null]);
      return { sheets: [{ name: department, grid, merges: [] }], expect: all(list, true) };
    }
    case 'material-group': {
      const list = items(random, 'none');
      const grid: Cell[][] = [
        [`${department}申请材料清理表`],
        ['序号', '事项名称', '申请材料', null, null, '设定依据', '清理意见'],
        [null, null, '名称', '来源', '份数', null, null],
      ];
      for (const [i, item] of list.entries())
        for (const [j, m] of item.materials.entries())
          grid.push([
            j === 0 ? String(i + 1) : null,
            j === 0 ? item.name : null,
            m.name,
            m.source,
            String(1 + random.int(3)),
            m.basis,
            m.proposal,
          ]);
      return {
        sheets: [{ name: department, grid, merges: ['A2:A3', 'B2:B3', 'C2:E2', 'F2:F3', 'G2:G3'] }],
        expect: all(list),
      };
    }
    case 'summary-first': {
      const second = DEPARTMENTS.find((d) => d !== department)!;
      const a = items(random, 'none');
      const b = items(random, 'none');
      const summary: Cell[][] = [
        ['各单位申请材料清理汇总表'],
        ['序号', '单位', '事项数', '材料数', '备注'],
        ['1', department, String(a.length), String(a.reduce((n, i) => n + i.materials.length, 0)), null],
        ['2', second, String(b.length), String(b.reduce((n, i) => n + i.materials.length, 0)), null],
      ];
      const sheetOf = (d: string, list: Item[]): Sheet => ({
        name: d,
        grid: [[`填报单位：${d}`], HEADER, ...table(list, 3, undefined, [])],
        merges: [],
      });
      const expectOf = (d: string, list: Item[]) =>
        list.flatMap((item) => item.materials.map((m) => expected(d, item, m)));
      return {
        sheets: [{ name: '汇总', grid: summary, merges: [] }, sheetOf(department, a), sheetOf(second, b)],
        expect: [...expectOf(department, a), ...expectOf(second, b)],
      };
    }
    case 'signatures-joined': {
      const list = items(random, 'none');
      const joined = list.map((item) => ({
        ...item,
        materials: item.materials.map((m, k) =>
          k === 0 ? { ...m, name: `${m.name}和${random.pick(MATERIALS)}` } : m,
        ),
      }));
      const grid: Cell[][] = [
        [`${department}证明材料清理情况表`],
        line,
        HEADER,
        ...table(joined, 4, undefined, []),
        ['填表人：王五', null, '联系电话：0557-3021234'],
        ['审核人：赵六'],
      ];
      return { sheets: [{ name: department, grid, merges: [] }], expect: all(joined) };
    }
  }
}

async function writeWith(producer: LayoutWorkbook['producer'], sheets: Sheet[], path: string): Promise<void> {
  if (producer === 'exceljs.xlsx') {
    const workbook = new ExcelJS.Workbook();
    for (const sheet of sheets) {
      const ws = workbook.addWorksheet(sheet.name);
      for (const cells of sheet.grid) ws.addRow(cells.map((c) => (c === '' ? null : c)));
      for (const range of sheet.merges) ws.mergeCells(range);
    }
    await workbook.xlsx.writeFile(path);
    return;
  }
  const workbook = XLSX.utils.book_new();
  for (const sheet of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(sheet.grid.map((cells) => cells.map((c) => (c === '' ? null : c))));
    ws['!merges'] = sheet.merges.map((range) => XLSX.utils.decode_range(range));
    XLSX.utils.book_append_sheet(workbook, ws, sheet.name);
  }
  const bookType = producer === 'sheetjs.xls' ? 'biff8' : producer === 'sheetjs.ods' ? 'ods' : 'xlsx';
  await writeFile(path, XLSX.write(workbook, { type: 'buffer', bookType }) as Buffer);
}

/** Writes the 40 workbooks into `dir`; returns each with the materials it must import to. */
export async function writeLayoutWorkbooks(options: {
  dir: string;
  seed?: number;
}): Promise<LayoutWorkbook[]> {
  const random = seededRandom(options.seed ?? 26);
  const out: LayoutWorkbook[] = [];
  for (const layout of UNSEEN_LAYOUTS) {
    for (const producer of LAYOUT_PRODUCERS) {
      const { sheets, expect } = layoutSheets(layout, random);
      const path = join(options.dir, `${layout}.${producer}`);
      await writeWith(producer, sheets, path);
      out.push({ path, layout, producer, materials: expect });
    }
  }
  return out;
}
