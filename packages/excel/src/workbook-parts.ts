// The small parts of an xlsx — package and workbook relationships, workbook.xml, styles.xml —
// read as whole strings by local name, so any producer's spelling (prefixes, Strict OOXML's
// namespaces, attribute order, absolute or relative targets) reads the same.
import { posix } from 'node:path';
import { decodeEntities } from './xml-bytes';
import { localNames } from './xml-normalize';

export interface Relationship {
  id: string;
  type: string;
  /** The target part's path inside the archive (resolved, no leading slash). */
  target: string;
  external: boolean;
}

export interface SheetEntry {
  name: string;
  /** `visible`, `hidden` or `veryHidden`. */
  state: string;
  relId: string;
}

export interface WorkbookModel {
  sheets: SheetEntry[];
  date1904: boolean;
}

const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
/** The attributes of one start tag by name as written (`r:id`) and by local name (`id`). */
function attributes(tag: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of tag.matchAll(ATTRIBUTE)) {
    const value = decodeEntities(m[2] ?? m[3] ?? '');
    map.set(m[1]!, value);
    const colon = m[1]!.indexOf(':');
    if (colon >= 0 && m[1]!.slice(0, colon) !== 'xmlns') {
      const local = `:${m[1]!.slice(colon + 1)}`;
      if (!map.has(local)) map.set(local, value);
    }
  }
  return map;
}

/** Every start tag of element `name` (local name) in `xml`. */
function* tags(xml: string, name: string): Generator<Map<string, string>> {
  const pattern = new RegExp(`<${name}(?=[\\s/>])[^>]*>`, 'g');
  for (const m of xml.matchAll(pattern)) yield attributes(m[0]);
}

/** Where the relationships of `part` are stored: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
export function relsPathOf(part: string): string {
  const dir = posix.dirname(part);
  return `${dir === '.' ? '' : `${dir}/`}_rels/${posix.basename(part)}.rels`;
}

/** A relationship target, relative to its source part's folder or absolute, as an archive path. */
export function resolveTarget(sourcePart: string, target: string): string {
  const decoded = decodeURI(target.replace(/\\/g, '/'));
  if (decoded.startsWith('/')) return posix.normalize(decoded).slice(1);
  const dir = posix.dirname(sourcePart);
  return posix.normalize(posix.join(dir === '.' ? '' : dir, decoded)).replace(/^\/+/, '');
}

export function parseRelationships(xml: string, sourcePart: string): Relationship[] {
  const out: Relationship[] = [];
  for (const attrs of tags(localNames(xml), 'Relationship')) {
    const target = attrs.get('Target');
    if (target === undefined) continue;
    const external = attrs.get('TargetMode') === 'External';
    out.push({
      id: attrs.get('Id') ?? '',
      type: attrs.get('Type') ?? '',
      target: external ? target : resolveTarget(sourcePart, target),
      external,
    });
  }
  return out;
}

/** The relationship of a type; both transitional and Strict OOXML types end in the same word. */
export function relationshipOfType(rels: readonly Relationship[], type: string): Relationship | undefined {
  return rels.find((rel) => !rel.external && rel.type.endsWith(`/${type}`));
}

export function parseWorkbook(xml: string): WorkbookModel {
  const local = localNames(xml);
  const sheets: SheetEntry[] = [];
  // Only <sheets><sheet>: other elements (customSheetViews…) are not named "sheet".
  for (const attrs of tags(local, 'sheet')) {
    sheets.push({
      name: attrs.get('name') ?? '',
      state: attrs.get('state') ?? 'visible',
      relId: attrs.get(':id') ?? attrs.get('id') ?? '',
    });
  }
  let date1904 = false;
  for (const attrs of tags(local, 'workbookPr')) {
    const value = attrs.get('date1904');
    date1904 = value === '1' || value === 'true';
  }
  return { sheets, date1904 };
}

// Built-in number formats that show dates: 14–22 (all locales), 27–36 and 50–58 (the zh-CN,
// zh-TW, ja-JP and ko-KR built-ins, e.g. 31 "yyyy年m月d日"), 45–47 (times).
const BUILT_IN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** Whether a format code shows a date: date letters outside quoted text, brackets and escapes. */
export function isDateFormat(format: string): boolean {
  const bare = format
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*]/g, '');
  // "General" has no date letters; a format's first section decides (positive numbers).
  const first = bare.split(';')[0] ?? '';
  return /[ymdhsegb]/i.test(first.replace(/General/gi, '')) && !/^[#0.,%\s?E+-]*$/i.test(first);
}

/** For each cell style index (the `s` attribute), whether it formats numbers as dates. */
export function parseDateStyles(xml: string): boolean[] {
  const local = localNames(xml);
  const custom = new Map<number, string>();
  for (const attrs of tags(local, 'numFmt')) {
    custom.set(Number(attrs.get('numFmtId')), attrs.get('formatCode') ?? '');
  }
  const start = local.search(/<cellXfs(?=[\s/>])/);
  if (start < 0) return [];
  const end = local.indexOf('</cellXfs>', start);
  const block = local.slice(start, end < 0 ? undefined : end);
  const dates: boolean[] = [];
  for (const attrs of tags(block, 'xf')) {
    const id = Number(attrs.get('numFmtId') ?? 0);
    const format = custom.get(id);
    dates.push(format !== undefined ? isDateFormat(format) : BUILT_IN_DATES.has(id));
  }
  return dates;
}
