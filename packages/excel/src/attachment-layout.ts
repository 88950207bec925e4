// The layout of the official list attachment (domain.md §15): its sheets, columns, titles and
// page setup. Every cell is public wording: the engine's reasons and reviewers' notes are not in
// the publication, and so cannot reach the attachment.
import {
  cancellationMethod,
  formatDayZh,
  formatLocalDate,
  type Publication,
  type PublishedDepartment,
  type PublishedItem,
  type PublishedMaterial,
} from '@jianzheng/core';

/**
 * The official lists: cancellations in force, planned ones (domain.md §10), materials replaced by
 * a written commitment (实行告知承诺), and the retained list (保留清单).
 */
export type Kind = 'cancel' | 'planned' | 'commitment' | 'retain';

/** Which sheet a material is listed on: a planned cancellation apart from those in force. */
export function kindOf(material: PublishedMaterial): Kind {
  if (material.verdict === 'retain') return 'retain';
  if (material.effectiveFrom) return 'planned';
  return material.category?.id === 'commitment' ? 'commitment' : 'cancel';
}

/** Rows of each sheet, to state the sheet's dimension before its rows are written. */
export function countRows(publication: Pick<AttachmentSource, 'departments'>): Record<Kind, number> {
  const counts: Record<Kind, number> = { cancel: 0, planned: 0, commitment: 0, retain: 0 };
  // Indexed loops: this runs once, mostly before it is optimized, and a for-of there made an
  // iterator result per row (50 MB at 1M rows on the thread that writes the JSON).
  const { departments } = publication;
  for (let d = 0; d < departments.length; d++) {
    const items = departments[d]!.items;
    for (let i = 0; i < items.length; i++) {
      const materials = items[i]!.materials;
      for (let m = 0; m < materials.length; m++) counts[kindOf(materials[m]!)]++;
    }
  }
  return counts;
}

/** What the attachment reads of a publication: all of it but the checksum (never read, never needed). */
export type AttachmentSource = Omit<Publication, 'sha256'>;

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
    publication: AttachmentSource,
  ) => string | number;
}

/** 取消方式: the deciding rule's public wording where it has one, else the category's label. */
const cancellationWay = (m: PublishedMaterial) => m.wording?.zh ?? m.category?.zh ?? '';

/** 取消后办理方式: as published; a row from before schema 1.2 gets it from its replacement and category. */
const afterwards = (m: PublishedMaterial) =>
  m.method ??
  cancellationMethod({ verdict: m.verdict, category: m.category?.id ?? null, replacement: m.replacement }) ??
  '';

const LEVELS_ZH: Readonly<Record<string, string>> = {
  law: '法律',
  'administrative-regulation': '行政法规',
  'state-council-decision': '国务院决定',
  'local-regulation': '地方性法规',
  'department-rule': '部门规章',
  'local-government-rule': '地方政府规章',
  'normative-document': '规范性文件',
};

/** 效力层级 of the 设定依据 (domain.md §14), in words; blank when not assessed. */
const levelOf = (m: PublishedMaterial) => (m.legalBasisLevel ? (LEVELS_ZH[m.legalBasisLevel] ?? '') : '');

const JURISDICTION_LEVEL_ZH: Readonly<Record<string, string>> = {
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡镇级',
};

const serialColumn: ColumnSpec = { header: '序号', width: 6, group: 'item', value: (_d, _i, _m, s) => s };
const departmentColumn: ColumnSpec = {
  header: '实施部门',
  width: 16,
  group: 'department',
  value: (d) => d.name,
};
const codeColumn: ColumnSpec = {
  header: '事项编码',
  width: 20,
  group: 'item',
  value: (_d, i) => i.code ?? '',
};
const itemColumn: ColumnSpec = { header: '事项名称', width: 28, group: 'item', value: (_d, i) => i.name };
const basisColumn: ColumnSpec = { header: '依据', width: 40, value: (_d, _i, m) => m.basis ?? '' };

/** 取消: 序号, 实施部门, 事项编码, 事项名称, 取消的申请材料, 取消方式, 取消后办理方式, 依据. */
export const CANCELLED_COLUMNS: readonly ColumnSpec[] = [
  serialColumn,
  departmentColumn,
  codeColumn,
  itemColumn,
  { header: '取消的申请材料', width: 30, value: (_d, _i, m) => m.name },
  { header: '取消方式', width: 22, value: (_d, _i, m) => cancellationWay(m) },
  { header: '取消后办理方式', width: 30, value: (_d, _i, m) => afterwards(m) },
  basisColumn,
];

/** The planned sheet: the cancelled sheet's columns with the day each one takes effect. */
export const PLANNED_COLUMNS: readonly ColumnSpec[] = [
  ...CANCELLED_COLUMNS.slice(0, 5),
  {
    header: '自何日起取消',
    width: 18,
    value: (_d, _i, m) => (m.effectiveFrom ? `自${formatDayZh(m.effectiveFrom)}起` : ''),
  },
  ...CANCELLED_COLUMNS.slice(5),
];

/** 实行告知承诺: what the applicant now commits to instead of bringing the material. */
export const COMMITMENT_COLUMNS: readonly ColumnSpec[] = [
  ...CANCELLED_COLUMNS.slice(0, 4),
  { header: '实行告知承诺的申请材料', width: 30, value: (_d, _i, m) => m.name },
  { header: '承诺方式及事中事后核查', width: 34, value: (_d, _i, m) => afterwards(m) },
  basisColumn,
];

/**
 * 保留: what a 司法局 signs a 保留清单 on (domain.md §14, §15). The 设定依据 stays as the department
 * wrote it (its level in a column of its own) and the item code is kept, so the sheet imports back
 * as a department workbook with the same material ids.
 */
export const RETAINED_COLUMNS: readonly ColumnSpec[] = [
  serialColumn,
  { header: '证明名称', width: 28, value: (_d, _i, m) => m.name },
  { header: '用途/事项', width: 28, group: 'item', value: (_d, i) => i.name },
  codeColumn,
  { header: '设定依据', width: 40, value: (_d, _i, m) => m.legalBasis ?? '' },
  { header: '效力层级', width: 12, value: (_d, _i, m) => levelOf(m) },
  { header: '索要单位', width: 16, group: 'department', value: (d) => d.name },
  { header: '开具单位', width: 18, value: (_d, _i, m) => m.issuer ?? '' },
  {
    header: '行使层级',
    width: 10,
    value: (_d, _i, _m, _s, p) => JURISDICTION_LEVEL_ZH[p.jurisdiction.level] ?? p.jurisdiction.level,
  },
  // An explicit dash, not a blank: a blank type cell inherits the type of the item above.
  { header: '事项类型', width: 12, group: 'item', value: (_d, i) => i.type ?? NONE },
  { header: '保留原因', width: 36, value: (_d, _i, m) => m.basis ?? '' },
];

/** "宿州市" + "市公安局" → "宿州市公安局"; names that already carry the city are kept. */
function withJurisdiction(department: string, jurisdiction: string): string {
  if (department.startsWith(jurisdiction)) return department;
  const level = jurisdiction.slice(-1);
  if (/[省市县区]/.test(level) && department.startsWith(level)) return jurisdiction.slice(0, -1) + department;
  return jurisdiction + department;
}

const TITLE_VERB: Record<Kind, string> = {
  cancel: '取消',
  planned: '计划取消',
  commitment: '实行告知承诺的',
  retain: '保留',
};

/**
 * The list's title, derived from the jurisdiction and its departments, e.g.
 * “宿州市公安局等11部门取消政务服务事项申请材料清单”; a list with decisions still proposed is the
 * 送审稿 (domain.md §15), and says so in its title.
 */
export function publicationTitle(
  publication: Pick<Publication, 'jurisdiction' | 'departments'> & {
    batch?: Pick<Publication['batch'], 'status'>;
  },
  kind: Kind,
): string {
  const departments = publication.departments;
  const city = publication.jurisdiction.name;
  const lead = departments[0] ? withJurisdiction(departments[0].name, city) : city;
  const who = departments.length > 1 ? `${lead}等${departments.length}部门` : lead;
  const draft = publication.batch?.status === 'draft' ? '（送审稿）' : '';
  return `${who}${TITLE_VERB[kind]}政务服务事项申请材料清单${draft}`;
}

/** The line under the title; the date as people in the city read it (`timeZone`, default Asia/Shanghai). */
export function subtitle(publication: AttachmentSource, timeZone?: string): string {
  const parts = [publication.batch.title];
  if (publication.batch.documentNumber) parts.push(publication.batch.documentNumber);
  parts.push(`第 ${publication.version} 版`);
  parts.push(`发布于 ${formatLocalDate(publication.publishedAt, timeZone, 'date')}`);
  const review = publication.batch.legalReview;
  if (review?.documentNumber) parts.push(`合法性审查 ${review.documentNumber}`);
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
  ['commitment', '实行告知承诺的申请材料', COMMITMENT_COLUMNS],
  ['retain', '保留的申请材料', RETAINED_COLUMNS],
];

/**
 * The sheets a publication's attachment has: the planned and commitment sheets only when the list
 * has such materials, so a list without them keeps the two sheets it always had.
 */
export function sheetsOf(rows: Record<Kind, number>): ReadonlyArray<[Kind, string, readonly ColumnSpec[]]> {
  return SHEETS.filter(([kind]) => (kind !== 'planned' && kind !== 'commitment') || rows[kind] > 0);
}
