/** The fields a department workbook can carry (domain.md §8). */
export type Field =
  | 'department'
  | 'itemCode'
  | 'itemName'
  | 'itemType'
  | 'materialName'
  | 'source'
  | 'issuer'
  | 'legalBasis'
  | 'necessary'
  | 'shareable'
  | 'internalQuery'
  | 'commitment'
  | 'superiorCancelled'
  | 'departmentProposal'
  | 'proposedMethod'
  | 'notes'
  | 'serial';

export interface FieldDefinition {
  readonly field: Field;
  /** The header the template writes. */
  readonly canonical: string;
  readonly aliases: readonly string[];
}

/** Canonical headers and aliases, in the order of domain.md §8. */
export const FIELDS: readonly FieldDefinition[] = [
  {
    field: 'department',
    canonical: '实施部门',
    aliases: ['部门', '单位', '实施单位', '实施机关', '填报单位', '索要单位'],
  },
  { field: 'itemCode', canonical: '事项编码', aliases: ['编码', '事项代码', '基本编码', '实施编码'] },
  {
    field: 'itemName',
    canonical: '事项名称',
    aliases: ['政务服务事项名称', '政务服务事项', '证明用途', '办理事项', '用途/事项', '用途'],
  },
  { field: 'itemType', canonical: '事项类型', aliases: ['类型', '事项类别'] },
  {
    field: 'materialName',
    canonical: '材料名称',
    aliases: ['申请材料', '申请材料名称', '证明名称', '证明材料名称'],
  },
  { field: 'source', canonical: '材料来源', aliases: ['来源'] },
  { field: 'issuer', canonical: '开具单位', aliases: ['出具单位', '核发单位', '发证机关'] },
  { field: 'legalBasis', canonical: '设定依据', aliases: ['依据', '法律依据', '设定及保留依据'] },
  { field: 'necessary', canonical: '是否必要', aliases: ['必要性'] },
  { field: 'shareable', canonical: '可共享获取', aliases: ['能否通过信息共享获取', '信息共享'] },
  { field: 'internalQuery', canonical: '可内部查询', aliases: ['能否部门内部查询', '内部查询'] },
  { field: 'commitment', canonical: '可告知承诺', aliases: ['能否告知承诺', '告知承诺'] },
  { field: 'superiorCancelled', canonical: '上级已取消', aliases: ['上级取消依据'] },
  { field: 'departmentProposal', canonical: '清理意见', aliases: ['部门意见', '处理意见', '拟处理意见'] },
  { field: 'proposedMethod', canonical: '取消方式', aliases: ['取消后办理方式', '替代方式'] },
  { field: 'notes', canonical: '备注', aliases: ['说明'] },
  { field: 'serial', canonical: '序号', aliases: ['编号'] },
];

export const FIELD_BY_NAME: ReadonlyMap<Field, FieldDefinition> = new Map(FIELDS.map((d) => [d.field, d]));

const LOOKUP = new Map<string, Field>();
for (const definition of FIELDS) {
  for (const name of [definition.canonical, ...definition.aliases]) LOOKUP.set(name, definition.field);
}

// Departments add hints to headers: "材料来源（申请人自备/…）", "*材料名称", "是否必要?".
const DECORATION = /^[*＊]+|[*＊:：?？]+$/g;
const TRAILING_NOTE = /[(（[【][^()（）[\]【】]*[)）\]】]$/;

/**
 * The field a header cell names, or `undefined`. Whitespace (line breaks, full-width spaces)
 * is removed first, as domain.md §8 says; a trailing note in brackets and a required-marker
 * star are tolerated because departments add them to the template's headers.
 */
export function matchHeader(text: string): Field | undefined {
  if (text.length === 0 || text.length > 60) return undefined;
  let compact = text.replace(/\s+/g, '');
  let field = LOOKUP.get(compact);
  if (field !== undefined) return field;
  compact = compact.normalize('NFKC').replace(/\s+/g, '').replace(DECORATION, '');
  field = LOOKUP.get(compact);
  if (field !== undefined) return field;
  const withoutNote = compact.replace(TRAILING_NOTE, '');
  return withoutNote === compact ? undefined : LOOKUP.get(withoutNote);
}

/** The yes/no fields, read with core's parseYesNo. */
export const YES_NO_FIELDS = ['necessary', 'shareable', 'internalQuery', 'commitment'] as const;
