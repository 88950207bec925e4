import { dropListNumber, normalizeName } from './normalize-name';

// The wording that makes a list a choice (domain.md §10): 之一, 任选其一, 任一 …, at the end of the
// cell, optionally in brackets and followed by 即可. `分之一` is a fraction (三分之一), not a choice.
const CHOICE_SUFFIX =
  /[(（[【]?\s*(?:(?:以上|上述)(?:材料|证件|证明|证照)?)?\s*(?:任选其一|任选一项|任选一种|任选一个|任选一份|任选|任意一项|任意一种|任一项|任一|其中之一|其中一项|其中一种|(?<!分)之一|二选一|三选一|多选一|择一提供|择一|选其一|提供其一|其一)(?:即可)?\s*[)）\]】]?\s*$/u;
// Words that contain 或 without meaning "or".
const OR_IN_WORD = /或然|或许|或多或少|不可或缺|间或|或则/gu;
const HAN = /\p{Script=Han}/u;
const OPEN = '(（[【〔<《';
const CLOSE = ')）]】〕>》';

/**
 * The alternatives a material cell names (domain.md §10), each normalized, or `null` when the
 * cell names one material. What splits (see docs/alternatives.md):
 * - `或` / `或者` between two names: `居民身份证或户口簿` — but not inside 或然, 或许, 不可或缺 …;
 * - `/` between two Chinese names: `结婚证/离婚证` — but not in a date or 文号 (`2018/9/4`, `1/2号`);
 * - `、` (and `，`) only when the wording says a choice: `学历证书、学位证书之一`,
 *   `户口簿或户籍证明（任选其一）`; `身份证、户口簿` means both are required and stays one material;
 * - never inside brackets, never when a part is only a form word (`原件或复印件` is one material),
 *   and never when `、` and `或` are mixed without a choice word (`A、B或C` is ambiguous: kept whole).
 */
export function splitAlternatives(raw: string): string[] | null {
  if (!raw) return null;
  let text = dropListNumber(raw);
  const hasOr = text.includes('或');
  const hasSlash = text.includes('/');
  let choice = false;
  const suffix = CHOICE_SUFFIX.exec(text);
  if (suffix !== null && suffix.index > 0) {
    choice = true;
    text = text.slice(0, suffix.index);
  } else if (!hasOr && !hasSlash) {
    return null;
  }
  const masked = text.replace(OR_IN_WORD, (word) => '\u0000'.repeat(word.length));
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let listComma = false;
  let orSplit = false;
  for (let i = 0; i < masked.length; i++) {
    const ch = masked[i]!;
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth > 0) continue;
    let width = 0;
    if (ch === '或') {
      width = masked[i + 1] === '者' ? 2 : 1;
      orSplit = true;
    } else if (ch === '/') {
      if (HAN.test(masked[i - 1] ?? '') && HAN.test(masked[i + 1] ?? '')) width = 1;
      else if (choice && !/[0-9]/.test(masked[i - 1] ?? '') && !/[0-9]/.test(masked[i + 1] ?? '')) width = 1;
    } else if (ch === '、' || ch === '，' || ch === ',' || ch === ';' || ch === '；') {
      listComma = true;
      if (choice) width = 1;
    }
    if (width > 0) {
      parts.push(text.slice(start, i));
      start = i + width;
      i += width - 1;
    }
  }
  parts.push(text.slice(start));
  // `A、B或C` without a choice word: is it A and (B or C), or one of three? Keep it whole.
  if (!choice && listComma && orSplit) return null;
  if (parts.length < 2) return null;
  const names: string[] = [];
  for (const part of parts) {
    const name = normalizeName(part);
    // A part that is empty, a single character, or only a form word (原件或复印件) is no material.
    if (name.length < 2 || FORM_ONLY.test(name)) return null;
    if (!names.includes(name)) names.push(name);
  }
  return names.length >= 2 ? names : null;
}

const FORM_ONLY = /^(?:[及和与或]?(?:原件|复印件|影印件|扫描件|副本|正本))+$/u;
