import { normalizeName } from '@jianzheng/core';
import { seededRandom } from '@jianzheng/testkit';
import { describe, expect, it } from 'vitest';
import type { PublicDepartment, PublicItem, PublicList } from '../pages/public-lists';
import { buildSearchIndex, buildSegment, combineSegments, createKeySpace } from './search-index';

// The linear scan the public home page made before the index: the oracle of these tests.
const norm = normalizeName;

/** An item in search results: `matched` holds the ids of the materials the search found (null: the item name matched). */
type FoundItem = PublicItem & { matched: ReadonlySet<string> | null };

/**
 * Narrows a list to a department and a search text. An item stays when its name or one of its
 * materials matches; it keeps all its materials, so a citizen still sees everything the item
 * requires, with the matching ones marked.
 */
function filterList(list: PublicList, department: string, query: string): PublicList {
  const key = normalizeName(query.slice(0, 100));
  const departments: PublicDepartment[] = [];
  for (const d of list.departments) {
    if (department && d.name !== department) continue;
    if (!key) {
      departments.push(d);
      continue;
    }
    const items: FoundItem[] = [];
    for (const item of d.items) {
      if (norm(item.name).includes(key)) {
        items.push({ ...item, matched: null });
        continue;
      }
      const matched = new Set(item.materials.filter((m) => norm(m.name).includes(key)).map((m) => m.id));
      if (matched.size > 0) items.push({ ...item, matched });
    }
    if (items.length > 0) departments.push({ name: d.name, items });
  }
  return { ...list, departments };
}

const NAMES = [
  '居民身份证',
  '身份证明',
  '营业执照',
  '户口簿',
  '结婚证',
  '不动产权证书',
  '申请表',
  '（身份证）复印件',
  '授权委托书',
];
const ITEMS = ['设立登记', '变更登记', '户籍迁移', '身份证办理', '证明开具'];

function list(seed: number, items: number): PublicList {
  const random = seededRandom(seed);
  const departments = ['市公安局', '市市场监督管理局', '市民政局'].map((name, d) => ({
    name,
    items: Array.from({ length: items }, (_, i) => ({
      slug: `${d}-${i}`,
      code: null,
      name: `${random.pick(ITEMS)}${i}`,
      type: null,
      materials: Array.from({ length: 1 + random.int(5) }, (_, m) => ({
        id: `${d}-${i}-${m}`,
        name: random.pick(NAMES),
        verdict: 'retain' as const,
        category: null,
        replacement: null,
        issuer: null,
        legalBasis: null,
        wording: null,
        basis: null,
        effectiveFrom: null,
      })),
    })),
  }));
  return {
    batchId: 'b',
    title: 't',
    jurisdiction: 'j',
    stage: 'published',
    version: 1,
    publishedAt: null,
    documentNumber: null,
    links: null,
    commentPeriod: null,
    departments,
  };
}

/** What the linear scan finds, as department/item/materials triples. */
function oracle(l: PublicList, department: string, query: string) {
  const found = filterList(l, department, query);
  return found.departments.flatMap((d) =>
    d.items.map((item) => ({
      department: l.departments.findIndex((x) => x.name === d.name),
      slug: item.slug,
      matched: (item as FoundItem).matched ? [...(item as FoundItem).matched!].sort() : null,
    })),
  );
}

function paged(l: PublicList, department: string, query: string, limit: number) {
  const index = buildSearchIndex(l);
  const d = department || undefined;
  const out: Array<{ department: number; slug: string; matched: string[] | null }> = [];
  let after: number | undefined;
  let pages = 0;
  let matches = -1;
  for (;;) {
    const page = index.search(query, {
      limit,
      ...(after === undefined ? {} : { after }),
      ...(d === undefined ? {} : { department: d }),
    });
    expect(page.hits.length).toBeLessThanOrEqual(limit);
    matches = page.matches;
    pages++;
    for (const hit of page.hits) {
      const item = l.departments[hit.department]!.items[hit.item]!;
      out.push({
        department: hit.department,
        slug: item.slug,
        matched:
          query.trim() && hit.materials ? hit.materials.map((m) => item.materials[m]!.id).sort() : null,
      });
    }
    if (page.next === null) break;
    after = page.next;
  }
  return { out, pages, matches };
}

describe('the public search index', () => {
  it('finds what the linear scan finds, page by page, for 1-, 2- and 3+-character queries', () => {
    const l = list(7, 40);
    for (const query of [
      '证',
      '身份',
      '身份证',
      '（身份证）',
      '执照',
      '登记',
      '户',
      '不存在',
      '证明开具3',
      '',
    ]) {
      for (const department of ['', '市民政局']) {
        const expected = oracle(l, department, query);
        const { out, pages } = paged(l, department, query, 7);
        expect(out, `${query} @ ${department}`).toEqual(expected);
        expect(pages).toBeGreaterThanOrEqual(Math.ceil(expected.length / 7));
      }
    }
  });

  it('counts every matching entry exactly, and a page never holds more than its limit', () => {
    const l = list(11, 60);
    const index = buildSearchIndex(l);
    const names = l.departments.flatMap((d) =>
      d.items.flatMap((i) => [i.name, ...i.materials.map((m) => m.name)]),
    );
    const page = index.search('身份', { limit: 5 });
    expect(page.hits).toHaveLength(5);
    expect(page.matches).toBe(names.filter((n) => n.replace(/[（）]/g, '').includes('身份')).length);
    expect(page.next).not.toBeNull();
    // Distinct names are few: the grams index them, not each of the hundreds of entries.
    expect(index.size.keys).toBeLessThan(index.size.entries / 3);
  });

  it('over many lists is one index: the lists in order, each found as alone, paged across them', () => {
    const lists = [list(3, 12), list(5, 0), list(8, 20), list(13, 9)];
    const space = createKeySpace();
    const index = combineSegments(
      lists.map((l) => buildSegment(l, space)),
      space,
    );
    expect(index.size.lists).toBe(4);
    for (const query of ['证', '身份', '（身份证）', '不存在', '']) {
      for (const department of ['', '市民政局', '无此部门']) {
        const expected = lists.flatMap((l, i) =>
          oracle(l, department, query).map((found) => ({ list: i, ...found })),
        );
        const seen: typeof expected = [];
        let after: number | undefined;
        let matches = 0;
        for (;;) {
          const page = index.search(query, {
            limit: 4,
            ...(after === undefined ? {} : { after }),
            ...(department ? { department } : {}),
          });
          expect(page.hits.length).toBeLessThanOrEqual(4);
          matches = page.matches;
          for (const hit of page.hits) {
            const item = lists[hit.list]!.departments[hit.department]!.items[hit.item]!;
            seen.push({
              list: hit.list,
              department: hit.department,
              slug: item.slug,
              matched:
                query.trim() && hit.materials ? hit.materials.map((m) => item.materials[m]!.id).sort() : null,
            });
          }
          if (page.next === null) break;
          after = page.next;
        }
        expect(seen, `${query} @ ${department}`).toEqual(expected);
        // Counted over all lists exactly as each list counts alone.
        const alone = lists.reduce(
          (sum, l) =>
            sum +
            buildSearchIndex(l, space).search(query, { limit: 0, ...(department ? { department } : {}) })
              .matches,
          0,
        );
        expect(matches).toBe(alone);
      }
    }
  });
});
