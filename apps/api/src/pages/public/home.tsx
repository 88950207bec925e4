import { Hono } from 'hono';
import type { PageModule } from '../deps';
import { langOf, paren, stageLabel, t } from '../i18n';
import { Layout } from '../layout';
import { type FoundItem, filterList } from '../public-lists';
import { takeFlash } from '../session';
import { cancelledCount, itemHref, ListMeta, MaterialLists } from './components';

/** Beyond this many items a result page asks for a narrower search instead of growing without end. */
const MAX_ITEMS = 150;

/** `/`: every published list (and lists out for comment), searchable by item or material name. */
export const publicHome: PageModule = (deps) => {
  const app = new Hono();
  const { lists } = deps;

  app.get('/', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const q = (c.req.query('q') ?? '').slice(0, 100);
    const department = c.req.query('department') ?? '';
    const all = await lists.all();
    const departments = [...new Set(all.flatMap((l) => l.departments.map((d) => d.name)))];
    const searching = q.trim() !== '' || department !== '';
    const shown = all.map((list) => filterList(list, department, q));
    let itemCount = 0;
    let materialCount = 0;
    for (const list of shown)
      for (const d of list.departments)
        for (const item of d.items) {
          itemCount++;
          materialCount += (item as FoundItem).matched?.size ?? item.materials.length;
        }
    const path = `/?${new URLSearchParams({ ...(q ? { q } : {}), ...(department ? { department } : {}) })}`;
    let budget = MAX_ITEMS;
    return c.html(
      <Layout lang={lang} title={t(lang, 'publicLists')} path={path} flash={takeFlash(c)}>
        <h1>{t(lang, 'siteTitle')}</h1>
        <search>
          <form class="search card" method="get" action="/">
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
          <p role="status">
            {itemCount} {t(lang, 'items')} · {materialCount} {t(lang, 'materials')}
            {itemCount === 0 ? ` — ${t(lang, 'noResults')}` : ''}
          </p>
        ) : null}
        {shown.map((list) => (
          <section class="card" aria-labelledby={`list-${list.batchId}`}>
            <h2 id={`list-${list.batchId}`}>
              {list.jurisdiction} · {list.title}
              {list.stage === 'public-comment' ? paren(lang, stageLabel(lang, list.stage)) : ''}
            </h2>
            <ListMeta list={list} lang={lang} />
            {list.stage === 'public-comment' ? <p class="small">{t(lang, 'draftNotice')}</p> : null}
            {list.departments.map((d) =>
              searching ? (
                <section>
                  <h3>{d.name}</h3>
                  {d.items.map((item) => {
                    if (budget-- <= 0) return null;
                    return (
                      <article class="card">
                        <h4>
                          <a href={itemHref(list, item, lang)}>{item.name}</a>
                          {item.type ? <span class="small">（{item.type}）</span> : null}
                        </h4>
                        <MaterialLists item={item} lang={lang} />
                      </article>
                    );
                  })}
                </section>
              ) : (
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
              ),
            )}
          </section>
        ))}
        {budget < 0 ? (
          <p class="msg error" role="status">
            {lang === 'zh'
              ? `结果较多，仅显示前 ${MAX_ITEMS} 个事项，请输入更具体的名称或选择部门。`
              : `Only the first ${MAX_ITEMS} items are shown; narrow the search.`}
          </p>
        ) : null}
      </Layout>,
    );
  });

  return app;
};
