import { DECREE, DOCUMENT_NUMBER } from './patterns';

/** One instrument a 设定依据 text cites, as written: its title (when marked or recognisable) and what follows. */
export interface RawCitation {
  /** The title without 《》, or the run of text read as one. */
  readonly title: string;
  /** True when the text marked it with 《》 (or 〈〉): the whole title is known. */
  readonly marked: boolean;
  /** The 令号 or 文号 written with it, as written. */
  readonly number: string | null;
  readonly article: string | null;
}

const ARTICLE =
  /第[\d零〇一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?(?:第[\d零〇一二三四五六七八九十]+款)?(?:第[\d零〇一二三四五六七八九十]+项)?/;
const SEPARATORS = /[；;，,。\n、]+/;
const OPEN = '《〈«';
/** How far after a title its number and article are looked for. */
const TRAILING_WINDOW = 200;
/** The longest text read as one title: an unclosed 《 is not searched for its 》 further than this. */
const MAX_TITLE = 300;
const CLOSE = '》〉»';

/** The text as the classifier reads it: compatibility forms folded (（）→(), full-width digits), no spaces. */
export function foldText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/**
 * What follows a title and belongs to it: a bracketed note right after it (“（国务院令第412号）”,
 * “（2015年修订）”), a 令号 or 文号 written straight after it, the article. Returns how much of
 * `after` that is, so the number is not read a second time as an instrument of its own.
 */
function trailing(rest: string): { number: string | null; article: string | null; length: number } {
  // What belongs to a title stands right after it: reading only that much keeps a text of many
  // titles linear (a hostile cell of 《…》×200,000 took minutes when each read the whole rest).
  const after = rest.slice(0, TRAILING_WINDOW);
  let length = 0;
  let number: string | null = null;
  const bracket = /^\(([^()《》]{0,60})\)/.exec(after);
  if (bracket) {
    const inner = bracket[1]!;
    number = DECREE.exec(inner)?.[0] ?? DOCUMENT_NUMBER.exec(inner)?.[0] ?? null;
    length = bracket[0].length;
  } else {
    const direct = [DECREE.exec(after), DOCUMENT_NUMBER.exec(after)].find((m) => m?.index === 0);
    if (direct) {
      number = direct[0];
      length = direct[0].length;
    }
  }
  const segment = after
    .slice(length)
    .split(SEPARATORS)[0]!
    .split(/[《〈«]/)[0]!;
  const article = ARTICLE.exec(segment);
  if (article?.index === 0) length += article[0].length;
  return { number, article: article ? article[0] : null, length };
}

/**
 * Splits a folded 设定依据 into the instruments it cites: every 《…》 title (nested 〈〉 kept inside),
 * then the unmarked rest, cut at separators, as runs the caller matches against the catalog and
 * the patterns.
 */
export function splitCitations(folded: string): { marked: RawCitation[]; rest: string[] } {
  const marked: RawCitation[] = [];
  let rest = '';
  let i = 0;
  while (i < folded.length) {
    const ch = folded[i]!;
    if (!OPEN.includes(ch)) {
      rest += ch;
      i++;
      continue;
    }
    let depth = 0;
    let end = -1;
    for (let j = i; j < Math.min(folded.length, i + MAX_TITLE); j++) {
      if (OPEN.includes(folded[j]!)) depth++;
      else if (CLOSE.includes(folded[j]!) && --depth === 0) {
        end = j;
        break;
      }
    }
    if (end < 0) {
      // An unclosed 《 (or a “title” longer than any instrument's): read on as unmarked text.
      i++;
      continue;
    }
    const title = folded.slice(i + 1, end);
    const after = folded.slice(end + 1);
    const { number, article, length } = trailing(after);
    marked.push({ title, marked: true, number, article });
    rest += '；';
    i = end + 1 + length;
  }
  return { marked, rest: rest.split(SEPARATORS).filter((run) => run !== '') };
}

export { ARTICLE };
