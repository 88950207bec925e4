/**
 * Removes `//` and `/* *\/` comments outside strings (JSONC, as VS Code reads `.jsonc` and
 * `jianzheng config init` writes), keeping line breaks so JSON.parse positions still point at
 * the right line. Hand-written because core depends on zod only.
 */
export function stripJsonComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      const start = i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      out += text.slice(start, ++i);
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const comment = text.slice(i, end === -1 ? text.length : end + 2);
      out += comment.replace(/[^\n]/g, ' ');
      i += comment.length;
    } else {
      // A trailing comma before } or ] is the other thing people leave in commented JSON.
      if (ch === '}' || ch === ']') out = out.replace(/,(\s*)$/, '$1');
      out += ch;
      i++;
    }
  }
  return out;
}
