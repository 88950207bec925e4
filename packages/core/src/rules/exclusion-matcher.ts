import { COMMITMENT_DOMAIN_LABELS, type CommitmentDomain } from '../catalogs/commitment-domains';
import type { CommitmentExclusionEntry } from '../catalogs/schema';
import { pairCache } from '../engine/outcome';
import type { ServiceItem } from '../model/service-item';

/** Why an item may not use 告知承诺: the exclusion entry that matched, in words and facts. */
export interface ExclusionMatch {
  /** zh-CN, for the trace: which entry stopped the commitment and on what (国办发〔2020〕42号 …). */
  reason: string;
  /** What matched: the item's name, its code, its type, the domain marked on it, or a keyword. */
  by: 'item' | 'code' | 'itemType' | 'domain' | 'keyword';
  domain: CommitmentDomain | null;
  keyword: string | null;
  reference: string | null;
}

/** Checks one item (its normalized name and department) against `commitmentExclusions`. */
export type ExclusionMatcher = (
  item: ServiceItem,
  itemName: string,
  department: string,
) => ExclusionMatch | undefined;

/**
 * Compiles `commitmentExclusions`: entries by item name or code, by item type, by the domain a
 * reviewer marked on the item, and by domain keywords found in the item's or the department's
 * normalized name (domain.md §11). The first
 * matching entry in catalog order answers.
 */
export function compileExclusions(
  entries: readonly CommitmentExclusionEntry[],
  normalize: (raw: string | undefined) => string,
): ExclusionMatcher {
  const compiled = entries.map((entry) => ({
    entry,
    item: entry.item === undefined ? undefined : normalize(entry.item),
    code: entry.code?.trim(),
    keywords: (entry.keywords ?? []).map((k) => normalize(k)).filter((k) => k !== ''),
    label: entry.domain === undefined ? '' : `属${COMMITMENT_DOMAIN_LABELS[entry.domain]}领域，`,
    cite: entry.reference ? `（${entry.reference}）` : '',
  }));
  // One regular expression over every keyword (a keyword names the first entry that lists it):
  // one scan of each name instead of dozens of substring searches, and once per name pair.
  const entryOfKeyword = new Map<string, number>();
  compiled.forEach((c, index) => {
    for (const k of c.keywords) if (!entryOfKeyword.has(k)) entryOfKeyword.set(k, index);
  });
  const escapeRegExp = (k: string) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const anyKeyword =
    entryOfKeyword.size === 0
      ? null
      : new RegExp([...entryOfKeyword.keys()].map(escapeRegExp).join('|'), 'gu');
  type Hit = { index: number; keyword: string; where: string };
  const firstIn = (text: string, where: string, best: Hit | null): Hit | null => {
    if (anyKeyword === null) return best;
    for (const [keyword] of text.matchAll(anyKeyword)) {
      const index = entryOfKeyword.get(keyword)!;
      if (best === null || index < best.index) best = { index, keyword, where };
    }
    return best;
  };
  // Keyed by department, then item name: no key string built per item.
  const keywordHit = pairCache((department: string, itemName: string) =>
    firstIn(department, '实施部门名称', firstIn(itemName, '事项名称', null)),
  );
  return (item, itemName, department) => {
    const hit = keywordHit(department, itemName);
    const until = hit === null ? compiled.length : hit.index + 1;
    const itemCode = item.code?.trim();
    for (let index = 0; index < until; index++) {
      const { entry, item: name, code, label, cite } = compiled[index]!;
      const match = (by: ExclusionMatch['by'], what: string, keyword: string | null = null) => ({
        reason: `${what}，${label}不适用告知承诺${cite}`,
        by,
        domain: entry.domain ?? null,
        keyword,
        reference: entry.reference ?? null,
      });
      if (name !== undefined && name === itemName) return match('item', '事项列入告知承诺排除目录');
      if (code !== undefined && code === itemCode) return match('code', `事项编码 ${code} 列入排除目录`);
      if (entry.itemType !== undefined && entry.itemType === item.type)
        return match('itemType', `${entry.itemType}事项`);
      if (entry.domain !== undefined && entry.domain === item.domain)
        return match('domain', '事项已标注领域');
      if (hit !== null && index === hit.index)
        return match('keyword', `${hit.where}含“${hit.keyword}”`, hit.keyword);
    }
    return undefined;
  };
}
