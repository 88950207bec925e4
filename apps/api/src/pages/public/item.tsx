import { type Context, Hono } from 'hono';
import { callApi } from '../api-client';
import type { PageDeps, PageModule } from '../deps';
import { colon, type Lang, langOf, t } from '../i18n';
import { FlashMessage, Layout, withLang } from '../layout';
import type { PublicItem, PublicList, PublicMaterial } from '../public-lists';
import { type Flash, setFlash, takeFlash } from '../session';
import { CaseReportForm } from './case-report-form';
import { CancelTag, How, ListMeta, MaterialLists, Retained } from './components';
import { FieldError, type FormState, fieldAttrs, refusedForm } from './form-state';
import { VersionNotes, versionNotes } from './version-notes';

/** Forms shown again as the reader sent them, after the API refused them. */
export interface ItemForms {
  report?: FormState;
  comment?: { materialId: string; state: FormState };
}

type Found = { list: PublicList; department: string; item: PublicItem };

/** An item's page (find it, render it), shared by the page's routes and the forms that post from it. */
export function itemView(deps: PageDeps) {
  const { lists } = deps;
  const find = async (batchId: string, slug: string): Promise<Found | undefined> => {
    const list = await lists.one(batchId);
    if (!list) return undefined;
    for (const d of list.departments)
      for (const item of d.items) if (item.slug === slug) return { list, department: d.name, item };
    return undefined;
  };
  const page = async (
    c: Context,
    lang: Lang,
    { list, department, item }: Found,
    forms: ItemForms = {},
    status: 200 | 422 = 200,
  ) => {
    const flash = forms.report || forms.comment ? undefined : takeFlash(c);
    const open = list.stage === 'public-comment';
    const path = `/items/${encodeURIComponent(list.batchId)}/${item.slug}`;
    const notes = open
      ? []
      : await versionNotes(deps.api, c, list.batchId, department, item.name, deps.timeZone);
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
          {!open && item.materials.some((m) => m.category?.id === 'commitment') ? (
            <p>
              <a href={withLang(`${path}/commitment`, lang)}>{t(lang, 'commitmentLetterLink')}</a>
            </p>
          ) : null}
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
                state={forms.comment?.materialId === m.id ? forms.comment.state : undefined}
              />
            ))}
          </section>
        ) : (
          <section class="card" aria-labelledby="materials-title">
            <h2 id="materials-title">{t(lang, 'material')}</h2>
            <MaterialLists item={item} lang={lang} />
          </section>
        )}
        {open ? null : (
          <CaseReportForm
            lang={lang}
            action={withLang(`${path}/cases`, lang)}
            materials={item.materials.filter((m) => m.verdict === 'cancel')}
            flash={flash?.target === 'report' ? flash : undefined}
            state={forms.report}
          />
        )}
        <VersionNotes lang={lang} notes={notes} />
      </Layout>,
      status,
    );
  };
  return { find, page };
}

/** An item's page: its materials, comment forms during 公示, and what later versions changed. */
export const itemPages: PageModule = (deps) => {
  const app = new Hono();
  const notFound = deps.notFound;
  const api = deps.api;
  const view = itemView(deps);

  app.get('/items/:batchId/:slug', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const found = await view.find(c.req.param('batchId'), c.req.param('slug'));
    if (!found) return notFound(c);
    return view.page(c, lang, found);
  });

  // A plain form post (works without JavaScript) relayed to the comments API, then back to the item.
  app.post('/items/:batchId/:slug/comments', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const batchId = c.req.param('batchId');
    const slug = c.req.param('slug');
    const back = withLang(`/items/${encodeURIComponent(batchId)}/${slug}`, lang);
    const form = await c.req.parseBody();
    const materialId = String(form.materialId ?? '');
    const found = await view.find(batchId, slug);
    if (!found?.item.materials.some((m) => m.id === materialId)) return notFound(c);
    const author = String(form.author ?? '').trim();
    const result = await callApi(
      api,
      c,
      'POST',
      `/api/batches/${encodeURIComponent(batchId)}/materials/${encodeURIComponent(materialId)}/comments`,
      { json: { body: String(form.body ?? ''), ...(author ? { author } : {}) } },
    );
    if (!result.ok && Object.keys(result.fieldErrors).length > 0 && found) {
      const values = { materialId, body: String(form.body ?? ''), author: String(form.author ?? '') };
      const state = refusedForm(result, values, lang);
      return view.page(c, lang, found, { comment: { materialId, state } }, 422);
    }
    const flash: Flash = result.ok
      ? { kind: 'ok', text: t(lang, 'commentThanks'), target: materialId }
      : { kind: 'error', text: lang === 'zh' ? result.message : result.messageEn, target: materialId };
    setFlash(c, flash);
    return c.redirect(`${back}#m-${materialId}`, 303);
  });

  return app;
};

function CommentableMaterial(props: {
  material: PublicMaterial;
  lang: Lang;
  action: string;
  flash: Flash | undefined;
  state?: FormState | undefined;
}) {
  const { material: m, lang, state } = props;
  return (
    <article class="card" id={`m-${m.id}`} aria-labelledby={`t-${m.id}`}>
      <h3 id={`t-${m.id}`}>
        {m.verdict === 'cancel' ? (
          <CancelTag material={m} lang={lang} />
        ) : (
          <span class="tag keep">{t(lang, 'retain')}</span>
        )}
        {m.name}
      </h3>
      {m.verdict === 'cancel' ? <How material={m} lang={lang} /> : <Retained material={m} lang={lang} />}
      {props.flash ? <FlashMessage flash={props.flash} /> : null}
      {state ? (
        <p class="msg error" role="alert">
          {state.message}
        </p>
      ) : null}
      <details open={props.flash !== undefined || state !== undefined}>
        <summary>{t(lang, 'commentOpen')}</summary>
        <form class="inline-form" method="post" action={props.action}>
          <input type="hidden" name="materialId" value={m.id} />
          <label for={`body-${m.id}`}>{t(lang, 'comment')}</label>
          <textarea
            id={`body-${m.id}`}
            name="body"
            required
            maxlength={2000}
            {...fieldAttrs(state, 'body', `body-${m.id}`)}
          >
            {state?.values.body ?? ''}
          </textarea>
          <FieldError state={state} field="body" id={`body-${m.id}`} />
          <label for={`author-${m.id}`}>{t(lang, 'commentAuthor')}</label>
          <input
            id={`author-${m.id}`}
            name="author"
            maxlength={100}
            autocomplete="name"
            value={state?.values.author}
            {...fieldAttrs(state, 'author', `author-${m.id}`)}
          />
          <FieldError state={state} field="author" id={`author-${m.id}`} />
          <div>
            <button type="submit">{t(lang, 'commentSubmit')}</button>
          </div>
        </form>
      </details>
    </article>
  );
}
