import { normalizeName } from '../normalize/normalize-name';
import type { Catalogs } from './schema';

/**
 * Names people type for a material and the names lists use, for search only: they never decide
 * a verdict (the catalogs do). Each group is one document under its short and its full names.
 */
export const SEARCH_SYNONYMS: readonly (readonly string[])[] = [
  ['社会保障卡', '社保卡'],
  ['居民身份证', '身份证'],
  ['居民户口簿', '户口簿', '户口本'],
  ['机动车驾驶证', '驾驶证', '驾照'],
  ['机动车行驶证', '行驶证'],
  ['出生医学证明', '出生证'],
  ['不动产权证书', '不动产证', '房产证'],
];

type AliasCatalogs = Partial<Pick<Catalogs, 'sharedData' | 'commitment' | 'issuerRestrictions'>>;

/**
 * Groups of names that mean the same document, normalized as list names are: every catalog entry
 * with aliases (the city's catalogs included) and `SEARCH_SYNONYMS`. Groups sharing a name merge.
 */
export function searchAliasGroups(catalogs: AliasCatalogs = {}): string[][] {
  const raw: string[][] = SEARCH_SYNONYMS.map((group) => [...group]);
  for (const entry of catalogs.sharedData ?? []) raw.push([entry.name, ...(entry.aliases ?? [])]);
  for (const entry of catalogs.commitment ?? []) raw.push([entry.name, ...(entry.aliases ?? [])]);
  for (const entry of catalogs.issuerRestrictions ?? []) raw.push([entry.material, ...(entry.aliases ?? [])]);
  const groupOf = new Map<string, Set<string>>();
  for (const group of raw) {
    const names = group.map(normalizeName).filter((n) => n.length > 0);
    if (new Set(names).size < 2) continue;
    let merged = new Set<string>(names);
    for (const name of names) {
      const known = groupOf.get(name);
      if (known && known !== merged) merged = new Set([...merged, ...known]);
    }
    for (const name of merged) groupOf.set(name, merged);
  }
  return [...new Set(groupOf.values())].map((group) => [...group]);
}

/**
 * A query's other spellings: each alias it contains swapped for the group's other names
 * (社保卡申领 → 社会保障卡申领), never a shorter one inside it (居民身份证 does not widen to 身份证,
 * which would also find 临时身份证). Normalized in, normalized out; the query itself comes first, and
 * at most `max` spellings come back, so a query costs a bounded number of lookups.
 */
export function createAliasExpander(groups: readonly (readonly string[])[], max = 8) {
  const byName = new Map<string, readonly string[]>();
  for (const group of groups) for (const name of group) byName.set(name, group);
  // Longest first: in 居民身份证, 居民身份证 is the alias found, not 身份证 inside it.
  const names = [...byName.keys()].sort((a, b) => b.length - a.length);
  return (key: string): string[] => {
    const out = [key];
    if (!key) return out;
    const taken: Array<[number, number]> = [];
    for (const name of names) {
      const at = key.indexOf(name);
      if (at < 0) continue;
      if (taken.some(([from, to]) => at < to && at + name.length > from)) continue;
      taken.push([at, at + name.length]);
      for (const other of byName.get(name)!) {
        // A spelling inside the one typed (身份证 in 居民身份证) would only widen the search.
        if (other === name || name.includes(other)) continue;
        const spelled = key.slice(0, at) + other + key.slice(at + name.length);
        if (!out.includes(spelled)) out.push(spelled);
        if (out.length >= max) return out;
      }
    }
    return out;
  };
}
