import { type Publication, PublicationSchema } from '@jianzheng/core';
import { z } from 'zod';
import type { PublicationIssue } from './errors';

/** The publication before its checksum is known; also what serialization validates. */
export const UnsignedPublicationSchema = PublicationSchema.omit({ sha256: true });
export type UnsignedPublication = Omit<Publication, 'sha256'>;

const zh = z.locales.zhCN().localeError;
const en = z.locales.en().localeError;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `$.departments[0].items[2].name`: the JSONPath people paste into an editor's search. */
export function jsonPath(path: readonly PropertyKey[], root = '$'): string {
  let out = root;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/**
 * Validates against a zod schema and returns zh-CN and English messages per issue. The English
 * pass runs only on failure, so valid documents are checked once.
 */
export function checkSchema<T extends z.ZodType>(
  schema: T,
  value: unknown,
  root = '$',
): { ok: true; value: z.output<T> } | { ok: false; issues: PublicationIssue[] } {
  const result = schema.safeParse(value, { error: zh });
  if (result.success) return { ok: true, value: result.data };
  const english = schema.safeParse(value, { error: en });
  const englishIssues = english.success ? [] : english.error.issues;
  return {
    ok: false,
    issues: result.error.issues.map((issue, i) => ({
      path: jsonPath(issue.path, root),
      message: issue.message,
      messageEn: englishIssues[i]?.message ?? issue.message,
    })),
  };
}

/**
 * Checks what the schema cannot express: material ids unique across the whole publication (the
 * diff is keyed by them) and headline totals that agree with the rows.
 */
export function checkConsistency(pub: UnsignedPublication): PublicationIssue[] {
  const issues: PublicationIssue[] = [];
  const firstSeen = new Map<string, [number, number, number]>();
  let materials = 0;
  let cancelled = 0;
  const departments = pub.departments;
  for (let d = 0; d < departments.length; d++) {
    const items = departments[d]!.items;
    for (let i = 0; i < items.length; i++) {
      const rows = items[i]!.materials;
      for (let m = 0; m < rows.length; m++) {
        const material = rows[m]!;
        materials++;
        if (material.verdict === 'cancel') cancelled++;
        const earlier = firstSeen.get(material.id);
        if (earlier === undefined) {
          firstSeen.set(material.id, [d, i, m]);
        } else if (issues.length < 20) {
          const [ed, ei, em] = earlier;
          const at = `$.departments[${ed}].items[${ei}].materials[${em}].id`;
          issues.push({
            path: `$.departments[${d}].items[${i}].materials[${m}].id`,
            message: `材料编号 “${material.id}” 重复，与 ${at} 相同`,
            messageEn: `material id "${material.id}" repeats ${at}`,
          });
        }
      }
    }
  }
  const totals: Array<[string, number, number]> = [
    ['materials', pub.summary.materials, materials],
    ['cancelled', pub.summary.cancelled, cancelled],
    ['departments', pub.summary.departments, pub.departments.length],
  ];
  for (const [key, stated, counted] of totals) {
    if (stated !== counted)
      issues.push({
        path: `$.summary.${key}`,
        message: `统计值 ${stated} 与清单实际数 ${counted} 不符`,
        messageEn: `summary says ${stated} but the list has ${counted}`,
      });
  }
  return issues;
}
