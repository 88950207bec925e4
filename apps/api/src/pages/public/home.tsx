import { Hono } from 'hono';
import type { PageModule } from '../deps';
import { type Lang, langOf, paren, stageLabel, t } from '../i18n';
import { Layout } from '../layout';
import type { PublicList } from '../public-lists';
import { INDEX_RETRY_SECONDS, type SearchResult, searchLists } from '../public-search';
import { takeFlash } from '../session';
import { cancelledCount, itemHref, ListMeta, NextPageLink } from './components';
import { draftListHref } from './draft-list';
import { SearchHit } from './search-hit';

/**
 * Items on one page of search results; the next page is a link (a cursor), never a longer page.
 * Twenty keeps a page of results to a few phone screens (each item shows only what matched).
 */
const PAGE_ITEMS = 20;

/** Consecutive results of one list and department, as the page shows them. */
function groups(results: SearchResult[]) {
  const out: Array<{ list: PublicList; departments: Array<{ name: string; results: SearchResult[] }> }> = [];
  for (const r of results) {
    let g = out.at(-1);
    if (g?.list !== r.list) {
      g = { list: r.list, departments: [] };
      out.push(g);
    }
    let d = g.departments.at(-1);
    if (d?.name !== r.department) {
      d = { name: r.department, results: [] };
      g.departments.push(d);
    }
    d.results.push(r);
  }
  return out;
}

/** A list's title, its publication facts, and the draft notice of a list out for comment. */
function ListHeader({ list, lang }: { list: PublicList; lang: Lang }) {
  return (
    <>
      <h2 id={`list-${list.batchId}`}>
        {list.jurisdiction} · {list.title}
        {list.stage === 'public-comment' ? paren(lang, stageLabel(lang, list.stage)) : ''}
      </h2>
      <ListMeta list={list} lang={lang} />
      {list.stage === 'public-comment' ? <p class="small">{t(lang, 'draftNotice')}</p> : null}
    </>
  );
}

/**
 * A list out for comment links to its own paged pages (one department at a time) instead of
 * listing every item here: a draft can be a province's whole list.
 */
function DraftDepartments({ list, lang }: { list: PublicList; lang: Lang }) {
  return (
    <>
      <p>
        <a href={draftListHref(list.batchId, lang)}>{t(lang, 'draftDepartments')}</a>
      </p>
      <ul class="departments">
        {list.departments.map((d) => (
          <li>
            <a href={draftListHref(list.batchId, lang, { department: d.name })}>{d.name}</a>
            {paren(lang, `${d.items.length} ${t(lang, 'items')}`)}
          </li>
        ))}
      </ul>
    </>
  );
}

/** `/`: every published list (and lists out for comment), searchable by item or material name. */
export const publicHome: PageModule = (deps) => {
  const app = new Hono();
  const { lists } = deps;

  app.get('/', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const q = (c.req.query('q') ?? '').slice(0, 100);
    const department = c.req.query('department') ?? '';
    const cursor = c.req.query('cursor') ?? null;
    const set = await lists.ready();
    if (!set) {
      // Just started with many lists: the index is built in the background, never on a request.
      c.header('retry-after', String(INDEX_RETRY_SECONDS));
      return c.html(
        <Layout lang={lang} title={t(lang, 'publicLists')} path="/">
          <h1>{t(lang, 'siteTitle')}</h1>
          <p role="status">{t(lang, 'indexBuilding')}</p>
        </Layout>,
        503,
      );
    }
    const all = set.entries.map((e) => e.list);
    const departments = [...new Set(all.flatMap((l) => l.departments.map((d) => d.name)))];
    const searching = q.trim() !== '' || department !== '';
    const found = searching
      ? searchLists(set, q, { department, limit: PAGE_ITEMS, cursor })
      : { results: [], next: null, matches: 0 };
    const query = { ...(q ? { q } : {}), ...(department ? { department } : {}) };
    const path = `/?${new URLSearchParams(query)}`;
    const nextHref = found.next
      ? `/?${new URLSearchParams({ ...query, cursor: found.next, ...(lang === 'en' ? { lang } : {}) })}`
      : null;
    return c.html(
      <Layout lang={lang} title={t(lang, 'publicLists')} path={path} flash={takeFlash(c)}>
        <h1>{t(lang, 'siteTitle')}</h1>
        <search>
          {/* The fragment survives a GET form's submission: the browser lands on the count, announced. */}
          <form class="search card" method="get" action="/#found">
            {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
            <div>
              <label for="q">
                {t(lang, 'search')} <span class="hint">{t(lang, 'searchHint')}</span>
              </label>
              <input id="q" name="q" type="search" value={q} maxlength={100} autocomplete="off" />
            </div>
            <div>
              <label for="department">{t(lang, 'department')}</label>
              <select id="department" name="department">
                <option value="">{t(lang, 'allDepartments')}</option>
                {departments.map((d) => (
                  <option value={d} selected={d === department}>
                    {d}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <button type="submit">{t(lang, 'submitSearch')}</button>
            </div>
          </form>
        </search>
        {all.length === 0 ? <p>{t(lang, 'noPublished')}</p> : null}
        {searching ? (
          <p role="status" id="found" tabindex={-1}>
            {found.matches} {t(lang, 'matches')}
            {found.results.length === 0 ? ` — ${t(lang, 'noResults')}` : ''}
          </p>
        ) : null}
        {searching
          ? groups(found.results).map(({ list, departments: shown }) => (
              <section class="card" aria-labelledby={`list-${list.batchId}`}>
                <ListHeader list={list} lang={lang} />
                {shown.map((d) => (
                  <section>
                    <h3>{d.name}</h3>
                    {d.results.map(({ item, matched }) => (
                      <article class="card">
                        <h4>
                          <a href={itemHref(list, item, lang)}>{item.name}</a>
                          {item.type ? <span class="small">（{item.type}）</span> : null}
                        </h4>
                        <SearchHit item={item} matched={matched} lang={lang} />
                      </article>
                    ))}
                  </section>
                ))}
              </section>
            ))
          : all.map((list) => (
              <section class="card" aria-labelledby={`list-${list.batchId}`}>
                <ListHeader list={list} lang={lang} />
                {list.stage === 'public-comment' ? <DraftDepartments list={list} lang={lang} /> : null}
                {list.stage === 'public-comment'
                  ? null
                  : list.departments.map((d) => (
                      <details>
                        <summary>
                          {d.name}
                          {paren(lang, `${d.items.length} ${t(lang, 'items')}`)}
                        </summary>
                        <ul>
                          {d.items.map((item) => {
                            const gone = item.materials.filter((m) => m.verdict === 'cancel').length;
                            return (
                              <li>
                                <a href={itemHref(list, item, lang)}>{item.name}</a>{' '}
                                <span class="small">
                                  {t(lang, 'stillRequired')} {item.materials.length - gone} ·{' '}
                                  {t(lang, 'cancelledCount')} {cancelledCount(item.materials, lang)}
                                </span>
                              </li>
                            );
                          })}
                        </ul>
                      </details>
                    ))}
              </section>
            ))}
        <NextPageLink href={nextHref} lang={lang} />
      </Layout>,
    );
  });

  return app;
};
