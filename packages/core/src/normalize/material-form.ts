/**
 * The form in which a material is demanded (domain.md §4 “Originals and copies”): the form words
 * are dropped from the normalized name but decide whether sharing may cancel the material.
 * - `original` — the applicant shows the original (原件, 验原件);
 * - `copy` — a copy only (复印件, 影印件, 扫描件);
 * - `both` — the original is shown and a copy handed in (原件及复印件, 复印件（验原件）);
 * - `unspecified` — no form word: read as the submitted document, as before forms were read.
 */
export const MATERIAL_FORMS = ['original', 'copy', 'both', 'unspecified'] as const;
export type MaterialForm = (typeof MATERIAL_FORMS)[number];

// 原件 not preceded by 非 or 无 (非原件 means a copy is enough).
const ORIGINAL = /(?<![非无])原件/u;
const COPY = /复印件|影印件|扫描件|复制件/u;

/**
 * Reads the form from a material name as a department typed it. 正本 and 副本 name which issue of a
 * licence is meant, not whether it is shown or copied, so alone they leave the form unspecified.
 *
 * `parseMaterialForm('居民身份证（原件及复印件）') === 'both'`
 */
export function parseMaterialForm(raw: string | null | undefined): MaterialForm {
  if (!raw) return 'unspecified';
  const text = raw.normalize('NFKC');
  const original = ORIGINAL.test(text);
  const copy = COPY.test(text);
  if (original && copy) return 'both';
  if (original) return 'original';
  if (copy) return 'copy';
  return 'unspecified';
}

/** True when the applicant must show the original (original, or original and copy). */
export function showsOriginal(form: MaterialForm): boolean {
  return form === 'original' || form === 'both';
}
