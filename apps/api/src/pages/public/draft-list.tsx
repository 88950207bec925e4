import { formatLocalDate, itemKey, type Summary } from '@jianzheng/core';
import { Hono } from 'hono';
import type { PageDeps, PageModule } from '../deps';
import { type Lang, langOf, paren, stageLabel, t } from '../i18n';
import { Layout, withLang } from '../layout';
import { draftItem, draftListHeader, draftMaterial, type PublicItem } from '../public-lists';
import { ListMeta, MaterialLists, NextPageLink } from './components';

/** Materials on one page of a department's list; the next page is a link (a cursor), as search pages. */
const PAGE_MATERIALS = 100;

/** `/lists/:batchId`, with `?department=` for one department's page. */
export function draftListHref(batchId: string, lang: Lang, query: Record<string, string> = {}): string {
  const q = new URLSearchParams({ ...query, ...(lang === 'en' ? { lang } : {}) }).toString();
  return `/lists/${encodeURIComponent(batchId)}${q ? `?${q}` : ''}`;
}

function Counts({ row, lang }: { row: Summary['byDepartment'][number]; lang: Lang }) {
  return (
    <>
      <td class="num" data-label={t(lang, 'itemsCol')}>
        {row.items}
      </td>
      <td class="num" data-label={t(lang, 'stillRequired')}>
        {row.retained}
      </td>
      <td class="num" data-label={t(lang, 'cancelledCount')}>
        {row.planned > 0
          ? lang === 'zh'
            ? `${row.cancelled}（${t(lang, 'plannedOf')} ${row.planned}）`
            : `${row.cancelled} (${t(lang, 'plannedOf')} ${row.planned})`
          : row.cancelled}
      </td>
    </>
  );
}

/** A page of a department's materials, consecutive ones of one item together as an item card. */
async function departmentPage(deps: PageDeps, batchId: string, department: string, cursor: string | null) {
  const today = formatLocalDate(deps.now?.() ?? new Date(), deps.timeZone, 'date');
  const page = await deps.store.pageMaterials(batchId, { department, cursor, limit: PAGE_MATERIALS });
  const items: PublicItem[] = [];
  let lastKey: string | undefined;
  for (const record of page.items) {
    const key = itemKey(record.material.item);
    if (key !== lastKey) items.push(draftItem(record.material.item));
    lastKey = key;
    items.at(-1)?.materials.push(draftMaterial(record, deps.categories, today));
  }
  return { items, next: page.next };
}

/**
 * A list out for comment (公示), paged: an index of its departments with their counts (the store's
 * aggregates), and each department's items a page at a time (keyset pages of the store), so the
 * page costs the same for a province's draft as for a city's. Published lists are on `/`.
 */
export const draftListPages: PageModule = (deps) => {
  const app = new Hono();

  app.get('/lists/:batchId', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const batch = await deps.store.getBatch(c.req.param('batchId'));
    // Unknown batches and batches not out for comment look the same to the public.
    if (batch?.stage !== 'public-comment') return deps.notFound(c);
    const list = draftListHeader(batch);
    const department = c.req.query('department');
    const title = `${list.jurisdiction} · ${list.title}`;
    const heading = (
      <>
        <p class="small">
          <a href={withLang('/', lang)}>← {t(lang, 'back')}</a>
        </p>
        <h1>
          {title}
          {paren(lang, stageLabel(lang, list.stage))}
        </h1>
        <ListMeta list={list} lang={lang} />
        <p class="small">{t(lang, 'draftNotice')}</p>
      </>
    );

    if (department === undefined) {
      const summary = await deps.store.summarizeMaterials(batch.id, {
        categories: [...deps.categories.keys()],
        asOf: formatLocalDate(deps.now?.() ?? new Date(), deps.timeZone, 'date'),
      });
      return c.html(
        <Layout lang={lang} title={title} path={draftListHref(batch.id, 'zh')}>
          {heading}
          <section class="card" aria-labelledby="departments-title">
            <h2 id="departments-title">{t(lang, 'draftDepartments')}</h2>
            <section class="scroll" tabindex={0} aria-labelledby="departments-title">
              <table id="departments" class="stack">
                <thead>
                  <tr>
                    <th scope="col">{t(lang, 'department')}</th>
                    <th scope="col" class="num">
                      {t(lang, 'itemsCol')}
                    </th>
                    <th scope="col" class="num">
                      {t(lang, 'stillRequired')}
                    </th>
                    <th scope="col" class="num">
                      {t(lang, 'cancelledCount')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {summary.byDepartment.map((d) => (
                    <tr>
                      <th scope="row">
                        <a href={draftListHref(batch.id, lang, { department: d.department })}>
                          {d.department}
                        </a>
                      </th>
                      <Counts row={d} lang={lang} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </section>
        </Layout>,
      );
    }

    const cursor = c.req.query('cursor') ?? null;
    const { items, next } = await departmentPage(deps, batch.id, department, cursor);
    if (items.length === 0 && !cursor) return deps.notFound(c);
    const nextHref = next ? draftListHref(batch.id, lang, { department, cursor: next }) : null;
    return c.html(
      <Layout
        lang={lang}
        title={`${department} · ${list.title}`}
        path={draftListHref(batch.id, 'zh', { department, ...(cursor ? { cursor } : {}) })}
      >
        {heading}
        <p>
          <a href={draftListHref(batch.id, lang)}>← {t(lang, 'draftDepartments')}</a>
        </p>
        <section aria-labelledby="department-title">
          <h2 id="department-title">{department}</h2>
          {items.map((item) => (
            <article class="card">
              <h3>
                <a href={withLang(`/items/${encodeURIComponent(batch.id)}/${item.slug}`, lang)}>
                  {item.name}
                </a>
                {item.type ? <span class="small">{paren(lang, item.type)}</span> : null}
              </h3>
              <MaterialLists item={item} lang={lang} />
            </article>
          ))}
        </section>
        <NextPageLink href={nextHref} lang={lang} />
      </Layout>,
    );
  });

  return app;
};
