import {
  type CategoryDefinition,
  createLegalLevelCounter,
  createSummaryAccumulator,
  DEFAULT_CATEGORIES,
  type Decision,
  type EngineRule,
  formatLocalDate,
  type Jurisdiction,
  JurisdictionSchema,
  type Material,
  PUBLICATION_SCHEMA_VERSION,
  type Publication,
  PublicationSchema,
  type PublishedMaterial,
} from '@jianzheng/core';
import { createRowChecker, decisionsById, groupingIssues, inOrder } from './builder-checks';
import { createGrouping } from './builder-grouping';
import { blankToNull, createInterner, isoString, legalReviewOf, ownString } from './builder-text';
import { canonicalContent } from './canonical';
import { PublicationBuilderFinishedError, PublicationInputError, type PublicationIssue } from './errors';
import { createRowWriter } from './published-row';
import { sealWithDeferredChecksum } from './sealed';
import { checkSchema, type UnsignedPublication, UnsignedPublicationSchema } from './validate';

/** Everything a publication needs besides its materials and decisions. */
export interface PublicationHeadInput {
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
    /**
     * The approving document covers the list as it stands: the publication is official even
     * where decisions are still proposed (the CLI's `--approved <文号>`). Without it, any proposed
     * decision makes the publication a 送审稿 (`status: 'draft'`).
     */
    approvedAsProposed?: boolean;
    /** The 合法性审查 the list passed: 文号, reviewer, date (YYYY-MM-DD). */
    legalReview?: {
      documentNumber?: string | null;
      reviewer?: string | null;
      reviewedAt?: string | null;
    } | null;
  };
  /** 1 for the first publication of a batch, then 2, 3 … for each adjustment. */
  version: number;
  /** The engine's `ruleSet` (id and version), recorded so a reader knows which rules decided. */
  ruleSet: { id: string; version: string };
  /** Publication time; a Date is written as UTC ISO 8601. */
  publishedAt: Date | string;
  /**
   * IANA zone of the jurisdiction (domain.md §9 `timeZone`, default Asia/Shanghai): the
   * publication's date there decides which cancellations are still planned (domain.md §10).
   */
  timeZone?: string;
  /** Category labels; defaults to the seven of domain.md §3. Pass the engine's for extra categories. */
  categories?: readonly CategoryDefinition[];
  /** The engine's rules (`engine.rules`): their public wording names a cancellation where it differs from the category's. */
  rules?: readonly EngineRule[];
}

/** A publication fed chunk by chunk (typically one item at a time), then finished once. */
export interface PublicationBuilder {
  /**
   * Adds materials in the order departments wrote them, with their decisions (matched by
   * `materialId`, any order within the chunk). A material's decision must come in the same `add`
   * as the material. Nothing given is kept: each material becomes one published row holding
   * copies of its fields. Problems are collected (paths count materials and decisions across
   * all chunks, `materials[i]` being the i-th material added) and thrown by `finish`.
   * Throws `PublicationBuilderFinishedError` after `finish`.
   */
  add(materials: readonly Material[], decisions: readonly Decision[]): void;
  /**
   * Checks the whole (head, rows, summary, schema one department at a time), then returns the
   * sealed publication — byte for byte what `createPublication` gives for the concatenated
   * chunks. Its `sha256` is computed when first read, or by `writePublication` from the bytes it
   * writes if that comes first (a national list's text is then produced once, not twice).
   * Throws `PublicationInputError` listing every problem found (up to 20), zh-CN first.
   * The builder is finished afterwards, whether it threw or not.
   */
  finish(): Publication;
}

const MAX_ISSUES = 20;
const PublishedAtSchema = PublicationSchema.shape.publishedAt;

/** How a report names a material: department／item／name. */
const labelOf = (material: Material) =>
  `${material.item.department}／${material.item.name}／${material.name}`;

/** Index of a material in `seen`: negative (`~i`) once it was reported without a decision. */
const indexOf = (value: number) => (value < 0 ? ~value : value);

/**
 * Starts a publication (domain.md §6) that is fed in chunks, so a national list can be published
 * while only its published rows are alive: the caller evaluates one item, `add`s its materials and
 * decisions and drops them. Departments come in first-seen order, items in first-seen order within
 * their department (an item whose materials arrive in several chunks stays one item), materials in
 * the order added. The summary comes from core's `createSummaryAccumulator`.
 *
 * Memory: the builder keeps the published rows (one frozen category label object shared per
 * category), the department/item grouping, the summary counters, and — its only per-material cost
 * beyond the row — a map from each material id to its position, for the repeated-id check.
 *
 * The head is checked at once but, like every other problem, reported by `finish`.
 */
export function createPublicationBuilder(head: PublicationHeadInput): PublicationBuilder {
  const issues: PublicationIssue[] = [];
  const report = (path: string, message: string, messageEn: string) => {
    if (issues.length < MAX_ISSUES) issues.push({ path, message, messageEn });
  };

  const jurisdiction = checkSchema(JurisdictionSchema, head.jurisdiction, 'jurisdiction');
  if (!jurisdiction.ok) issues.push(...jurisdiction.issues);

  const publishedAt = isoString(head.publishedAt);
  if (publishedAt === undefined || !PublishedAtSchema.safeParse(publishedAt).success)
    report(
      'publishedAt',
      `发布时间 “${String(head.publishedAt)}” 不是 ISO 8601 日期时间（如 2018-09-04T09:00:00+08:00）`,
      `publishedAt "${String(head.publishedAt)}" is not an ISO 8601 date-time (e.g. 2018-09-04T09:00:00+08:00)`,
    );
  const approvedAt = isoString(head.batch?.approvedAt);
  if (approvedAt === undefined && head.batch?.approvedAt != null)
    report('batch.approvedAt', '审议通过日期无效', 'batch.approvedAt is an invalid date');

  if (!Number.isInteger(head.version) || head.version < 1)
    report(
      'version',
      `版本号应为从 1 开始的整数，收到 ${String(head.version)}`,
      `version must be an integer from 1, got ${String(head.version)}`,
    );
  else if (head.version > 1 && blankToNull(head.batch?.adjustmentReason) === null)
    report(
      'batch.adjustmentReason',
      `第 ${head.version} 版是动态调整，须说明调整原因`,
      `version ${head.version} is an adjustment and needs an adjustmentReason`,
    );

  const categories = new Map((head.categories ?? DEFAULT_CATEGORIES).map((c) => [c.id, c]));
  const intern = createInterner();
  // The publication's own day: a cancellation whose effectiveFrom is later is planned (§10).
  const day = publishedAt === undefined ? undefined : formatLocalDate(publishedAt, head.timeZone, 'date');
  const asOf = day !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : undefined;
  const summary = createSummaryAccumulator({ categories: [...categories.keys()], asOf });
  const levels = createLegalLevelCounter();
  const rowChecker = createRowChecker(MAX_ISSUES);
  const row = createRowWriter({ rules: head.rules, asOf, intern: (value) => intern.text(value) });
  let proposed = 0;
  // One label object per category, shared by its rows (they are frozen, so sharing is safe):
  // a million-row list would otherwise carry hundreds of thousands of identical copies.
  const labels = new Map<string, NonNullable<PublishedMaterial['category']>>();
  const grouping = createGrouping((value) => intern.text(value));
  // Material id → its running index (~index once reported without a decision, so a decision
  // arriving in a later chunk is named as late rather than as a second decision).
  let seen = new Map<string, number>();
  let materialCount = 0;
  let decisionCount = 0;
  let finished = false;

  // The label and path are made only for a report: made per material (a closure and a string),
  // they were two million short-lived objects at 1M rows for the main thread's collector.
  const categoryOf = (decision: Decision, material: Material, at: number) => {
    if (decision.verdict !== 'cancel') return null;
    const definition = decision.category === null ? undefined : categories.get(decision.category);
    if (definition === undefined) {
      const label = labelOf(material);
      report(
        `materials[${at}]`,
        decision.category === null
          ? `材料 “${label}” 决定取消，但没有取消类别`
          : `材料 “${label}” 的取消类别 “${decision.category}” 未定义，可用的类别：${[...categories.keys()].join(', ')}`,
        decision.category === null
          ? `material "${label}" is cancelled without a category`
          : `material "${label}" has unknown category "${decision.category}"`,
      );
      return undefined;
    }
    let category = labels.get(definition.id);
    if (category === undefined) {
      category = { id: definition.id, zh: definition.label.zh, en: definition.label.en };
      labels.set(definition.id, category);
    }
    return category;
  };

  const publish = (
    material: Material,
    id: string,
    decision: Decision,
    category: PublishedMaterial['category'],
  ) => {
    // A fresh object of strings: neither the material nor the decision (with its trace) is kept.
    const rows = grouping.rowsOf(material);
    const published = row(material, id, decision, category);
    rowChecker.check(published, grouping.department, grouping.item, rows.length);
    rows.push(published);
    if (decision.status === 'proposed') proposed++;
    summary.add(material, decision);
    levels.add(decision);
  };

  const finishedError = (action: 'add' | 'finish') => new PublicationBuilderFinishedError(action);

  return {
    add(materials, decisions) {
      if (finished) throw finishedError('add');
      const base = materialCount;
      const decisionBase = decisionCount;
      materialCount += materials.length;
      decisionCount += decisions.length;

      // One copy of each id, shared by the row and the repeated-id map (and looked up as that copy,
      // so each id is hashed once).
      const ids = materials.map((material) => ownString(material.id));
      let allNew = true;
      materials.forEach((material, i) => {
        const id = ids[i]!;
        const earlier = seen.get(id);
        if (earlier === undefined) {
          seen.set(id, base + i);
          return;
        }
        allNew = false;
        report(
          `materials[${base + i}].id`,
          `材料编号 “${material.id}” 与 materials[${indexOf(earlier)}] 重复（${material.item.department}／${material.item.name}／${material.name}）`,
          `material id "${material.id}" repeats materials[${indexOf(earlier)}]`,
        );
      });

      // The engine answers in the materials' order, one decision each: then the i-th decision is
      // the i-th material's, and the checks below could find nothing (every id new, each decided
      // once, in this add). That spares a map of the chunk's decisions and two lookups per material.
      let decisionOf: (i: number) => Decision | undefined;
      if (allNew && inOrder(materials, decisions)) decisionOf = (i) => decisions[i];
      else {
        const byId = decisionsById(decisions, seen, report, base, decisionBase);
        decisionOf = (i) => byId(materials[i]!.id);
      }

      materials.forEach((material, i) => {
        const decision = decisionOf(i);
        if (decision === undefined) {
          const first = seen.get(material.id);
          // A repeat of a material added earlier is already reported; its decision went with the first.
          if (first !== undefined && indexOf(first) < base) return;
          const label = labelOf(material);
          report(
            `materials[${base + i}]`,
            `材料 “${label}” 没有审核决定`,
            `material "${label}" has no decision`,
          );
          if (seen.get(material.id) === base + i) seen.set(material.id, ~(base + i));
          return;
        }
        const category = categoryOf(decision, material, base + i);
        // Once anything is wrong, finish() throws: rows would only hold memory.
        if (category !== undefined && issues.length === 0) publish(material, ids[i]!, decision, category);
      });
    },

    finish() {
      if (finished) throw finishedError('finish');
      finished = true;
      seen = new Map();
      intern.clear();
      if (issues.length > 0) throw new PublicationInputError(issues);

      // The rows are built with their keys already in canonical order, so only the head goes
      // through canonicalContent: copying a million rows into the same shape would double their memory.
      const published = grouping.take();
      const unsignedHead = canonicalContent({
        schemaVersion: PUBLICATION_SCHEMA_VERSION,
        jurisdiction: head.jurisdiction,
        batch: {
          id: head.batch?.id,
          title: head.batch?.title,
          documentNumber: blankToNull(head.batch?.documentNumber),
          approvedAt: blankToNull(approvedAt),
          adjustmentReason: blankToNull(head.batch?.adjustmentReason),
          status: proposed > 0 && head.batch?.approvedAsProposed !== true ? 'draft' : 'official',
          legalReview: legalReviewOf(head.batch?.legalReview),
        },
        version: head.version,
        publishedAt: publishedAt as string,
        ruleSet: { id: head.ruleSet?.id, version: head.ruleSet?.version },
        summary: { ...summary.result(), byLegalLevel: levels.result() },
        departments: [],
      });

      // Whatever slipped past the checks above (an empty name, an unknown source …) is caught here,
      // with paths into the publication rather than into the inputs. Checked one department at a
      // time: zod returns a copy of what it parses, and a copy of a million-row list would be held whole.
      const schemaIssues: PublicationIssue[] = [];
      const checkedHead = checkSchema(UnsignedPublicationSchema, unsignedHead, 'publication');
      if (!checkedHead.ok) schemaIssues.push(...checkedHead.issues);
      for (const [d, department] of published.entries()) schemaIssues.push(...groupingIssues(department, d));
      // Rows were checked as they were made (builder-checks.ts); their problems follow in list order.
      schemaIssues.push(...rowChecker.issues());
      if (schemaIssues.length > 0) throw new PublicationInputError(schemaIssues);

      const unsigned: UnsignedPublication = { ...unsignedHead, departments: published };
      // The checksum is computed when first read, or by writePublication while it writes the text.
      return sealWithDeferredChecksum(unsigned);
    },
  };
}
