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
