// The publication builder's checks that are not about the head: a chunk's decisions matched to
// its materials, each published row against the schema as it is made, and the grouping at the end.
import {
  type Decision,
  type Material,
  PublishedDepartmentSchema,
  PublishedItemSchema,
  type PublishedMaterial,
  PublishedMaterialSchema,
} from '@jianzheng/core';
import { z } from 'zod';
import type { PublicationIssue } from './errors';
import { checkSchema } from './validate';

type Report = (path: string, message: string, messageEn: string) => void;

/** Whether the i-th decision is the i-th material's, for every i (as the engine answers). */
export function inOrder(materials: readonly Material[], decisions: readonly Decision[]): boolean {
  if (decisions.length !== materials.length) return false;
  for (let i = 0; i < materials.length; i++) if (decisions[i]!.materialId !== materials[i]!.id) return false;
  return true;
}

/**
 * A chunk's decisions by material id, each checked against `seen` (material id → its running
 * index, `~index` once reported without a decision): a decision for no material, a second
 * decision, a decision later than its material's chunk are reported. `base` is the running index
 * of the chunk's first material, `decisionBase` that of its first decision.
 */
export function decisionsById(
  decisions: readonly Decision[],
  seen: ReadonlyMap<string, number>,
  report: Report,
  base: number,
  decisionBase: number,
): (id: string) => Decision | undefined {
  const byId = new Map<string, Decision>();
  decisions.forEach((decision, j) => {
    const at = seen.get(decision.materialId);
    const path = `decisions[${decisionBase + j}].materialId`;
    if (at === undefined)
      report(
        path,
        `决定对应的材料 “${decision.materialId}” 不在材料清单中`,
        `decision for material "${decision.materialId}" has no material in the list`,
      );
    else if (at >= base && !byId.has(decision.materialId)) byId.set(decision.materialId, decision);
    else if (at >= 0)
      report(
        path,
        `材料 “${decision.materialId}” 有多个决定`,
        `material "${decision.materialId}" has more than one decision`,
      );
    else
      report(
        path,
        `材料 “${decision.materialId}”（materials[${~at}]）的决定晚于材料提供，决定须与其材料在同一次 add 中提供`,
        `the decision for material "${decision.materialId}" (materials[${~at}]) comes in a later add than the material; add each decision with its material`,
      );
  });
  return (id) => byId.get(id);
}

/** Where a row sits in the publication: department, item within it, row within the item. */
export type RowPlace = readonly [department: number, item: number, row: number];

const before = (a: RowPlace, b: RowPlace) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

const FIELDS = Object.keys(PublishedMaterialSchema.shape) as ReadonlyArray<keyof PublishedMaterial>;
// A field stops remembering past this many values (a list of mostly distinct 依据 texts).
const REMEMBERED = 65_536;
const NOT_YET = Symbol('not yet');

/**
 * For a field whose schema is a plain string with only length checks (the id, unique per row and
 * never remembered; the name), the same test without zod's result objects — a million of them
 * per million rows for the main thread's collector. Undefined for any other schema. It never
 * accepts what zod would refuse, and what it refuses still goes to zod.
 */
export function plainStringCheck(schema: z.ZodType): ((value: unknown) => boolean) | undefined {
  if (!(schema instanceof z.ZodString) || schema.def.coerce === true) return undefined;
  const checks = schema.def.checks ?? [];
  if (!checks.every((c) => c._zod.def.check === 'min_length' || c._zod.def.check === 'max_length'))
    return undefined;
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Number.POSITIVE_INFINITY;
  // zod counts code points; a string of n UTF-16 units has between ⌈n/2⌉ and n of them, so this
  // accepts only a length that passes under either count (an id: any non-empty string).
  return (value) => typeof value === 'string' && (value.length + 1) >> 1 >= min && value.length <= max;
}

/**
 * Checks each published row against the schema when it is made, not when the list is finished: a
 * file-by-file publish makes rows while its thread waits for the next files to be read, whereas
 * at the end the check held up everything after it (1.5 s at 1,000,000 rows).
 * The row schema is a strict object with no rule across fields, so a row is valid when it has
 * exactly the schema's keys and each value passes its field's schema. Rows repeat the same few
 * values (the builder keeps one copy of each text, one label object per category), so each
 * field remembers the values that passed and runs its schema only on a new one. A row that fails
 * is checked again as a whole for zod's messages. The problems come out in publication order, as
 * a check of the finished list would give them; only the first few rows with a problem are kept.
 */
export function createRowChecker(maxRows: number) {
  const found: Array<{ place: RowPlace; issues: PublicationIssue[] }> = [];
  const shape = PublishedMaterialSchema.shape as Record<string, z.ZodType>;
  // A plain string field (the id, unique per row; the name, mostly distinct in a long list) is
  // tested as it comes; any other field remembers the values that passed.
  const plain = FIELDS.map((field) => plainStringCheck(shape[field]!));
  const passed = plain.map((check) => (check === undefined ? new Set<unknown>() : undefined));
  // The row before's values: rows of an item mostly repeat them, and comparing is cheaper than a lookup.
  const last: unknown[] = FIELDS.map(() => NOT_YET);
  const fieldOk = (f: number, value: unknown): boolean => {
    if (value === last[f]) return true;
    const seen = passed[f];
    if (plain[f]?.(value) !== true && seen?.has(value) !== true) {
      if (!shape[FIELDS[f]!]!.safeParse(value).success) return false;
      if (seen !== undefined && seen.size < REMEMBERED) seen.add(value);
    }
    last[f] = value;
    return true;
  };
  const valid = (row: PublishedMaterial): boolean => {
    let f = 0;
    for (const key in row) {
      if (key !== FIELDS[f] || !fieldOk(f, row[key as keyof PublishedMaterial])) return false;
      f++;
    }
    return f === FIELDS.length;
  };
  return {
    check(row: PublishedMaterial, department: number, item: number, index: number): void {
      if (valid(row)) return;
      const place: RowPlace = [department, item, index];
      // The fast check also refuses valid rows with their keys in another order: zod decides.
      const issues = rowIssues(row, place);
      if (issues.length === 0) return;
      found.push({ place, issues });
      if (found.length > maxRows) {
        found.sort((a, b) => before(a.place, b.place));
        found.length = maxRows;
      }
    },
    issues(): PublicationIssue[] {
      return found.sort((a, b) => before(a.place, b.place)).flatMap((f) => f.issues);
    },
  };
}

function rowIssues(row: PublishedMaterial, [d, i, m]: RowPlace): PublicationIssue[] {
  const checked = checkSchema(
    PublishedMaterialSchema,
    row,
    `publication.departments[${d}].items[${i}].materials[${m}]`,
  );
  return checked.ok ? [] : checked.issues;
}

// The grouping around the rows, which createRowChecker has checked already.
const GroupingSchema = PublishedDepartmentSchema.extend({
  // Only that the rows are a list (each was checked when made): z.array copied a million of them.
  items: z.array(
    PublishedItemSchema.extend({ materials: z.custom<unknown[]>((value) => Array.isArray(value)) }),
  ),
});

/** Schema problems of one department's name and items, its rows not looked at again. */
export function groupingIssues(department: unknown, d: number): PublicationIssue[] {
  const checked = checkSchema(GroupingSchema, department, `publication.departments[${d}]`);
  return checked.ok ? [] : checked.issues;
}
