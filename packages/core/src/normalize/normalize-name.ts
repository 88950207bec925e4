// A leading list number as departments type them: 1、 1. 1) (1) （一） 一、 ① ⑴ ⒈.
// Digits must be followed by a separator so that names such as "12345热线记录" keep their digits.
const LEADING_NUMBER =
  /^[\s\u3000]*(?:[(（[【]\s*[0-9０-９一二三四五六七八九十百]+\s*[)）\]】]|[0-9０-９]+\s*(?:[、，,:：)）]|[.．](?![0-9０-９]))|[一二三四五六七八九十百]+\s*[、.．:：]|[\u2460-\u24ff\u2776-\u2793])[\s\u3000]*/u;
// NFKC turns ① into "1" and ⑴ into "(1)", so the same pattern runs again after it.
const SPACE_AND_PUNCTUATION = /[\s\p{P}\u200b-\u200d\u2060\ufeff]/gu;
// Form words (原件, 复印件 …) together with a joiner (及, 和, 与) that only linked them.
const FORM_WORDS = /(?:[及和与或]?(?:原件|复印件|影印件|扫描件|副本|正本))+/gu;
const TRAILING_JOINER = /[及和与或]+$/u;
// Circled numbers survive NFKC and punctuation removal; several in a row are one list number.
const LEADING_CIRCLED = /^[\u2460-\u24ff\u2776-\u2793]+/u;

/**
 * The normalized name used to compare material (and item, issuer) names, exactly as
 * domain.md §4 says: NFKC, leading list number dropped, whitespace and punctuation removed,
 * and the form words 原件/复印件/影印件/扫描件/副本/正本 with the joiners between them dropped.
 *
 * `normalizeName('1、居民身份证（原件及复印件）') === '居民身份证'`
 */
export function normalizeName(raw: string): string {
  if (!raw) return '';
  let text = dropListNumber(raw);
  text = text.replace(SPACE_AND_PUNCTUATION, '');
  const stripped = text.replace(FORM_WORDS, '').replace(TRAILING_JOINER, '');
  // A name made only of form words ("复印件") keeps them rather than becoming empty.
  const kept = stripped.length > 0 ? stripped : text;
  // Removing punctuation can expose a list number ("!❶"), and removing spaces can bring combining
  // marks together: one more pass of each makes the function idempotent.
  return kept.replace(LEADING_CIRCLED, '').normalize('NFKC');
}

/** NFKC, with a leading list number (1、 (1) （一） ①) dropped; punctuation is kept. */
export function dropListNumber(raw: string): string {
  return raw.replace(LEADING_NUMBER, '').normalize('NFKC').replace(LEADING_NUMBER, '');
}

/**
 * A memoizing normalizer for hot loops: names repeat thousands of times in a city's list,
 * so each distinct string is normalized once. The cache is bounded to keep memory flat.
 */
export function createNameNormalizer(maxEntries = 200_000): (raw: string | undefined) => string {
  let cache = new Map<string, string>();
  return (raw) => {
    if (!raw) return '';
    const hit = cache.get(raw);
    if (hit !== undefined) return hit;
    const value = normalizeName(raw);
    if (cache.size >= maxEntries) cache = new Map();
    cache.set(raw, value);
    return value;
  };
}

/**
 * Light clean-up for a display value from a cell: NFKC is not applied (the department's
 * spelling is kept), but line breaks and runs of spaces collapse to one space.
 */
export function cleanText(raw: string | undefined | null): string {
  if (raw == null) return '';
  return String(raw)
    .replace(/[\r\n\t\u3000 ]+/g, ' ')
    .trim();
}
