import { type Context, Hono } from 'hono';
import { type ApiFetch, callApi } from './api-client';
import { colon, type Lang, langOf, paren, stageLabel, t } from './i18n';
import { FlashMessage, Layout, withLang } from './layout';
import {
  type FoundItem,
  filterList,
  type PublicItem,
  type PublicList,
  type PublicMaterial,
} from './public-lists';
import { type Flash, setFlash, takeFlash } from './session';

type Lists = ReturnType<typeof import('./public-lists').createPublicLists>;

/** Beyond this many items a result page asks for a narrower search instead of growing without end. */
const MAX_ITEMS = 150;

function ListMeta({ list, lang }: { list: PublicList; lang: Lang }) {
  if (list.stage === 'public-comment') {
    return (
      <ul class="meta">
        <li>
          <strong>{t(lang, 'commentPeriod')}</strong>
        </li>
        {list.commentPeriod ? (
          <li>
            {t(lang, 'commentPeriodDates')}
            {colon(lang)}
            {list.commentPeriod.start} – {list.commentPeriod.end}
          </li>
        ) : null}
        {list.commentPeriod ? (
          <li>
            {t(lang, 'channel')}
            {colon(lang)}
            {list.commentPeriod.channel}
          </li>
        ) : null}
      </ul>
    );
  }
  return (
    <ul class="meta">
      <li>
        {t(lang, 'publishedAt')}
        {colon(lang)}
        {list.publishedAt}
      </li>
      <li>
        {t(lang, 'docNumber')}
        {colon(lang)}
        {list.documentNumber ?? t(lang, 'none')}
      </li>
      <li>
        {t(lang, 'version')}
        {colon(lang)}
        {list.version}
      </li>
      {list.links ? (
        <li>
          <a href={list.links.json}>{t(lang, 'downloadJson')}</a> ·{' '}
          <a href={list.links.xlsx}>{t(lang, 'downloadExcel')}</a>
        </li>
      ) : null}
    </ul>
  );
}

function How({ material, lang }: { material: PublicMaterial; lang: Lang }) {
  const label = material.category ? (lang === 'zh' ? material.category.zh : material.category.en) : '';
  return (
    <span class="how">
      {t(lang, 'howNow')}
      {colon(lang)}
      {label}
      {material.replacement && material.replacement !== material.category?.zh
        ? `（${material.replacement}）`
        : ''}
    </span>
  );
}

function Name({ item, material }: { item: PublicItem; material: PublicMaterial }) {
  const matched = (item as Partial<FoundItem>).matched;
  return matched?.has(material.id) ? <mark>{material.name}</mark> : <>{material.name}</>;
}

function MaterialLists({ item, lang }: { item: PublicItem; lang: Lang }) {
  const required = item.materials.filter((m) => m.verdict === 'retain');
  const cancelled = item.materials.filter((m) => m.verdict === 'cancel');
  return (
    <div class="cols">
      <section>
        <p class="small">
          <strong>
            {t(lang, 'stillRequired')}
            {paren(lang, required.length)}
          </strong>
        </p>
        <ul class="materials">
          {required.map((m) => (
            <li>
              <span class="tag keep">{t(lang, 'retain')}</span>
              <Name item={item} material={m} />
            </li>
          ))}
        </ul>
      </section>
      <section>
        <p class="small">
          <strong>
            {t(lang, 'cancelled')}
            {paren(lang, cancelled.length)}
          </strong>
        </p>
        <ul class="materials">
          {cancelled.map((m) => (
            <li>
              <span class="tag gone">{t(lang, 'cancel')}</span>
              <Name item={item} material={m} />
              <br />
              <How material={m} lang={lang} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function itemHref(list: PublicList, item: PublicItem, lang: Lang) {
  return withLang(`/items/${encodeURIComponent(list.batchId)}/${item.slug}`, lang);
}

/** The public pages: the published lists with search, and item pages (with comment forms during 公示). */
export function publicPages(
  lists: Lists,
  api: ApiFetch,
  notFound: (c: Context) => Response | Promise<Response>,
) {
  const app = new Hono();

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
                            {t(lang, 'cancelledCount')} {gone}
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

  const findItem = async (batchId: string, slug: string) => {
    const list = await lists.one(batchId);
    if (!list) return undefined;
    for (const d of list.departments)
      for (const item of d.items) if (item.slug === slug) return { list, department: d.name, item };
    return undefined;
  };

  app.get('/items/:batchId/:slug', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const found = await findItem(c.req.param('batchId'), c.req.param('slug'));
    if (!found) return notFound(c);
    const { list, department, item } = found;
    const flash = takeFlash(c);
    const open = list.stage === 'public-comment';
    const path = `/items/${encodeURIComponent(list.batchId)}/${item.slug}`;
    return c.html(
      <Layout lang={lang} title={item.name} path={path} flash={flash}>
        <p class="small">
          <a href={withLang('/', lang)}>← {t(lang, 'back')}</a>
        </p>
        <h1>{item.name}</h1>
        <ul class="meta">
          <li>
            {t(lang, 'department')}
            {colon(lang)}
            {department}
          </li>
          {item.code ? (
            <li>
              {t(lang, 'itemCode')}
              {colon(lang)}
              {item.code}
            </li>
          ) : null}
          {item.type ? (
            <li>
              {t(lang, 'itemType')}
              {colon(lang)}
              {item.type}
            </li>
          ) : null}
        </ul>
        <section class="card" aria-labelledby="list-title">
          <h2 id="list-title">
            {list.jurisdiction} · {list.title}
          </h2>
          <ListMeta list={list} lang={lang} />
          {open ? <p class="small">{t(lang, 'draftNotice')}</p> : null}
        </section>
        {open ? (
          <section aria-labelledby="materials-title">
            <h2 id="materials-title">{t(lang, 'material')}</h2>
            {item.materials.map((m) => (
              <CommentableMaterial
                material={m}
                lang={lang}
                action={`${path}/comments${lang === 'en' ? '?lang=en' : ''}`}
                flash={flash?.target === m.id ? flash : undefined}
              />
            ))}
          </section>
        ) : (
          <section class="card" aria-labelledby="materials-title">
            <h2 id="materials-title">{t(lang, 'material')}</h2>
            <MaterialLists item={item} lang={lang} />
          </section>
        )}
      </Layout>,
    );
  });

  // A plain form post (works without JavaScript) relayed to the comments API, then back to the item.
  app.post('/items/:batchId/:slug/comments', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const batchId = c.req.param('batchId');
    const slug = c.req.param('slug');
    const back = withLang(`/items/${encodeURIComponent(batchId)}/${slug}`, lang);
    const form = await c.req.parseBody();
    const materialId = String(form.materialId ?? '');
    const found = await findItem(batchId, slug);
    if (!found?.item.materials.some((m) => m.id === materialId)) return notFound(c);
    const author = String(form.author ?? '').trim();
    const result = await callApi(
      api,
      c,
      'POST',
      `/api/batches/${encodeURIComponent(batchId)}/materials/${encodeURIComponent(materialId)}/comments`,
      { json: { body: String(form.body ?? ''), ...(author ? { author } : {}) } },
    );
    const flash: Flash = result.ok
      ? { kind: 'ok', text: t(lang, 'commentThanks'), target: materialId }
      : { kind: 'error', text: lang === 'zh' ? result.message : result.messageEn, target: materialId };
    setFlash(c, flash);
    return c.redirect(`${back}#m-${materialId}`, 303);
  });

  return app;
}

function CommentableMaterial(props: {
  material: PublicMaterial;
  lang: Lang;
  action: string;
  flash: Flash | undefined;
}) {
  const { material: m, lang } = props;
  return (
    <article class="card" id={`m-${m.id}`} aria-labelledby={`t-${m.id}`}>
      <h3 id={`t-${m.id}`}>
        <span class={`tag ${m.verdict === 'cancel' ? 'gone' : 'keep'}`}>{t(lang, m.verdict)}</span>
        {m.name}
      </h3>
      {m.verdict === 'cancel' ? <How material={m} lang={lang} /> : null}
      {props.flash ? <FlashMessage flash={props.flash} /> : null}
      <details open={props.flash !== undefined}>
        <summary>{t(lang, 'commentOpen')}</summary>
        <form class="inline-form" method="post" action={props.action}>
          <input type="hidden" name="materialId" value={m.id} />
          <label for={`body-${m.id}`}>{t(lang, 'comment')}</label>
          <textarea id={`body-${m.id}`} name="body" required maxlength={2000} />
          <label for={`author-${m.id}`}>{t(lang, 'commentAuthor')}</label>
          <input id={`author-${m.id}`} name="author" maxlength={100} autocomplete="name" />
          <div>
            <button type="submit">{t(lang, 'commentSubmit')}</button>
          </div>
        </form>
      </details>
    </article>
  );
}
