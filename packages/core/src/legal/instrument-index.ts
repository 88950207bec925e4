import type { LegalInstrumentEntry } from '../catalogs/schema';
import { foldText } from './citations';
import { LEADING_VERBS } from './patterns';

const PRC = '中华人民共和国';

/** A title as the catalog compares it: folded, without title marks, quotes or a (试行)-style note. */
export function titleKey(title: string): string {
  return foldText(title)
    .replace(/\((?:试行|暂行|草案|\d{4}年(?:修订|修正)?(?:版|本)?)\)/g, '')
    .replace(/[《》〈〉«»"'“”‘’<>]/g, '');
}

function numberKey(number: string): string {
  return foldText(number)
    .replace(/[〔[【(]/g, '〔')
    .replace(/[〕\]】)]/g, '〕')
    .replace(LEADING_VERBS, '');
}

export interface InstrumentIndex {
  /** The entry whose name or alias is this whole title. */
  byTitle(title: string): LegalInstrumentEntry | undefined;
  /** The entry that carries this 令号 or 文号. */
  byNumber(number: string): LegalInstrumentEntry | undefined;
  /**
   * The entries whose names an unmarked run of text contains, longest first, each where it stands
   * alone (not the tail of a longer title: 残疾人保障法 inside “安徽省实施…残疾人保障法办法” is not a
   * citation of the law); `remainder` is the text with them cut out.
   */
  search(text: string): { entries: LegalInstrumentEntry[]; remainder: string };
}

// A name stands alone when what precedes it is the start, a verb or a joiner, and what follows
// is the end, an article, a joiner or punctuation.
const BEFORE_OK = /[^\u4e00-\u9fff]|[据照按见和及与或以、；]/;
// Longest thing AFTER_OK reads (规定, 有关 …) after a name.
const AFTER_WINDOW = 4;
const AFTER_OK = /^(?:$|[^\u4e00-\u9fff]|第|[、和及与或等中；]|规定|的|有关|相关)/;

export function indexInstruments(entries: readonly LegalInstrumentEntry[]): InstrumentIndex {
  const titles = new Map<string, LegalInstrumentEntry>();
  const numbers = new Map<string, LegalInstrumentEntry>();
  for (const entry of entries) {
    for (const name of [entry.name, ...(entry.aliases ?? [])]) {
      const key = titleKey(name);
      if (!titles.has(key)) titles.set(key, entry);
      // “中华人民共和国…” is cited with and without the country's name.
      const other = key.startsWith(PRC) ? key.slice(PRC.length) : `${PRC}${key}`;
      if (other.length >= 3 && !titles.has(other)) titles.set(other, entry);
    }
    if (entry.number) numbers.set(numberKey(entry.number), entry);
  }
  const searchable = [...titles.entries()]
    .filter(([key]) => key.length >= 3)
    .sort((a, b) => b[0].length - a[0].length);

  return {
    byTitle: (title) => titles.get(titleKey(title)),
    byNumber: (number) => numbers.get(numberKey(number)),
    search(text) {
      const found: LegalInstrumentEntry[] = [];
      let remainder = text;
      for (const [key, entry] of searchable) {
        // One pass per name over a fixed string, the kept pieces joined once: a run that names
        // the same law thousands of times stays linear.
        const pieces: string[] = [];
        let from = 0;
        let at = remainder.indexOf(key);
        while (at >= 0) {
          const before = at === 0 ? '' : remainder[at - 1]!;
          const standsAlone =
            (before === '' || (at === from && pieces.length > 0) || BEFORE_OK.test(before)) &&
            AFTER_OK.test(remainder.slice(at + key.length, at + key.length + AFTER_WINDOW));
          if (standsAlone) {
            if (!found.includes(entry)) found.push(entry);
            pieces.push(remainder.slice(from, at));
            from = at + key.length;
            at = remainder.indexOf(key, from);
          } else {
            at = remainder.indexOf(key, at + 1);
          }
        }
        if (pieces.length > 0) remainder = [...pieces, remainder.slice(from)].join('；');
      }
      return { entries: found, remainder };
    },
  };
}
