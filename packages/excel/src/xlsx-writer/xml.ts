// Characters XML 1.0 cannot carry at all (C0 controls but tab, LF, CR; U+FFFE, U+FFFF) and the
// ones it must escape. CR goes as a reference, or parsers normalise CR LF to LF. Lone surrogates
// need no care: UTF-8 encoding turns them into U+FFFD.
const SPECIAL = /[&<>"\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const SPECIAL_ALL = /[&<>"\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#13;',
};

/** Text as XML character data or attribute value: escaped, illegal characters dropped. */
export function xmlText(text: string): string {
  // Most cells need nothing: test once before allocating a replacement.
  if (!SPECIAL.test(text)) return text;
  return text.replace(SPECIAL_ALL, (ch) => ENTITIES[ch] ?? '');
}

/** Whether `<t>` needs xml:space="preserve" to keep leading or trailing whitespace. */
export function needsPreserve(text: string): boolean {
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return (
    first === 32 ||
    first === 9 ||
    first === 10 ||
    first === 13 ||
    last === 32 ||
    last === 9 ||
    last === 10 ||
    last === 13
  );
}

// Text that reads as an OOXML escape (`_x000D_`) must be escaped itself, or Excel (and our
// importer) would turn it into the character: `_` becomes `_x005F_`.
const ESCAPE_LIKE = /_(?=x[0-9A-Fa-f]{4}_)/g;

/**
 * A cell's text as `<t>` content: escaped like `xmlText`, a literal `_xHHHH_` kept literal, and
 * control characters XML cannot carry written as OOXML escapes (`_x0001_`) instead of dropped.
 */
export function xmlCellText(text: string): string {
  const literal = text.indexOf('_x') < 0 ? text : text.replace(ESCAPE_LIKE, '_x005F_');
  if (!SPECIAL.test(literal)) return literal;
  return literal.replace(
    SPECIAL_ALL,
    (ch) => ENTITIES[ch] ?? `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
  );
}

/** Most characters an Excel cell holds. */
export const EXCEL_CELL_LIMIT = 32_767;

/**
 * Whether a spreadsheet takes this text for a formula once it is typed, re-saved or exported to
 * CSV: it starts with = + - @, a tab or a carriage return. Such cells are written with the quoted
 * style (`quotedStyle`), the text itself unchanged.
 */
export function looksLikeFormula(text: string): boolean {
  const first = text.charCodeAt(0);
  return first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13;
}
