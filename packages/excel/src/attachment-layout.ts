// The layout of the official list attachment: its sheets, columns, titles and page setup.
import {
  formatDayZh,
  formatLocalDate,
  type Publication,
  type PublishedDepartment,
  type PublishedItem,
  type PublishedMaterial,
} from '@jianzheng/core';

/** The sheets of the attachment: cancellations in force, planned ones (domain.md §10), retained. */
export type Kind = 'cancel' | 'planned' | 'retain';

/** Which sheet a material is listed on: a planned cancellation apart from those in force. */
export function kindOf(material: PublishedMaterial): Kind {
  if (material.verdict === 'retain') return 'retain';
  return material.effectiveFrom ? 'planned' : 'cancel';
}

const NONE = '—';

export interface ColumnSpec {
  header: string;
  width: number;
  /** Group columns are written once per department or item and merged over its rows. */
  group?: 'department' | 'item';
  value: (
    department: PublishedDepartment,
    item: PublishedItem,
    material: PublishedMaterial,
    serial: number,
  ) => string | number;
}

export const CANCELLED_COLUMNS: readonly ColumnSpec[] = [
  { header: '序号', width: 6, group: 'item', value: (_d, _i, _m, serial) => serial },
  { header: '实施部门', width: 16, group: 'department', value: (d) => d.name },
  { header: '事项名称', width: 28, group: 'item', value: (_d, i) => i.name },
  { header: '取消的申请材料', width: 30, value: (_d, _i, m) => m.name },
  { header: '取消类别', width: 20, value: (_d, _i, m) => m.category?.zh ?? '' },
  { header: '取消后办理方式', width: 30, value: (_d, _i, m) => afterwards(m) },
  { header: '依据', width: 40, value: (_d, _i, m) => m.reason },
];

/** The planned sheet: the cancelled sheet's columns with the day each one takes effect. */
export const PLANNED_COLUMNS: readonly ColumnSpec[] = [
  ...CANCELLED_COLUMNS.slice(0, 4),
  {
    header: '自何日起取消',
    width: 18,
    value: (_d, _i, m) => (m.effectiveFrom ? `自${formatDayZh(m.effectiveFrom)}起` : ''),
  },
  ...CANCELLED_COLUMNS.slice(4),
];

export const RETAINED_COLUMNS: readonly ColumnSpec[] = [
  { header: '序号', width: 6, group: 'item', value: (_d, _i, _m, serial) => serial },
  { header: '实施部门', width: 16, group: 'department', value: (d) => d.name },
  { header: '事项编码', width: 20, group: 'item', value: (_d, i) => i.code ?? '' },
  { header: '事项名称', width: 28, group: 'item', value: (_d, i) => i.name },
  // An explicit dash, not a blank: a blank type cell inherits the type of the item above.
  { header: '事项类型', width: 12, group: 'item', value: (_d, i) => i.type ?? NONE },
  { header: '材料名称', width: 30, value: (_d, _i, m) => m.name },
  { header: '材料来源', width: 14, value: (_d, _i, m) => m.source ?? '' },
  { header: '开具单位', width: 18, value: (_d, _i, m) => m.issuer ?? '' },
  { header: '设定依据', width: 40, value: (_d, _i, m) => m.legalBasis ?? '' },
];

// How the office works without the material, when the rule recorded no specific replacement.
const AFTERWARDS: Record<string, string> = {
  'information-sharing': '通过信息共享获取',
  'internal-query': '部门内部查询核实',
  commitment: '申请人书面承诺，事中事后核查',
  'no-legal-basis': '不再要求提供',
  'not-necessary': '不再要求提供',
  duplicate: '不再重复提供',
  'superior-decision': '不再要求提供',
};

function afterwards(material: PublishedMaterial): string {
  if (material.replacement) return material.replacement;
  return (material.category && AFTERWARDS[material.category.id]) ?? '不再要求提供';
}

/** "宿州市" + "市公安局" → "宿州市公安局"; names that already carry the city are kept. */
function withJurisdiction(department: string, jurisdiction: string): string {
  if (department.startsWith(jurisdiction)) return department;
  const level = jurisdiction.slice(-1);
  if (/[省市县区]/.test(level) && department.startsWith(level)) return jurisdiction.slice(0, -1) + department;
  return jurisdiction + department;
}

const TITLE_VERB: Record<Kind, string> = { cancel: '取消', planned: '计划取消', retain: '保留' };

/**
 * The list's title, derived from the jurisdiction and its departments, e.g.
 * “宿州市公安局等11部门取消政务服务事项申请材料清单”.
 */
export function publicationTitle(
  publication: Pick<Publication, 'jurisdiction' | 'departments'>,
  kind: Kind,
): string {
  const departments = publication.departments;
  const city = publication.jurisdiction.name;
  const lead = departments[0] ? withJurisdiction(departments[0].name, city) : city;
  const who = departments.length > 1 ? `${lead}等${departments.length}部门` : lead;
  return `${who}${TITLE_VERB[kind]}政务服务事项申请材料清单`;
}

/** The line under the title; the date as people in the city read it (`timeZone`, default Asia/Shanghai). */
export function subtitle(publication: Publication, timeZone?: string): string {
  const parts = [publication.batch.title];
  if (publication.batch.documentNumber) parts.push(publication.batch.documentNumber);
  parts.push(`第 ${publication.version} 版`);
  parts.push(`发布于 ${formatLocalDate(publication.publishedAt, timeZone, 'date')}`);
  return parts.join('　');
}

/** The row of column headers (title and subtitle above it), repeated on every printed page. */
export const HEADER_ROW = 3;
/** Page numbers centred in the footer of every printed page (&C: readers such as openpyxl want the section). */
export const FOOTER = '&C第 &P 页，共 &N 页';

/** A4 landscape, fitted to the page width, centred. */
export const PAGE_SETUP = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: true,
  printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
  margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
} as const;

export const SHEETS: ReadonlyArray<[Kind, string, readonly ColumnSpec[]]> = [
  ['cancel', '取消的申请材料', CANCELLED_COLUMNS],
  ['planned', '计划取消的申请材料', PLANNED_COLUMNS],
  ['retain', '保留的申请材料', RETAINED_COLUMNS],
];

/**
 * The sheets a publication's attachment has: the planned sheet only when the list has planned
 * cancellations, so a list without them keeps the two sheets it always had.
 */
export function sheetsOf(rows: Record<Kind, number>): ReadonlyArray<[Kind, string, readonly ColumnSpec[]]> {
  return SHEETS.filter(([kind]) => kind !== 'planned' || rows.planned > 0);
}
