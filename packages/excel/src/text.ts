import { cleanText } from '@jianzheng/core';

// The same list numbers core's normalizeName drops (1、 1. (1) （一） 一、 ①), kept here for
// display names: "1、居民身份证" is listed as 居民身份证. Digits need a separator, so
// "12345热线记录" keeps its digits.
export const LEADING_NUMBER =
  /^[\s\u3000]*(?:[(（[【]\s*[0-9０-９一二三四五六七八九十百]+\s*[)）\]】]|[0-9０-９]+\s*(?:[、，,:：)）]|[.．](?![0-9０-９]))|[一二三四五六七八九十百]+\s*[、.．:：]|[\u2460-\u24ff\u2776-\u2793])[\s\u3000]*/u;

function mayStartWithNumber(text: string): boolean {
  const code = text.charCodeAt(0);
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0xff10 && code <= 0xff19) ||
    code === 0x28 ||
    code === 0xff08 ||
    code === 0x5b ||
    code === 0x3010 ||
    (code >= 0x2460 && code <= 0x24ff) ||
    (code >= 0x2776 && code <= 0x2793) ||
    '一二三四五六七八九十百'.includes(text[0]!)
  );
}

/** A display name: line breaks and runs of spaces collapsed, a leading list number dropped. */
export function cleanName(raw: string): string {
  const text = cleanText(raw);
  if (text.length === 0 || !mayStartWithNumber(text)) return text;
  const stripped = text.replace(LEADING_NUMBER, '');
  // A name that is only a number ("1.") stays as written rather than vanishing.
  return stripped.length > 0 ? stripped : text;
}

/**
 * Memoizes a pure string function. Workbook cells repeat (是/否, 申请人自备, the same law), and
 * shared strings arrive as the same string instances, so a Map lookup replaces regex work.
 * Bounded so that a million distinct values cannot grow it without limit.
 */
export function memo<T>(fn: (text: string) => T, maxEntries = 50_000): (text: string) => T {
  let cache = new Map<string, T>();
  // The last text first: a column often repeats its cell row after row (the department, 否),
  // and a repeated cell is the same string instance (TextCache), so this is one comparison.
  let lastText: string | undefined;
  let lastValue: T;
  return (text) => {
    if (text === lastText) return lastValue;
    let value = cache.get(text);
    if (value === undefined && !cache.has(text)) {
      value = fn(text);
      if (cache.size >= maxEntries) cache = new Map();
      cache.set(text, value);
    }
    lastText = text;
    lastValue = value as T;
    return value as T;
  };
}

const FOOTER =
  /^(?:注\s*[:：]|注\s*[0-9０-９一二三四五六七八九十]+\s*[、.．:：]|备注\s*[:：]|说明\s*[:：]|填表说明|填报说明|填写说明|填表人|填报人|审核人|负责人|联系人|联系电话|制表人|单位负责人)/;

/** The UTF-16 codes of the characters of `chars`: looked up by `charCodeAt`, no string is made. */
const codes = (chars: string) => new Set([...chars].map((c) => c.charCodeAt(0)));

// Every footer starts with one of these characters: material names are checked without a regex.
const FOOTER_FIRST = codes('注备说填审负联制单');

const SIGNATURE =
  /^(?:填表人|填报人|审核人|负责人|联系人|联系电话|制表人|单位负责人|分管领导|填表日期|填报日期)(?=\s*[:：]|[\s\u3000]|$)/;

// Every signature line starts with one of these: every data row is checked without a regex.
const SIGNATURE_FIRST = codes('填审负联制单分');

/** A signature line (填表人：, 审核人：, 联系电话：): not data, and not the end of the table either. */
export function isSignatureText(text: string): boolean {
  const trimmed = text.trimStart();
  return SIGNATURE_FIRST.has(trimmed.charCodeAt(0)) && SIGNATURE.test(trimmed);
}

/** True for the notes and signature lines departments put under the table. */
export function isFooterText(text: string): boolean {
  const trimmed = text.trimStart();
  return FOOTER_FIRST.has(trimmed.charCodeAt(0)) && FOOTER.test(trimmed);
}

const DEPARTMENT_LINE =
  /(?:填报单位|填报部门|报送单位|单位名称|部门名称|实施部门|填报机关)\s*[(（]?(?:盖章|公章)?[)）]?\s*[:：]\s*([^\s\u3000:：]*)/;
const DATE_LABEL = /(?:填报|报送|填表)?(?:日期|时间)$/;

/**
 * The department named on a "填报单位：X　填报日期：…" line above the header, or `undefined`.
 * `next` is the text of the following cell, for a label in one cell and the name in the next.
 */
export function departmentFromLine(text: string, next: string | undefined): string | undefined {
  const match = DEPARTMENT_LINE.exec(text);
  if (!match) return undefined;
  let name = (match[1] ?? '').replace(DATE_LABEL, '');
  if (name.length === 0 && next !== undefined) name = cleanText(next).split(/[\s\u3000]/)[0] ?? '';
  name = name.replace(/[(（]盖章[)）]$/, '');
  return name.length > 0 ? name : undefined;
}

const NOT_APPLICABLE = new Set(['-', '--', '—', '——', '/', '无', '－', '／']);

/** A cell that says "none" on purpose (—, /, 无), as opposed to a blank that inherits from above. */
export function isNotApplicable(text: string): boolean {
  return NOT_APPLICABLE.has(text.trim());
}
