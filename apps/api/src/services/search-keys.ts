import { createAliasExpander, normalizeName } from '@jianzheng/core';

/**
 * The distinct normalized names of every list indexed, and their unigram and bigram postings:
 * shared by the lists' indexes, so a query finds its names once per request, not once per list
 * (a province holds hundreds of lists that repeat the same names). Names are only added; the
 * space grows with the distinct names seen, not with the materials.
 */
export function createKeySpace(
  options: {
    /** Names of one document (社保卡 / 社会保障卡), normalized: a query finds every spelling. */
    aliases?: readonly (readonly string[])[];
  } = {},
) {
  const spellings = createAliasExpander(options.aliases ?? []);
  const ids = new Map<string, number>();
  const keys: string[] = [];
  const grams = new Map<string, number[]>();
  const normalized = new Map<string, number>();
  const queries = new Map<string, { size: number; ids: number[] | null }>();

  function matchingKey(key: string): number[] {
    const chars = [...key];
    const candidates = chars.length === 1 ? [key] : chars.slice(0, -1).map((c, i) => c + chars[i + 1]!);
    let rarest: number[] | undefined;
    for (const g of candidates) {
      const p = grams.get(g);
      if (!p) return [];
      if (!rarest || p.length < rarest.length) rarest = p;
    }
    // One or two characters: the gram is the query, every name holding it matches.
    if (chars.length <= 2) return [...(rarest ?? [])];
    return (rarest ?? []).filter((id) => keys[id]!.includes(key));
  }

  /** The names containing any spelling of the query, each once, in id order. */
  function matchingAll(keys: string[]): number[] {
    if (keys.length === 1) return matchingKey(keys[0]!);
    const ids = new Set<number>();
    for (const key of keys) for (const id of matchingKey(key)) ids.add(id);
    return [...ids].sort((a, b) => a - b);
  }

  return {
    /** The id of a name's normalized form (added when new), or -1 when nothing is left of it. */
    id(name: string): number {
      const known = normalized.get(name);
      if (known !== undefined) return known;
      const key = normalizeName(name);
      let id = key ? ids.get(key) : -1;
      if (id === undefined) {
        id = keys.length;
        ids.set(key, id);
        keys.push(key);
        const chars = [...key];
        const seen = new Set<string>();
        for (let i = 0; i < chars.length; i++) {
          seen.add(chars[i]!);
          if (i + 1 < chars.length) seen.add(chars[i]! + chars[i + 1]!);
        }
        for (const g of seen) {
          const list = grams.get(g);
          if (list) list.push(id);
          else grams.set(g, [id]);
        }
      }
      normalized.set(name, id);
      return id;
    },

    /**
     * The ids of the names containing the query (normalized as the names are); null for a query
     * that normalizes to nothing. Remembered until a new name arrives.
     */
    matching(query: string): number[] | null {
      const memo = queries.get(query);
      if (memo && memo.size === keys.length) return memo.ids;
      const key = normalizeName(query);
      const found = key ? matchingAll(spellings(key)) : null;
      if (queries.size >= 1_000) queries.delete(queries.keys().next().value as string);
      queries.set(query, { size: keys.length, ids: found });
      return found;
    },

    get size() {
      return keys.length;
    },
  };
}

export type KeySpace = ReturnType<typeof createKeySpace>;
