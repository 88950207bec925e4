import {
  type BatchRecord,
  type CategoryDefinition,
  type CommentRecord,
  formatRate,
  type JianzhengStore,
  type MaterialRecord,
  summarize,
  TRANSITIONS,
  TransitionInputSchema,
} from '@jianzheng/core';
import { type Context, Hono } from 'hono';
import { type ApiFetch, type ApiResult, callApi } from './api-client';
import { BarChart } from './chart';
import { colon, fieldLabel, type Lang, langOf, paren, stageLabel, statusLabel, t } from './i18n';
import { FlashMessage, Layout, withLang } from './layout';
import { clearToken, type Flash, readToken, setFlash, storeToken, takeFlash } from './session';

type BatchOut = BatchRecord & { allowedActions: string[] };
type MaterialOut = Pick<MaterialRecord, 'material' | 'decision' | 'version'>;
type MaterialPage = { total: number; page: number; pageSize: number; items: MaterialOut[] };

const PAGE_SIZE = 50;

interface FieldSpec {
  name: string;
  kind: 'date' | 'text' | 'choice';
  choices: string[];
  optional: boolean;
}

interface LooseSchema {
  safeParse(value: unknown): { success: boolean };
  options?: string[];
}

/**
 * The fields of each transition form, read from core's TransitionInputSchema so the form always
 * asks for exactly what the API will validate. A field that accepts an ISO date and refuses a
 * word is a date field.
 */
function transitionFields(): Map<string, FieldSpec[]> {
  const forms = new Map<string, FieldSpec[]>();
  const variants = (
    TransitionInputSchema as unknown as { options: Array<{ shape: Record<string, LooseSchema> }> }
  ).options;
  for (const variant of variants) {
    const shape = variant.shape;
    const action = (shape.action as unknown as { value: string }).value;
    const fields: FieldSpec[] = [];
    for (const [name, schema] of Object.entries(shape)) {
      if (name === 'action') continue;
      const optional = schema.safeParse(undefined).success;
      const inner = (schema as unknown as { unwrap?: () => LooseSchema }).unwrap?.() ?? schema;
      const choices = Array.isArray(inner.options) ? inner.options : [];
      const isDate = schema.safeParse('2024-01-31').success && !schema.safeParse('abc').success;
      fields.push({ name, kind: choices.length ? 'choice' : isDate ? 'date' : 'text', choices, optional });
    }
    forms.set(action, fields);
  }
  return forms;
}

const CHOICE_LABELS: Record<string, { zh: string; en: string }> = {
  passed: { zh: '通过', en: 'passed' },
  failed: { zh: '未通过（退回集中审核）', en: 'failed (back to centralized review)' },
};

function LoginForm({ lang }: { lang: Lang }) {
  return (
    <form class="card inline-form" method="post" action={withLang('/operator/login', lang)}>
      <label for="token">
        {t(lang, 'token')} <span class="hint">{t(lang, 'tokenHint')}</span>
      </label>
      <input id="token" name="token" type="password" required autocomplete="current-password" />
      <div>
        <button type="submit">{t(lang, 'login')}</button>
      </div>
    </form>
  );
}

function LogoutForm({ lang }: { lang: Lang }) {
  return (
    <form method="post" action={withLang('/operator/logout', lang)}>
      <button class="secondary" type="submit">
        {t(lang, 'logout')}
      </button>
    </form>
  );
}

/** Operator pages: a thin, JavaScript-free front over the API, authenticated by the cookie token. */
export function operatorPages(options: {
  store: JianzhengStore;
  categories: ReadonlyMap<string, CategoryDefinition>;
  api: ApiFetch;
}) {
  const { store, categories, api } = options;
  const app = new Hono();
  const forms = transitionFields();
  const categoryLabel = (lang: Lang, id: string | null) =>
    id ? (categories.get(id)?.label[lang] ?? id) : '—';

  /** Calls the API with the cookie's token; a 401 logs the operator out and sends them to the login form. */
  async function withToken<T>(
    c: Context,
    method: string,
    path: string,
    init: { json?: unknown; headers?: Record<string, string> } = {},
  ): Promise<ApiResult<T> | Response> {
    const lang = langOf(c.req.query('lang'));
    const token = readToken(c);
    if (!token) return c.redirect(withLang('/operator', lang), 303);
    const result = await callApi<T>(api, c, method, path, { ...init, token });
    if (result.status === 401) {
      clearToken(c);
      setFlash(c, { kind: 'error', text: lang === 'zh' ? result.message : result.messageEn });
      return c.redirect(withLang('/operator', lang), 303);
    }
    return result;
  }

  const message = (lang: Lang, r: ApiResult) =>
    `${r.status === 409 ? (lang === 'zh' ? '冲突（409）：' : 'Conflict (409): ') : ''}${lang === 'zh' ? r.message : r.messageEn}`;

  app.get('/operator', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const flash = takeFlash(c);
    if (!readToken(c)) {
      return c.html(
        <Layout lang={lang} title={t(lang, 'login')} path="/operator" flash={flash}>
          <h1>
            {t(lang, 'operator')} · {t(lang, 'login')}
          </h1>
          <LoginForm lang={lang} />
        </Layout>,
      );
    }
    const result = await withToken<BatchOut[]>(c, 'GET', '/api/batches');
    if (result instanceof Response) return result;
    const batches = result.ok ? result.body : [];
    return c.html(
      <Layout lang={lang} title={t(lang, 'batches')} path="/operator" flash={flash}>
        <h1>
          {t(lang, 'operator')} · {t(lang, 'batches')}
        </h1>
        {!result.ok ? <FlashMessage flash={{ kind: 'error', text: message(lang, result) }} /> : null}
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t(lang, 'batches')}</th>
                <th scope="col">{t(lang, 'stage')}</th>
                <th scope="col">{t(lang, 'department')}</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr>
                  <td>
                    <a href={withLang(`/operator/batches/${encodeURIComponent(b.id)}`, lang)}>{b.title}</a>{' '}
                    <span class="small">{b.id}</span>
                  </td>
                  <td>{stageLabel(lang, b.stage)}</td>
                  <td>{b.departments.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          <LogoutForm lang={lang} />
        </p>
      </Layout>,
    );
  });

  app.post('/operator/login', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const form = await c.req.parseBody();
    const token = String(form.token ?? '').trim();
    // The API decides whether the token is good: one authenticated read.
    const check = await callApi(api, c, 'GET', '/api/batches', { token });
    if (!token || check.status === 401 || check.status === 400) {
      setFlash(c, {
        kind: 'error',
        text: lang === 'zh' ? `登录失败：${check.message}` : `Login failed: ${check.messageEn}`,
      });
      return c.redirect(withLang('/operator', lang), 303);
    }
    storeToken(c, token);
    return c.redirect(withLang('/operator', lang), 303);
  });

  app.post('/operator/logout', (c) => {
    clearToken(c);
    return c.redirect(withLang('/operator', langOf(c.req.query('lang'))), 303);
  });

  app.get('/operator/batches/:batchId', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const batchId = c.req.param('batchId');
    const base = `/api/batches/${encodeURIComponent(batchId)}`;
    const batchResult = await withToken<BatchOut>(c, 'GET', base);
    if (batchResult instanceof Response) return batchResult;
    const path = `/operator/batches/${encodeURIComponent(batchId)}`;
    const flash = takeFlash(c);
    if (!batchResult.ok) {
      return c.html(
        <Layout lang={lang} title={t(lang, 'batches')} path={path}>
          <h1>{t(lang, 'batches')}</h1>
          <FlashMessage flash={{ kind: 'error', text: message(lang, batchResult) }} />
        </Layout>,
        batchResult.status as 403,
      );
    }
    const batch = batchResult.body;
    // The API granted this token access to the batch above; the figures come from core's summarize.
    const records = await store.allMaterials(batch.id);
    const summary = summarize(
      records.map((r) => r.material),
      records.map((r) => r.decision),
      { categories: [...categories.keys()] },
    );
    const comments = await callApi<CommentRecord[]>(api, c, 'GET', `${base}/comments?unanswered=true`, {
      token: readToken(c),
    });
    const categoryIds = Object.keys(summary.byCategory);
    return c.html(
      <Layout lang={lang} title={batch.title} path={path} flash={flash}>
        <p class="small">
          <a href={withLang('/operator', lang)}>← {t(lang, 'batches')}</a>
        </p>
        <h1>
          {batch.jurisdiction.name} · {batch.title}
        </h1>
        <ul class="meta">
          <li>
            {t(lang, 'stage')}
            {colon(lang)}
            <strong id="stage">{stageLabel(lang, batch.stage)}</strong>
          </li>
          <li>
            <a href={withLang(`${path}/review`, lang)}>{t(lang, 'consultation')}</a>
          </li>
        </ul>

        <section class="card" aria-labelledby="next-title">
          <h2 id="next-title">{t(lang, 'nextSteps')}</h2>
          {batch.allowedActions.length === 0 ? <p>{t(lang, 'noNextSteps')}</p> : null}
          {batch.allowedActions.map((action) => {
            const definition = TRANSITIONS.find((d) => d.action === action);
            const fields = forms.get(action) ?? [];
            return (
              <form class="inline-form" method="post" action={withLang(`${path}/transitions`, lang)}>
                <fieldset>
                  <legend>
                    {lang === 'zh' ? (definition?.label ?? action) : action}
                    {definition ? ` → ${stageLabel(lang, definition.to)}` : ''}
                  </legend>
                  <input type="hidden" name="action" value={action} />
                  {fields.map((f) => (
                    <div>
                      <label for={`${action}-${f.name}`}>
                        {fieldLabel(lang, f.name)}
                        {f.optional ? (
                          <span class="hint">{paren(lang, lang === 'zh' ? '选填' : 'optional')}</span>
                        ) : null}
                      </label>
                      {f.kind === 'choice' ? (
                        <select id={`${action}-${f.name}`} name={f.name} required={!f.optional}>
                          {f.choices.map((choice) => (
                            <option value={choice}>{CHOICE_LABELS[choice]?.[lang] ?? choice}</option>
                          ))}
                        </select>
                      ) : f.name === 'notes' || f.name === 'reason' ? (
                        <textarea id={`${action}-${f.name}`} name={f.name} required={!f.optional} />
                      ) : (
                        <input
                          id={`${action}-${f.name}`}
                          name={f.name}
                          type={f.kind === 'date' ? 'date' : 'text'}
                          required={!f.optional}
                        />
                      )}
                    </div>
                  ))}
                  <div>
                    <button type="submit">{lang === 'zh' ? (definition?.label ?? action) : action}</button>
                  </div>
                </fieldset>
              </form>
            );
          })}
        </section>

        <section class="card" aria-labelledby="stats-title">
          <h2 id="stats-title">{t(lang, 'statistics')}</h2>
          <div class="scroll">
            <table id="stats">
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'department')}</th>
                  <th scope="col" class="num">
                    {t(lang, 'itemsCol')}
                  </th>
                  <th scope="col" class="num">
                    {t(lang, 'materialsCol')}
                  </th>
                  <th scope="col" class="num">
                    {t(lang, 'cancelledCount')}
                  </th>
                  <th scope="col" class="num">
                    {t(lang, 'retained')}
                  </th>
                  <th scope="col" class="num">
                    {t(lang, 'cancellationRate')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {summary.byDepartment.map((d) => (
                  <tr>
                    <th scope="row">{d.department}</th>
                    <td class="num">{d.items}</td>
                    <td class="num">{d.materials}</td>
                    <td class="num">{d.cancelled}</td>
                    <td class="num">{d.retained}</td>
                    <td class="num">{formatRate(d.cancelled, d.materials)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t(lang, 'total')}</th>
                  <td class="num">{summary.items}</td>
                  <td class="num">{summary.materials}</td>
                  <td class="num">{summary.cancelled}</td>
                  <td class="num">{summary.retained}</td>
                  <td class="num">{formatRate(summary.cancelled, summary.materials)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <h3 id="chart-title">{t(lang, 'chartTitle')}</h3>
          <BarChart
            id="category-chart"
            lang={lang}
            title={t(lang, 'chartTitle')}
            bars={categoryIds.map((id) => ({
              label: categoryLabel(lang, id),
              value: summary.byCategory[id] ?? 0,
            }))}
          />
        </section>

        {comments.ok ? (
          <section class="card" aria-labelledby="comments-title">
            <h2 id="comments-title">
              {t(lang, 'comments')}
              {paren(lang, comments.body.length)}
            </h2>
            {comments.body.length === 0 ? <p>{t(lang, 'noComments')}</p> : null}
            {comments.body.map((comment) => (
              <form
                class="inline-form"
                method="post"
                action={withLang(`${path}/comments/${comment.id}/answer`, lang)}
              >
                <p>
                  <strong>#{comment.id}</strong> <span class="small">{comment.materialId}</span>
                  <br />
                  {comment.body}
                  {comment.author ? <span class="small">（{comment.author}）</span> : null}
                </p>
                <label for={`answer-${comment.id}`}>{t(lang, 'answer')}</label>
                <textarea id={`answer-${comment.id}`} name="answer" required />
                <div>
                  <button type="submit">{t(lang, 'answer')}</button>
                </div>
              </form>
            ))}
          </section>
        ) : null}
        <LogoutForm lang={lang} />
      </Layout>,
    );
  });

  app.post('/operator/batches/:batchId/transitions', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const batchId = c.req.param('batchId');
    const form = await c.req.parseBody();
    const action = String(form.action ?? '');
    const body: Record<string, string> = { action };
    for (const f of forms.get(action) ?? []) {
      const value = String(form[f.name] ?? '').trim();
      if (value || !f.optional) body[f.name] = value;
    }
    const result = await withToken(c, 'POST', `/api/batches/${encodeURIComponent(batchId)}/transitions`, {
      json: body,
    });
    if (result instanceof Response) return result;
    const label = TRANSITIONS.find((d) => d.action === action)?.label ?? action;
    setFlash(
      c,
      result.ok
        ? { kind: 'ok', text: lang === 'zh' ? `已完成：${label}` : `Done: ${action}` }
        : { kind: 'error', text: message(lang, result) },
    );
    return c.redirect(withLang(`/operator/batches/${encodeURIComponent(batchId)}`, lang), 303);
  });

  app.post('/operator/batches/:batchId/comments/:commentId/answer', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const batchId = c.req.param('batchId');
    const form = await c.req.parseBody();
    const result = await withToken(
      c,
      'POST',
      `/api/batches/${encodeURIComponent(batchId)}/comments/${encodeURIComponent(c.req.param('commentId'))}/answer`,
      { json: { answer: String(form.answer ?? '') } },
    );
    if (result instanceof Response) return result;
    setFlash(
      c,
      result.ok
        ? { kind: 'ok', text: lang === 'zh' ? '已答复' : 'Answered' }
        : { kind: 'error', text: message(lang, result) },
    );
    return c.redirect(withLang(`/operator/batches/${encodeURIComponent(batchId)}`, lang), 303);
  });

  const AGREEMENTS = ['engine-cancels', 'department-cancels'] as const;

  app.get('/operator/batches/:batchId/review', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const batchId = c.req.param('batchId');
    const base = `/api/batches/${encodeURIComponent(batchId)}`;
    const department = c.req.query('department') ?? '';
    const category = c.req.query('category') ?? '';
    const agreement = AGREEMENTS.find((a) => a === c.req.query('agreement')) ?? 'engine-cancels';
    const page = Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1);
    const batchResult = await withToken<BatchOut>(c, 'GET', base);
    if (batchResult instanceof Response) return batchResult;
    const path = `/operator/batches/${encodeURIComponent(batchId)}/review`;
    const filters = new URLSearchParams({
      agreement,
      ...(department ? { department } : {}),
      ...(category ? { category } : {}),
    });
    const result = batchResult.ok
      ? await withToken<MaterialPage>(
          c,
          'GET',
          `${base}/materials?${filters}&page=${page}&pageSize=${PAGE_SIZE}`,
        )
      : batchResult;
    if (result instanceof Response) return result;
    let flash = takeFlash(c);
    const rows = result.ok ? (result.body as MaterialPage).items : [];
    // A message about a row that left the list (e.g. overridden into agreement) is shown on top.
    if (flash?.target && !rows.some((r) => r.material.id === flash?.target)) {
      flash = { kind: flash.kind, text: flash.text };
    }
    const total = result.ok ? (result.body as MaterialPage).total : 0;
    const batch = batchResult.ok ? batchResult.body : undefined;
    const here = `${path}?${filters}${page > 1 ? `&page=${page}` : ''}`;
    return c.html(
      <Layout lang={lang} title={t(lang, 'consultation')} path={here} flash={flash}>
        <p class="small">
          <a href={withLang(`/operator/batches/${encodeURIComponent(batchId)}`, lang)}>
            ← {batch?.title ?? batchId}
          </a>
        </p>
        <h1>{t(lang, 'consultation')}</h1>
        {!result.ok ? <FlashMessage flash={{ kind: 'error', text: message(lang, result) }} /> : null}
        <form class="search card" method="get" action={path}>
          {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
          <div>
            <label for="agreement">{t(lang, 'agreement')}</label>
            <select id="agreement" name="agreement">
              <option value="engine-cancels" selected={agreement === 'engine-cancels'}>
                {t(lang, 'engineCancels')}
              </option>
              <option value="department-cancels" selected={agreement === 'department-cancels'}>
                {t(lang, 'departmentCancels')}
              </option>
            </select>
          </div>
          <div>
            <label for="f-department">{t(lang, 'department')}</label>
            <select id="f-department" name="department">
              <option value="">{t(lang, 'allDepartments')}</option>
              {(batch?.departments ?? []).map((d) => (
                <option value={d} selected={d === department}>
                  {d}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="f-category">{t(lang, 'category')}</label>
            <select id="f-category" name="category">
              <option value="">{t(lang, 'allCategories')}</option>
              {[...categories.keys()].map((id) => (
                <option value={id} selected={id === category}>
                  {categoryLabel(lang, id)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button type="submit">{t(lang, 'filter')}</button>
          </div>
        </form>
        <p role="status">
          {t(lang, 'of')} {total}
          {lang === 'zh' ? ' 项' : ''} · {t(lang, 'showing')}{' '}
          {rows.length === 0 ? 0 : (page - 1) * PAGE_SIZE + 1}–{(page - 1) * PAGE_SIZE + rows.length}
        </p>
        {rows.map((row) => (
          <ReviewRow
            row={row}
            lang={lang}
            action={withLang(
              `/operator/batches/${encodeURIComponent(batchId)}/materials/${encodeURIComponent(row.material.id)}/review?${filters}${page > 1 ? `&page=${page}` : ''}`,
              lang,
            )}
            categories={[...categories.keys()].map((id) => ({ id, label: categoryLabel(lang, id) }))}
            categoryLabel={(id) => categoryLabel(lang, id)}
            flash={flash?.target === row.material.id ? flash : undefined}
          />
        ))}
        <nav aria-label={lang === 'zh' ? '分页' : 'Pages'} class="meta">
          {page > 1 ? <a href={withLang(`${path}?${filters}&page=${page - 1}`, lang)}>← {page - 1}</a> : null}
          {page * PAGE_SIZE < total ? (
            <a href={withLang(`${path}?${filters}&page=${page + 1}`, lang)}>{page + 1} →</a>
          ) : null}
        </nav>
      </Layout>,
    );
  });

  app.post('/operator/batches/:batchId/materials/:materialId/review', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const batchId = c.req.param('batchId');
    const materialId = c.req.param('materialId');
    const form = await c.req.parseBody();
    const note = String(form.note ?? '');
    const input =
      form.action === 'override'
        ? {
            action: 'override',
            verdict: String(form.verdict ?? ''),
            ...(form.verdict === 'cancel' && form.category ? { category: String(form.category) } : {}),
            ...(String(form.replacement ?? '').trim()
              ? { replacement: String(form.replacement).trim() }
              : {}),
            note,
          }
        : { action: 'confirm', note };
    const result = await withToken<MaterialOut>(
      c,
      'POST',
      `/api/batches/${encodeURIComponent(batchId)}/materials/${encodeURIComponent(materialId)}/review`,
      { json: input, headers: { 'if-match': `"${String(form.version ?? '')}"` } },
    );
    if (result instanceof Response) return result;
    const name = String(form.name ?? materialId);
    const flash: Flash = result.ok
      ? {
          kind: 'ok',
          text:
            lang === 'zh'
              ? `已保存：${name}（${statusLabel(lang, result.body.decision.status)}）`
              : `Saved: ${name}`,
          target: materialId,
        }
      : { kind: 'error', text: `${name}${colon(lang)}${message(lang, result)}`, target: materialId };
    setFlash(c, flash);
    const back = new URL(c.req.url);
    back.pathname = `/operator/batches/${encodeURIComponent(batchId)}/review`;
    return c.redirect(`${back.pathname}${back.search}#m-${materialId}`, 303);
  });

  return app;
}

function ReviewRow(props: {
  row: MaterialOut;
  lang: Lang;
  action: string;
  categories: Array<{ id: string; label: string }>;
  categoryLabel: (id: string | null) => string;
  flash: Flash | undefined;
}) {
  const { row, lang } = props;
  const { material: m, decision: d } = row;
  const id = m.id;
  return (
    <article class="card" id={`m-${id}`} aria-labelledby={`t-${id}`}>
      <h2 id={`t-${id}`} style="font-size:1.05rem">
        {m.name}{' '}
        <span class="small">
          · {m.item.name} · {m.item.department}
        </span>
      </h2>
      <ul class="meta">
        <li>
          {t(lang, 'engine')}
          {colon(lang)}
          <strong>{t(lang, d.verdict)}</strong>
          {d.category ? `（${props.categoryLabel(d.category)}）` : ''}
          {d.ruleId ? ` [${d.ruleId}]` : ''}
        </li>
        <li>
          {t(lang, 'departmentProposal')}
          {colon(lang)}
          {m.departmentProposal === 'unknown' ? '—' : t(lang, m.departmentProposal)}
          {m.proposedMethod ? `（${m.proposedMethod}）` : ''}
        </li>
        <li>
          {t(lang, 'status')}
          {colon(lang)}
          <span class="status">{statusLabel(lang, d.status)}</span>
          {d.note ? `（${d.note}）` : ''}
        </li>
        <li>
          {t(lang, 'version')} {row.version}
        </li>
      </ul>
      <p class="small">
        {t(lang, 'reason')}
        {colon(lang)}
        {d.reason}
      </p>
      {props.flash ? <FlashMessage flash={props.flash} /> : null}
      <div class="row-forms">
        <form class="inline-form" method="post" action={props.action}>
          <input type="hidden" name="action" value="confirm" />
          <input type="hidden" name="version" value={String(row.version)} />
          <input type="hidden" name="name" value={m.name} />
          <label for={`confirm-note-${id}`}>{t(lang, 'note')}</label>
          <input id={`confirm-note-${id}`} name="note" required maxlength={2000} />
          <div>
            <button type="submit">{t(lang, 'confirm')}</button>
          </div>
        </form>
        <form class="inline-form" method="post" action={props.action}>
          <input type="hidden" name="action" value="override" />
          <input type="hidden" name="version" value={String(row.version)} />
          <input type="hidden" name="name" value={m.name} />
          <label for={`verdict-${id}`}>{t(lang, 'verdict')}</label>
          <select id={`verdict-${id}`} name="verdict">
            <option value="retain" selected={d.verdict === 'cancel'}>
              {t(lang, 'retain')}
            </option>
            <option value="cancel" selected={d.verdict === 'retain'}>
              {t(lang, 'cancel')}
            </option>
          </select>
          <label for={`category-${id}`}>
            {t(lang, 'category')}{' '}
            <span class="hint">{lang === 'zh' ? '（改为取消时必选）' : '(needed for cancel)'}</span>
          </label>
          <select id={`category-${id}`} name="category">
            <option value="">—</option>
            {props.categories.map((cat) => (
              <option value={cat.id} selected={cat.id === d.category}>
                {cat.label}
              </option>
            ))}
          </select>
          <label for={`replacement-${id}`}>{t(lang, 'replacement')}</label>
          <input id={`replacement-${id}`} name="replacement" maxlength={500} />
          <label for={`override-note-${id}`}>{t(lang, 'note')}</label>
          <input id={`override-note-${id}`} name="note" required maxlength={2000} />
          <div>
            <button type="submit">{t(lang, 'override')}</button>
          </div>
        </form>
      </div>
    </article>
  );
}
