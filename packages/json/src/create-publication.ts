import {
  type CategoryDefinition,
  DEFAULT_CATEGORIES,
  type Decision,
  itemKey,
  type Jurisdiction,
  JurisdictionSchema,
  type Material,
  PUBLICATION_SCHEMA_VERSION,
  type Publication,
  PublicationSchema,
  type PublishedDepartment,
  PublishedDepartmentSchema,
  type PublishedItem,
  type PublishedMaterial,
  summarize,
} from '@jianzheng/core';
import { canonicalContent, contentChecksum } from './canonical';
import { PublicationInputError, type PublicationIssue } from './errors';
import { seal } from './sealed';
import { checkSchema, type UnsignedPublication, UnsignedPublicationSchema } from './validate';

export interface CreatePublicationInput {
  /** The city (county, province) publishing the list. */
  jurisdiction: Jurisdiction;
  batch: {
    /** Stable batch id; also the folder name in `publications/<batch>/v<N>.json`. */
    id: string;
    /** 第一批 …, as printed on the notice. */
    title: string;
    /** 文号 of the government document that publishes the list. */
    documentNumber?: string | null;
    /** When the government meeting approved the list (ISO date or Date). */
    approvedAt?: string | Date | null;
    /** Why this version changes the previous one (动态调整); required from version 2 on. */
    adjustmentReason?: string | null;
  };
  /** 1 for the first publication of a batch, then 2, 3 … for each adjustment. */
  version: number;
  /** The materials in the order departments wrote them; grouping keeps this order. */
  materials: readonly Material[];
  /** One decision per material, matched by `materialId` (any order). */
  decisions: readonly Decision[];
  /** The engine's `ruleSet` (id and version), recorded so a reader knows which rules decided. */
  ruleSet: { id: string; version: string };
  /** Publication time; a Date is written as UTC ISO 8601. */
  publishedAt: Date | string;
  /** Category labels; defaults to the seven of domain.md §3. Pass the engine's for extra categories. */
  categories?: readonly CategoryDefinition[];
}

const MAX_ISSUES = 20;
const PublishedAtSchema = PublicationSchema.shape.publishedAt;

function blankToNull(value: string | null | undefined): string | null {
  return value == null || value.trim() === '' ? null : value;
}

function isoString(value: Date | string | null | undefined): string | null | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  return value;
}

/**
 * Builds a publication (domain.md §6): departments in first-seen order, items in first-seen order
 * within their department, materials in input order within their item; the summary from core's
 * `summarize`; the `sha256` of the canonical content filled in. Throws `PublicationInputError`
 * (zh-CN message listing each problem) for a material without a decision, a decision for no
 * material, a repeated material id, a cancelled material without a known category, and so on.
 * The result is deeply frozen: a publication is an immutable snapshot.
 */
export function createPublication(input: CreatePublicationInput): Publication {
  const issues: PublicationIssue[] = [];
  const add = (path: string, message: string, messageEn: string) => {
    if (issues.length < MAX_ISSUES) issues.push({ path, message, messageEn });
  };

  const jurisdiction = checkSchema(JurisdictionSchema, input.jurisdiction, 'jurisdiction');
  if (!jurisdiction.ok) issues.push(...jurisdiction.issues);

  const publishedAt = isoString(input.publishedAt);
  if (publishedAt === undefined || !PublishedAtSchema.safeParse(publishedAt).success)
    add(
      'publishedAt',
      `发布时间 “${String(input.publishedAt)}” 不是 ISO 8601 日期时间（如 2018-09-04T09:00:00+08:00）`,
      `publishedAt "${String(input.publishedAt)}" is not an ISO 8601 date-time (e.g. 2018-09-04T09:00:00+08:00)`,
    );
  const approvedAt = isoString(input.batch?.approvedAt);
  if (approvedAt === undefined && input.batch?.approvedAt != null)
    add('batch.approvedAt', '审议通过日期无效', 'batch.approvedAt is an invalid date');

  if (!Number.isInteger(input.version) || input.version < 1)
    add(
      'version',
      `版本号应为从 1 开始的整数，收到 ${String(input.version)}`,
      `version must be an integer from 1, got ${String(input.version)}`,
    );
  else if (input.version > 1 && blankToNull(input.batch?.adjustmentReason) === null)
    add(
      'batch.adjustmentReason',
      `第 ${input.version} 版是动态调整，须说明调整原因`,
      `version ${input.version} is an adjustment and needs an adjustmentReason`,
    );

  const categories = new Map((input.categories ?? DEFAULT_CATEGORIES).map((c) => [c.id, c]));

  const materialIndex = new Map<string, number>();
  input.materials.forEach((material, i) => {
    const earlier = materialIndex.get(material.id);
    if (earlier !== undefined)
      add(
        `materials[${i}].id`,
        `材料编号 “${material.id}” 与 materials[${earlier}] 重复（${material.item.department}／${material.item.name}／${material.name}）`,
        `material id "${material.id}" repeats materials[${earlier}]`,
      );
    else materialIndex.set(material.id, i);
  });

  const decisionById = new Map<string, Decision>();
  input.decisions.forEach((decision, i) => {
    if (!materialIndex.has(decision.materialId))
      add(
        `decisions[${i}].materialId`,
        `决定对应的材料 “${decision.materialId}” 不在材料清单中`,
        `decision for material "${decision.materialId}" has no material in the list`,
      );
    else if (decisionById.has(decision.materialId))
      add(
        `decisions[${i}].materialId`,
        `材料 “${decision.materialId}” 有多个决定`,
        `material "${decision.materialId}" has more than one decision`,
      );
    else decisionById.set(decision.materialId, decision);
  });

  const labels = new Map<string, NonNullable<PublishedMaterial['category']>>();
  const departments = new Map<string, { name: string; items: Map<string, PublishedItem> }>();
  input.materials.forEach((material, i) => {
    const decision = decisionById.get(material.id);
    const label = () => `${material.item.department}／${material.item.name}／${material.name}`;
    if (decision === undefined) {
      add(`materials[${i}]`, `材料 “${label()}” 没有审核决定`, `material "${label()}" has no decision`);
      return;
    }
    let category: PublishedMaterial['category'] = null;
    if (decision.verdict === 'cancel') {
      const definition = decision.category === null ? undefined : categories.get(decision.category);
      if (definition === undefined) {
        add(
          `materials[${i}]`,
          decision.category === null
            ? `材料 “${label()}” 决定取消，但没有取消类别`
            : `材料 “${label()}” 的取消类别 “${decision.category}” 未定义，可用的类别：${[...categories.keys()].join(', ')}`,
          decision.category === null
            ? `material "${label()}" is cancelled without a category`
            : `material "${label()}" has unknown category "${decision.category}"`,
        );
        return;
      }
      // One label object per category, shared by its rows (they are frozen, so sharing is safe):
      // a million-row list would otherwise carry hundreds of thousands of identical copies.
      category = labels.get(definition.id) ?? null;
      if (category === null) {
        category = { id: definition.id, zh: definition.label.zh, en: definition.label.en };
        labels.set(definition.id, category);
      }
    }

    let department = departments.get(material.item.department);
    if (department === undefined) {
      department = { name: material.item.department, items: new Map() };
      departments.set(material.item.department, department);
    }
    const key = itemKey(material.item);
    let item = department.items.get(key);
    if (item === undefined) {
      item = {
        code: blankToNull(material.item.code),
        name: material.item.name,
        type: material.item.type ?? null,
        materials: [],
      };
      department.items.set(key, item);
    }
    item.materials.push({
      id: material.id,
      name: material.name,
      verdict: decision.verdict,
      category,
      ruleId: decision.ruleId,
      replacement: blankToNull(decision.replacement),
      reason: decision.reason,
      status: decision.status,
      source: material.source ?? null,
      issuer: blankToNull(material.issuer),
      legalBasis: blankToNull(material.legalBasis),
    });
  });

  if (issues.length > 0) throw new PublicationInputError(issues);

  // The rows above are built with their keys already in canonical order, so only the head goes
  // through canonicalContent: copying a million rows into the same shape would double their memory.
  const published: PublishedDepartment[] = [...departments.values()].map((d) => ({
    name: d.name,
    items: [...d.items.values()],
  }));
  const head = canonicalContent({
    schemaVersion: PUBLICATION_SCHEMA_VERSION,
    jurisdiction: input.jurisdiction,
    batch: {
      id: input.batch?.id,
      title: input.batch?.title,
      documentNumber: blankToNull(input.batch?.documentNumber),
      approvedAt: blankToNull(approvedAt),
      adjustmentReason: blankToNull(input.batch?.adjustmentReason),
    },
    version: input.version,
    publishedAt: publishedAt as string,
    ruleSet: { id: input.ruleSet?.id, version: input.ruleSet?.version },
    summary: summarize(input.materials, input.decisions, { categories: [...categories.keys()] }),
    departments: [],
  });

  // Whatever slipped past the checks above (an empty name, an unknown source …) is caught here,
  // with paths into the publication rather than into the inputs. Checked one department at a
  // time: zod returns a copy of what it parses, and a copy of a million-row list would be held whole.
  const schemaIssues: PublicationIssue[] = [];
  const checkedHead = checkSchema(UnsignedPublicationSchema, head, 'publication');
  if (!checkedHead.ok) schemaIssues.push(...checkedHead.issues);
  published.forEach((department, d) => {
    const checked = checkSchema(PublishedDepartmentSchema, department, `publication.departments[${d}]`);
    if (!checked.ok) schemaIssues.push(...checked.issues);
  });
  if (schemaIssues.length > 0) throw new PublicationInputError(schemaIssues);

  const unsigned: UnsignedPublication = { ...head, departments: published };
  // Hashed chunk by chunk: a national list's text is longer than the longest string V8 can hold.
  return seal({ ...unsigned, sha256: contentChecksum(unsigned) });
}
