import {
  createEngine,
  type EngineRule,
  ITEM_TYPES,
  type Jurisdiction,
  MATERIAL_SOURCES,
} from '@jianzheng/core';
import ExcelJS from 'exceljs';
import { columnLetter } from './column-letter';
import { FIELD_BY_NAME, type Field } from './headers';

export interface TemplateOptions {
  /** The department the template is for: names the sheet and offers itself in the 实施部门 dropdown. */
  department?: string;
  /** Names the city in the title of the instructions sheet. */
  jurisdiction?: (Pick<Jurisdiction, 'name'> & { documentPrefixes?: readonly string[] }) | string;
  /** Last row that carries the dropdowns (default 5,000): whole-column validation is very slow (exceljs #1283). */
  rows?: number;
  /**
   * The rules whose principles and explanations the 填表说明 sheet lists, in evaluation order
   * (`engine.rules`; default: the ten default rules). A city's own rules appear with their words.
   */
  rules?: readonly EngineRule[];
}

/** The template's columns: 序号 first, as on every form, then the fields in domain.md §8's order. */
export const TEMPLATE_FIELDS: readonly Field[] = [
  'serial',
  'department',
  'itemCode',
  'itemName',
  'itemType',
  'materialName',
  'source',
  'issuer',
  'legalBasis',
  'necessary',
  'shareable',
  'internalQuery',
  'commitment',
  'superiorCancelled',
  'departmentProposal',
  'proposedMethod',
  'notes',
];

const WIDTHS: Record<Field, number> = {
  serial: 6,
  department: 16,
  itemCode: 20,
  itemName: 28,
  itemType: 12,
  materialName: 30,
  source: 14,
  issuer: 18,
  legalBasis: 36,
  necessary: 10,
  shareable: 12,
  internalQuery: 12,
  commitment: 12,
  superiorCancelled: 20,
  departmentProposal: 10,
  proposedMethod: 24,
  notes: 20,
};

const YES_NO = ['是', '否'];
const PROPOSALS = ['保留', '取消'];

/**
 * What each column means, for the 填表说明 sheet: [how to fill it, required?, allowed values]. The
 * 设定依据 example is the jurisdiction's own document number (its first `documentPrefixes` entry),
 * never another province's.
 */
function explanations(ownPrefix: string | undefined): Record<Field, [string, string, string]> {
  const own = ownPrefix ? `${ownPrefix}〔2017〕12号` : '本级文件文号';
  return {
    serial: ['序号，可按事项或按材料编号；同一事项合并单元格也可以', '否', ''],
    department: ['实施该事项的部门全称；整张表为同一部门时可只填第一行，下方留空视为同上', '是', ''],
    itemCode: ['政务服务事项编码（实施编码或基本编码）；没有编码可不填', '否', ''],
    itemName: ['政务服务事项名称；同一事项的多项材料可合并单元格或只在第一行填写', '是', ''],
    itemType: ['事项属于哪一类，从下拉列表选择', '否', ITEM_TYPES.join('、')],
    materialName: ['申请材料名称，每项材料一行；不要编号，不要把多项材料写在同一格', '是', ''],
    source: ['材料由谁提供或出具（“申请人提供”即申请人自备）', '否', MATERIAL_SOURCES.join('、')],
    issuer: ['开具或核发该材料的单位，如“公安机关”“村（居）委会”', '否', ''],
    legalBasis: [
      `只有法律、行政法规、国务院决定和地方性法规可以设定证明。写明要求提交该材料的法律法规名称及条款（如《中华人民共和国居民身份证法》第十四条）；依据为部门规章、地方政府规章或规范性文件的，照实填写其名称和文号（如 ${own}），本级自行设定的将予取消；没有依据填“无”`,
      '是',
      '',
    ],
    necessary: ['该材料是否为办事的必要条件', '否', YES_NO.join('、')],
    shareable: ['能否通过信息共享、网络核验获取', '否', YES_NO.join('、')],
    internalQuery: ['能否通过部门内部查询、部门征询获取', '否', YES_NO.join('、')],
    commitment: ['能否改为申请人书面承诺、事中事后核查', '否', YES_NO.join('、')],
    superiorCancelled: ['上级部门已公布取消的，填写取消文件的名称或文号；未取消填“否”', '否', '文号 或 否'],
    departmentProposal: ['本部门的清理意见', '否', PROPOSALS.join('、')],
    proposedMethod: ['拟取消的，取消后如何办理（如“通过人口信息库共享获取”）', '否', ''],
    notes: ['其他需要说明的情况', '否', ''],
  };
}

/** The 一律取消 principles the rules implement, once each, in principle order (rules without a number last). */
export function principlesOf(rules: readonly EngineRule[]): string[] {
  const byPrinciple = new Map<number, string>();
  const unnumbered: string[] = [];
  for (const rule of rules) {
    const text = rule.principleText?.zh;
    if (text === undefined) continue;
    if (rule.principle === undefined) unnumbered.push(text);
    else if (!byPrinciple.has(rule.principle)) byPrinciple.set(rule.principle, text);
  }
  const numbered = [...byPrinciple].sort(([a], [b]) => a - b).map(([, text]) => text);
  return [...new Set([...numbered, ...unnumbered])];
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(name: string): string {
  const cleaned = name
    .replace(/[:\\/?*[\]：]/g, ' ')
    .trim()
    .slice(0, 31);
  return cleaned.length > 0 ? cleaned : 'Sheet1';
}

/**
 * The department submission workbook (domain.md §8): the canonical headers, dropdowns for every
 * enumerated column, a frozen header row, column widths, and a 填表说明 sheet explaining each
 * column and the eight principles. A filled-in template imports with `importWorkbook` as is.
 */
export async function createTemplate(options: TemplateOptions = {}): Promise<Buffer> {
  const department = options.department?.trim() || undefined;
  const city = typeof options.jurisdiction === 'string' ? options.jurisdiction : options.jurisdiction?.name;
  const ownPrefix =
    typeof options.jurisdiction === 'string' ? undefined : options.jurisdiction?.documentPrefixes?.[0];
  const EXPLANATIONS = explanations(ownPrefix);
  const lastRow = Math.max(2, options.rows ?? 5000);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'jianzheng';

  const sheet = workbook.addWorksheet(sheetName(department ?? '申请材料清单'), {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
  });
  sheet.columns = TEMPLATE_FIELDS.map((field) => ({
    header: FIELD_BY_NAME.get(field)!.canonical,
    key: field,
    width: WIDTHS[field],
  }));
  const header = sheet.getRow(1);
  header.height = 30;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const field of TEMPLATE_FIELDS) {
    const column = sheet.getColumn(field);
    column.alignment = { vertical: 'top', wrapText: true };
  }

  // exceljs 4.4 supports worksheet.dataValidations but its typings do not declare it.
  const validations = (
    sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }
  ).dataValidations;
  const list = (field: Field, values: readonly string[], prompt: string) => {
    const letter = columnLetter(TEMPLATE_FIELDS.indexOf(field) + 1);
    validations.add(`${letter}2:${letter}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${values.join(',')}"`],
      showInputMessage: true,
      promptTitle: FIELD_BY_NAME.get(field)!.canonical,
      prompt,
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: '请从下拉列表选择',
      error: `可选：${values.join('、')}`,
    });
  };
  if (department !== undefined) list('department', [department], '本部门名称');
  list('itemType', ITEM_TYPES, '八类事项类型之一');
  list('source', MATERIAL_SOURCES, '材料来源');
  for (const field of ['necessary', 'shareable', 'internalQuery', 'commitment'] as const) {
    list(field, YES_NO, EXPLANATIONS[field][0]);
  }
  list('departmentProposal', PROPOSALS, '本部门的清理意见');

  addInstructions(workbook, city, department, options.rules ?? createEngine().rules, EXPLANATIONS);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addInstructions(
  workbook: ExcelJS.Workbook,
  city: string | undefined,
  department: string | undefined,
  rules: readonly EngineRule[],
  EXPLANATIONS: Record<Field, [string, string, string]>,
) {
  const help = workbook.addWorksheet('填表说明');
  help.columns = [{ width: 16 }, { width: 70 }, { width: 10 }, { width: 44 }];
  const title = help.addRow([`${city ?? ''}政务服务事项申请材料清单填表说明`]);
  title.font = { bold: true, size: 14 };
  help.mergeCells(`A${title.number}:D${title.number}`);
  help.addRow([
    `1. 请${department ? `${department}` : '各部门'}在“${sheetName(department ?? '申请材料清单')}”工作表中填写，每个事项的每项申请材料占一行。`,
  ]);
  help.addRow([
    '2. 同一事项的实施部门、事项编码、事项名称、事项类型可合并单元格，或只在第一行填写，下方留空视为同上。',
  ]);
  help.addRow(['3. 带下拉箭头的栏目请从下拉列表中选择；是/否栏目不清楚的留空。']);
  help.addRow([]);
  const tableHeader = help.addRow(['栏目', '填写要求', '必填', '可选值']);
  tableHeader.font = { bold: true };
  for (const field of TEMPLATE_FIELDS) {
    const [text, required, values] = EXPLANATIONS[field];
    const row = help.addRow([FIELD_BY_NAME.get(field)!.canonical, text, required, values]);
    row.alignment = { vertical: 'top', wrapText: true };
  }
  help.addRow([]);
  const principles = help.addRow(['“一律取消”原则']);
  principles.font = { bold: true };
  principlesOf(rules).forEach((text, i) => {
    const row = help.addRow([`${i + 1}. ${text}。`]);
    help.mergeCells(`A${row.number}:D${row.number}`);
  });
  help.addRow([]);
  const ruleHeader = help.addRow(['取消规则', '说明', '原则', '取消方式']);
  ruleHeader.font = { bold: true };
  for (const rule of rules) {
    const row = help.addRow([
      rule.title.zh,
      rule.explanation?.zh ?? '',
      rule.principle === undefined ? '' : String(rule.principle),
      rule.publicWording.zh,
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
  }
  help.addRow([]);
  help.addRow([
    '按照“谁设定，谁清理”的要求，各部门对本部门设定的申请材料逐项梳理，主要负责人签字、单位盖章确认。',
  ]);
}
