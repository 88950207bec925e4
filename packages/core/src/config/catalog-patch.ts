import { DEFAULT_CATALOGS } from '../catalogs/defaults';
import type { CatalogName, Catalogs } from '../catalogs/schema';
import type { ConfigProblem } from '../errors/config-errors';
import { normalizeName } from '../normalize/normalize-name';

/** A catalog given as an object extends the default (domain.md §9): remove first, then add. */
export interface CatalogPatch<E> {
  add: readonly E[];
  remove: readonly string[];
}

/** A catalog in a configuration: an array replaces the default, an object extends it. */
export type CatalogSetting<E> = readonly E[] | CatalogPatch<E>;

export type CatalogSettings = { [K in CatalogName]?: CatalogSetting<Catalogs[K][number]> };

type AnyEntry = Record<string, unknown>;

/**
 * The names an entry answers to when a configuration removes it: the entry's own name (never an
 * alias — removing “身份证” must not silently drop 居民身份证), or its code for item catalogs.
 */
const KEYS_OF: Record<CatalogName, (entry: AnyEntry) => readonly (string | undefined)[]> = {
  sharedData: (e) => [e.name as string],
  licenceProofs: (e) => [e.material as string],
  superiorCancellations: (e) => [e.material as string, `${e.item as string}|${e.material as string}`],
  cancelledItems: (e) => [e.name as string | undefined, e.code as string | undefined],
  issuerRestrictions: (e) => [e.material as string],
  commitment: (e) => [e.name as string],
  commitmentExclusions: (e) => [
    e.item as string | undefined,
    e.code as string | undefined,
    e.itemType as string | undefined,
    e.domain as string | undefined,
  ],
  legalInstruments: (e) => [e.name as string],
};

/** What a catalog entry is removed by, for messages (“按 name 匹配”). */
export const REMOVE_KEY_LABEL: Record<CatalogName, string> = {
  sharedData: 'name',
  licenceProofs: 'material',
  superiorCancellations: 'material（或 “item|material”）',
  cancelledItems: 'name 或 code',
  issuerRestrictions: 'material',
  commitment: 'name',
  commitmentExclusions: 'item、code、itemType 或 domain',
  legalInstruments: 'name',
};

function removalKey(text: string): string {
  // “item|material” keys normalise both halves; codes compare exactly, and a code normalises to itself.
  return text.includes('|') ? text.split('|').map(normalizeName).join('|') : normalizeName(text);
}

function matches(catalog: CatalogName, entry: AnyEntry, wanted: string): boolean {
  return KEYS_OF[catalog](entry).some((key) => key !== undefined && removalKey(key) === wanted);
}

export function isCatalogPatch<E>(setting: CatalogSetting<E>): setting is CatalogPatch<E> {
  return !Array.isArray(setting);
}

/**
 * Names in `remove` that match no default entry: each is an error at its JSON path, because a
 * misspelt removal would otherwise leave the entry in force without a word.
 */
export function catalogPatchProblems(settings: CatalogSettings | undefined): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [name, setting] of Object.entries(settings ?? {}) as [CatalogName, CatalogSetting<AnyEntry>][]) {
    if (setting === undefined || !isCatalogPatch(setting)) continue;
    const defaults = DEFAULT_CATALOGS[name] as readonly AnyEntry[];
    setting.remove.forEach((text, index) => {
      const wanted = removalKey(text);
      if (!defaults.some((entry) => matches(name, entry, wanted))) {
        problems.push({
          path: `catalogs.${name}.remove[${index}]`,
          message: `默认目录中没有 “${text}”（按 ${REMOVE_KEY_LABEL[name]} 的规范化名称匹配）(no default entry named "${text}")`,
        });
      }
    });
  }
  return problems;
}

/**
 * The catalogs a configuration results in, all seven: an array replaces the default (`[]`
 * empties it), `{ add, remove }` removes default entries by normalised name and then appends,
 * an absent key keeps the default. Call `catalogPatchProblems` first (parseConfig does).
 */
export function resolveCatalogs(settings: CatalogSettings | undefined): Catalogs {
  const result = { ...DEFAULT_CATALOGS } as Record<CatalogName, readonly AnyEntry[]>;
  for (const [name, setting] of Object.entries(settings ?? {}) as [CatalogName, CatalogSetting<AnyEntry>][]) {
    if (setting === undefined) continue;
    if (!isCatalogPatch(setting)) {
      result[name] = setting;
      continue;
    }
    const removed = setting.remove.map(removalKey);
    const kept = result[name].filter((entry) => !removed.some((wanted) => matches(name, entry, wanted)));
    result[name] = [...kept, ...setting.add];
  }
  return result as unknown as Catalogs;
}
