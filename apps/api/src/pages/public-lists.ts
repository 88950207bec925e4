import {
  type BatchRecord,
  type CategoryDefinition,
  formatLocalDate,
  itemKey,
  type JianzhengStore,
  normalizeName,
  type Publication,
} from '@jianzheng/core';
import { buildSegment, createKeySpace, type KeySpace } from '../services/search-index';
import {
  createVisibleIndex,
  type IndexedList,
  type VisibleRef,
  type VisibleSet,
} from '../services/visible-index';
import { draftItem, draftMaterial, fromPublication, type PublicItem, type PublicList } from './public-rows';

export type { PublicDepartment, PublicItem, PublicList, PublicMaterial } from './public-rows';
export { draftItem, draftMaterial, itemSlug } from './public-rows';

/** Materials read per store query while a draft's search index is built. */
const DRAFT_PAGE = 500;

async function fromDraft(
  store: JianzhengStore,
  batch: BatchRecord,
  categories: ReadonlyMap<string, CategoryDefinition>,
  today: string,
): Promise<PublicList> {
  const departments = new Map<string, Map<string, PublicItem>>();
  // Page by page (keyset), never the whole list in one query result.
  let cursor: string | null = null;
  do {
    const page = await store.pageMaterials(batch.id, { cursor, limit: DRAFT_PAGE });
    for (const record of page.items) {
      const department = record.material.item.department;
      let items = departments.get(department);
      if (!items) {
        items = new Map();
        departments.set(department, items);
      }
      const key = itemKey(record.material.item);
      let item = items.get(key);
      if (!item) {
        item = draftItem(record.material.item);
        items.set(key, item);
      }
      item.materials.push(draftMaterial(record, categories, today));
    }
    cursor = page.next;
  } while (cursor);
  return {
    ...draftListHeader(batch),
    departments: [...departments].map(([name, items]) => ({ name, items: [...items.values()] })),
  };
}

/** A batch out for comment as a public list, without its departments (the pages' header). */
export function draftListHeader(batch: BatchRecord): PublicList {
  return {
    batchId: batch.id,
    title: batch.title,
    jurisdiction: batch.jurisdiction.name,
    stage: 'public-comment',
    version: null,
    publishedAt: null,
    documentNumber: null,
    links: null,
    commentPeriod: batch.details.commentPeriod ?? null,
    departments: [],
  };
}

/**
 * Reads what the public may see through the store port. Publications are immutable, so each is
 * parsed once and kept by checksum; lists out for comment are read fresh.
 */
export interface PublicListsOptions {
  draftTtlMs?: number;
  /**
   * How long the set of visible lists (which batches, which versions) is reused before the store
   * is asked again (default 5,000 ms: writes through this app's API end it at once, so this only
   * bounds how late a list published by another process — the CLI, another instance — appears). The check and any
   * indexing it leads to run in the background: a search is answered from the set before.
   */
  listsTtlMs?: number;
  /**
   * How long a request waits for the FIRST build of the index (after start) before it is answered
   * 503 with Retry-After (default 1,000 ms): small deployments never see it, a province's
   * hundreds of lists take longer to index than any request should wait.
   */
  firstBuildWaitMs?: number;
  /** Where a failed background build of the index is reported (default: console.error). */
  log?: (error: unknown) => void;
  now?: () => number;
  timeZone?: string;
  /**
   * Names of one document (社保卡 / 社会保障卡) for search, as core's `searchAliasGroups` gives
   * them from the engine's catalogs; default: none.
   */
  aliases?: readonly (readonly string[])[];
  /**
   * Materials of parsed, indexed publications kept in memory (default 2,000,000), least recently
   * used dropped first. Every list the home page searches is held, so this bounds a province.
   */
  maxMaterials?: number;
}

/** A public list and its segment of the search index, built once per version. */
export type Indexed = IndexedList<PublicList>;

/** What the public may see now: every visible list in the home page's order, one index over them. */
export type PublicSet = VisibleSet<PublicList>;

function indexed(list: PublicList, space: KeySpace): Indexed {
  let materials = 0;
  for (const d of list.departments) for (const item of d.items) materials += item.materials.length;
  return { list, segment: buildSegment(list, space), materials };
}

/**
 * Reads what the public may see through the store port. Publications are immutable, so each is
 * parsed and indexed once and kept by checksum; lists out for comment are read fresh.
 */
export function createPublicLists(
  store: JianzhengStore,
  categories: ReadonlyMap<string, CategoryDefinition>,
  options: PublicListsOptions = {},
) {
  const parsed = new Map<string, Indexed>();
  const space = createKeySpace({ aliases: options.aliases ?? [] });
  let held = 0;
  const maxMaterials = options.maxMaterials ?? 2_000_000;
  const now = options.now ?? Date.now;
  const ttl = options.draftTtlMs ?? 10_000;
  // Reading a whole list from the store costs hundreds of ms for a city's 4,000+ materials; a
  // draft out for comment may lag a review by a few seconds without harm.
  const drafts = new Map<string, { at: number; entry: Indexed }>();

  async function draft(batch: BatchRecord): Promise<Indexed> {
    const key = `${batch.id}|${batch.updatedAt}`;
    const cached = drafts.get(key);
    if (cached && now() - cached.at < ttl) return cached.entry;
    const entry = indexed(
      await fromDraft(store, batch, categories, formatLocalDate(new Date(now()), options.timeZone, 'date')),
      space,
    );
    for (const [k, v] of drafts) if (now() - v.at >= ttl) drafts.delete(k);
    drafts.set(key, { at: now(), entry });
    return entry;
  }

  async function latestPublished(batchId: string, sha256: string): Promise<Indexed | undefined> {
    const cached = parsed.get(sha256);
    if (cached) {
      parsed.delete(sha256);
      parsed.set(sha256, cached);
      return cached;
    }
    const record = await store.getPublication(batchId);
    if (!record) return undefined;
    // The store wrote this canonical JSON itself after validating it; parse without re-validating.
    const entry = indexed(fromPublication(JSON.parse(record.json) as Publication, options.timeZone), space);
    parsed.set(record.sha256, entry);
    held += entry.materials;
    for (const [k, e] of parsed) {
      if (held <= maxMaterials || k === record.sha256) break;
      parsed.delete(k);
      held -= e.materials;
    }
    return entry;
  }

  /**
   * Every list the public may see, named by the store before any is read: published ones first
   * (newest first), then those out for comment. A draft's key holds its revision and the day
   * (planned cancellations show as such only while their day is ahead).
   */
  // A version's publication day never changes; formatting it in the city's zone (Intl) costs more
  // than reading the metadata, and the check runs every few seconds.
  const days = new Map<string, string>();
  const dayOf = (meta: { sha256: string; publishedAt: string }) => {
    let day = days.get(meta.sha256);
    if (day === undefined) {
      day = formatLocalDate(meta.publishedAt, options.timeZone, 'date');
      if (days.size >= 100_000) days.clear();
      days.set(meta.sha256, day);
    }
    return day;
  };

  async function refs(): Promise<Array<VisibleRef<PublicList>>> {
    const latest = new Map<string, { version: number; sha256: string; publishedAt: string }>();
    for (const meta of await store.listPublications()) {
      const seen = latest.get(meta.batchId);
      if (!seen || meta.version > seen.version) latest.set(meta.batchId, meta);
    }
    const today = formatLocalDate(new Date(now()), options.timeZone, 'date');
    const published: Array<VisibleRef<PublicList> & { day: string }> = [];
    const drafts: Array<VisibleRef<PublicList>> = [];
    for (const batch of await store.listBatches()) {
      if (batch.stage === 'public-comment') {
        drafts.push({
          key: `d:${batch.id}|${batch.listRevision}|${batch.updatedAt}|${today}`,
          batchId: batch.id,
          load: () => draft(batch),
        });
        continue;
      }
      const meta = latest.get(batch.id);
      if (!meta) continue;
      published.push({
        key: `p:${meta.sha256}`,
        batchId: batch.id,
        day: dayOf(meta),
        load: () => latestPublished(batch.id, meta.sha256),
      });
    }
    published.sort((a, b) => b.day.localeCompare(a.day));
    return [...published, ...drafts];
  }

  const visible = createVisibleIndex<PublicList>({
    refs,
    space,
    ttlMs: options.listsTtlMs ?? 5_000,
    now,
    log: options.log ?? ((error) => console.error(error)),
  });

  return {
    /** The visible lists and their index as last built; undefined while the first build runs. */
    current: visible.current,
    /** The set, waiting a moment for the first build (undefined: still building, answer 503). */
    ready: (waitMs = options.firstBuildWaitMs ?? 1_000) => visible.ready(waitMs),
    /** Builds the set now (awaited by transitions: a list is searchable once announced). */
    refresh: visible.refresh,
    /** Builds the set in the background (at server start). */
    start: visible.start,
    /** Resolves when no build is running (before the store is closed). */
    settled: visible.settled,
    /** Whether a build is running now. */
    get building() {
      return visible.building;
    },

    async one(batchId: string): Promise<PublicList | undefined> {
      const batch = await store.getBatch(batchId);
      if (!batch) return undefined;
      if (batch.stage === 'public-comment') return (await draft(batch)).list;
      const metas = (await store.listPublications(batchId)).sort((a, b) => b.version - a.version);
      const meta = metas[0];
      return meta ? (await latestPublished(batchId, meta.sha256))?.list : undefined;
    },

    /** After a write through the API: the next read asks the store (in the background) whether lists changed. */
    invalidate: visible.stale,
  };
}

/**
 * The search text as the lists' names are compared: NFKC (full-width letters, digits and
 * brackets become half-width), without spaces, punctuation and form words — core's normalizeName.
 */
export function searchKey(query: string): string {
  return normalizeName(query.slice(0, 100));
}
