import { DEFAULT_LEGAL_INSTRUMENTS } from '../catalogs/legal-instruments';
import type { LegalInstrumentEntry } from '../catalogs/schema';
import { isLegalBasisNone } from '../model/material';
import { foldText, type RawCitation, splitCitations } from './citations';
import { type InstrumentIndex, indexInstruments } from './instrument-index';
import { type LegalLevel, levelRank, maySetCertificate } from './levels';
import {
  DECREE,
  DOCUMENT_NUMBER,
  decreeVerdict,
  documentIssuer,
  LEADING_VERBS,
  looksLikeTitle,
  type PatternVerdict,
  placeOf,
  titleVerdict,
} from './patterns';

/** The legal-basis assessment a decision carries (domain.md §14). */
export interface LegalBasisAssessment {
  readonly level: LegalLevel;
  /** The deciding instrument's title (as the catalog names it, or as written). */
  readonly instrument: string | null;
  /** Its 文号 or 令号. */
  readonly documentNumber: string | null;
  /** The article cited with it (第十四条 …). */
  readonly article: string | null;
  readonly issuer: string | null;
  /**
   * Whether the catalog or a pattern decided the level; `none` when nothing did; `review` when the
   * legal office settled it (合法性审查, `resolveLegalReview`).
   */
  readonly decidedBy: 'catalog' | 'pattern' | 'none' | 'review';
}

/** Who set the instruments below the four levels that may set a 证明. */
export type LegalBasisOwner = 'own' | 'superior' | 'unknown';

/** One instrument found in a 设定依据 text. */
export interface Citation extends LegalBasisAssessment {
  readonly owner: LegalBasisOwner | null;
}

export interface LegalClassification extends LegalBasisAssessment {
  /**
   * For a basis below the four levels that may set a 证明: `own` when every such instrument is this
   * jurisdiction's (or a lower one's), `superior` when one is a superior's (or a ministry's),
   * `unknown` when the issuer of one cannot be told. `null` otherwise.
   */
  readonly owner: LegalBasisOwner | null;
  /** Every instrument the text cites, in the text's order. */
  readonly citations: readonly Citation[];
}

export interface LegalBasisContext {
  /** The `legalInstruments` catalog (default: the national catalog). */
  readonly instruments?: readonly LegalInstrumentEntry[];
  /** The jurisdiction's own document prefixes (宿政, 宿政办, 宿州市人民政府令 …). */
  readonly documentPrefixes?: readonly string[];
  /** The jurisdiction's name (宿州市): a title beginning with it is its own. */
  readonly jurisdictionName?: string;
}

const NOISE =
  /第[\d零〇一二三四五六七八九十百千]+[条款项章节]|有关|相关|规定|要求|文件|精神|的|等|及|和|以及|之|条款|各项/g;

/** A classifier bound to one catalog and jurisdiction: build it once, call it per text. */
export function createLegalBasisClassifier(
  context: LegalBasisContext = {},
): (text: string | null | undefined) => LegalClassification {
  const index = indexInstruments(context.instruments ?? DEFAULT_LEGAL_INSTRUMENTS);
  const prefixes = [
    ...(context.documentPrefixes ?? []),
    ...(context.jurisdictionName ? [context.jurisdictionName] : []),
  ]
    .map(foldText)
    .filter((prefix) => prefix !== '');
  const ownerOf = (
    level: LegalLevel,
    texts: readonly (string | null)[],
    issuer: string | null,
  ): LegalBasisOwner | null => {
    if (maySetCertificate(level) || level === 'unknown') return null;
    if (level === 'department-rule') return 'superior';
    if (
      texts.some(
        (text) => text && prefixes.some((prefix) => text.replace(LEADING_VERBS, '').startsWith(prefix)),
      )
    )
      return 'own';
    if (issuer === null) return 'unknown';
    const national = placeOf(issuer) === null && !/^[\u4e00-\u9fff]{1,3}(?:政|办|发)/.test(issuer);
    if (national || issuer.startsWith('国务院')) return 'superior';
    return prefixes.length > 0 ? 'superior' : 'unknown';
  };
  const cite = (base: Omit<Citation, 'owner'>, title: string | null): Citation => ({
    ...base,
    owner: ownerOf(base.level, [base.issuer, base.documentNumber, title], base.issuer),
  });
  const fromEntry = (entry: LegalInstrumentEntry, number: string | null, article: string | null): Citation =>
    cite(
      {
        level: entry.level,
        instrument: entry.name,
        documentNumber: entry.number ?? number,
        article,
        issuer: entry.issuer,
        decidedBy: 'catalog',
      },
      entry.name,
    );
  const fromPattern = (
    verdict: PatternVerdict,
    title: string | null,
    number: string | null,
    article: string | null,
  ) =>
    cite(
      {
        level: verdict.level,
        instrument: title,
        documentNumber: number,
        article,
        issuer: verdict.issuer,
        decidedBy: verdict.level === 'unknown' ? 'none' : 'pattern',
      },
      title,
    );

  const numberVerdict = (number: string): PatternVerdict | null => {
    const decree = DECREE.exec(number);
    if (decree) return decreeVerdict(decree[1]!);
    const doc = DOCUMENT_NUMBER.exec(number);
    return doc ? { level: 'normative-document', issuer: documentIssuer(doc[1]!) } : null;
  };

  const markedCitation = (raw: RawCitation): Citation => {
    const entry = index.byTitle(raw.title) ?? (raw.number ? index.byNumber(raw.number) : undefined);
    if (entry) return fromEntry(entry, raw.number, raw.article);
    const decree = raw.number ? DECREE.exec(raw.number) : null;
    const doc = raw.number && !decree ? DOCUMENT_NUMBER.exec(raw.number) : null;
    const verdict = titleVerdict(raw.title, decree ? decreeVerdict(decree[1]!) : null, doc ? doc[1]! : null);
    return fromPattern(verdict, raw.title, raw.number, raw.article);
  };

  const runCitations = (run: string): Citation[] => {
    const found: Citation[] = [];
    let text = run.replace(LEADING_VERBS, '');
    for (const pattern of [DECREE, DOCUMENT_NUMBER]) {
      const match = pattern.exec(text);
      if (!match) continue;
      const number = match[0].replace(LEADING_VERBS, '');
      const entry = index.byNumber(number);
      const verdict = numberVerdict(number);
      if (entry) found.push(fromEntry(entry, number, null));
      else if (verdict) found.push(fromPattern(verdict, null, number, null));
      else found.push(fromPattern({ level: 'unknown', issuer: null }, number, number, null));
      text = text.replace(match[0], '；');
    }
    const article = /第[\d零〇一二三四五六七八九十百千]+条[^；]*/.exec(text)?.[0] ?? null;
    const { entries, remainder } = index.search(text);
    for (const entry of entries) found.push(fromEntry(entry, null, article));
    for (const piece of remainder.split('；')) {
      const candidate = piece
        .replace(LEADING_VERBS, '')
        .replace(/第[\d零〇一二三四五六七八九十百千]+条.*$/, '')
        .replace(/(?:的|之)?(?:有关|相关)?规定$/, '');
      if (candidate.length >= 4 && looksLikeTitle(candidate)) {
        found.push(fromPattern(titleVerdict(candidate, null, null), candidate, null, article));
      } else if (piece.replace(NOISE, '').replace(/[^\u4e00-\u9fff]/g, '').length >= 2) {
        found.push(fromPattern({ level: 'unknown', issuer: null }, piece, null, null));
      }
    }
    return found;
  };

  return (text) => {
    if (isLegalBasisNone(text) || foldText(text ?? '') === '') return NONE;
    const { marked, rest } = splitCitations(foldText(text!));
    const citations = [...marked.map(markedCitation), ...rest.flatMap(runCitations)];
    return combine(citations);
  };
}

const NONE: LegalClassification = Object.freeze({
  level: 'none',
  instrument: null,
  documentNumber: null,
  article: null,
  issuer: null,
  decidedBy: 'none',
  owner: null,
  citations: [],
});

/**
 * The strongest citation decides (§14). Below the four levels that may set a 证明, an unknown
 * citation outranks them (it might be a law: never cancel on a guess), and the owner is `own`
 * only when every such instrument is the jurisdiction's own.
 */
function combine(citations: readonly Citation[]): LegalClassification {
  if (citations.length === 0) {
    return { ...NONE, level: 'unknown', citations };
  }
  const strongest = (list: readonly Citation[]) =>
    list.reduce((best, c) => (levelRank(c.level) < levelRank(best.level) ? c : best));
  const permitting = citations.filter((c) => maySetCertificate(c.level));
  if (permitting.length > 0) return { ...strongest(permitting), owner: null, citations };
  const unknown = citations.find((c) => c.level === 'unknown');
  if (unknown) return { ...unknown, owner: null, citations };
  const owners = new Set(citations.map((c) => c.owner));
  const owner: LegalBasisOwner = owners.has('unknown')
    ? 'unknown'
    : owners.has('superior')
      ? 'superior'
      : 'own';
  const pick = strongest(citations.filter((c) => owner === 'own' || c.owner === owner));
  return { ...pick, owner, citations };
}

/** Classifies one 设定依据 text (domain.md §14). For many texts, build `createLegalBasisClassifier` once. */
export function classifyLegalBasis(
  text: string | null | undefined,
  context: LegalBasisContext = {},
): LegalClassification {
  return createLegalBasisClassifier(context)(text);
}

export type { InstrumentIndex };
