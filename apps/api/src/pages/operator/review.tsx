import { FROZEN_STAGES } from '@jianzheng/core';
import { Hono } from 'hono';
import { categoryLabel, type PageModule } from '../deps';
import { colon, statusLabel, t } from '../i18n';
import { agreementLabel } from '../labels-workflow';
import { FlashMessage, withLang } from '../layout';
import { type Flash, setFlash } from '../session';
import type { BatchOut } from './batch';
import { BatchTabs, OperatorLayout, Pager } from './components';
import { apiBatch, batchPath, may, operatorRequest, problemText } from './guard';
import { type MaterialOut, ReviewRow } from './review-row';

type MaterialPage = { total: number; page: number; pageSize: number; items: MaterialOut[] };

const PAGE_SIZE = 50;
// Disagreements first: they are what the review is for.
const AGREEMENTS = ['engine-cancels', 'department-cancels', 'no-proposal', 'agree'] as const;
const STATUSES = ['proposed', 'confirmed', 'overridden'] as const;

/** The review queue (filters, trace, confirm / 改判 with If-Match, bulk confirm) and its form posts. */
export const reviewPages: PageModule = (deps) => {
  const app = new Hono();

  app.get('/operator/batches/:batchId/review', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    const { lang, me } = op;
    const batchId = c.req.param('batchId');
    const department = c.req.query('department') ?? '';
    const category = c.req.query('category') ?? '';
    const agreement = AGREEMENTS.find((a) => a === c.req.query('agreement')) ?? 'engine-cancels';
    const status = STATUSES.find((s) => s === c.req.query('status')) ?? '';
    const page = Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1);
    const path = batchPath(batchId, '/review');
    const batch = await op.call<BatchOut>('GET', apiBatch(batchId));
    const filters = new URLSearchParams({
      agreement,
      ...(department ? { department } : {}),
      ...(category ? { category } : {}),
      ...(status ? { status } : {}),
    });
    const result = batch.ok
      ? await op.call<MaterialPage>(
          'GET',
          apiBatch(batchId, `/materials?${filters}&page=${page}&pageSize=${PAGE_SIZE}`),
        )
      : batch;
    let flash = op.flash;
    const rows = result.ok ? (result.body as MaterialPage).items : [];
    // A message about a row that left this list (e.g. overridden into agreement) is shown on top.
    if (flash?.target && !rows.some((r) => r.material.id === flash?.target)) {
      flash = { kind: flash.kind, text: flash.text };
    }
    const total = result.ok ? (result.body as MaterialPage).total : 0;
    const b = batch.ok ? batch.body : undefined;
    // Forms only for a role that may review, and only while the list may change.
    const canReview = may(me, 'review') && b !== undefined && !FROZEN_STAGES.includes(b.stage);
    const here = `${path}?${filters}${page > 1 ? `&page=${page}` : ''}`;
    const bulk = rows.filter((r) => r.decision.agreement === 'agree' && r.decision.status === 'proposed');
    return c.html(
      <OperatorLayout lang={lang} me={me} title={t(lang, 'consultation')} path={here} flash={flash}>
        <h1>
          {t(lang, 'consultation')}
          {b ? ` · ${b.title}` : ''}
        </h1>
        {b ? <BatchTabs lang={lang} me={me} batchId={batchId} stage={b.stage} current="/review" /> : null}
        {!result.ok ? <FlashMessage flash={{ kind: 'error', text: problemText(lang, result) }} /> : null}
        <form class="search card filters" method="get" action={path}>
          {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
          <div>
            <label for="agreement">{t(lang, 'agreement')}</label>
            <select id="agreement" name="agreement">
              {AGREEMENTS.map((a) => (
                <option value={a} selected={a === agreement}>
                  {agreementLabel(lang, a)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="f-department">{t(lang, 'department')}</label>
            <select id="f-department" name="department">
              <option value="">{t(lang, 'allDepartments')}</option>
              {(b?.departments ?? []).map((d) => (
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
              {[...deps.categories.keys()].map((id) => (
                <option value={id} selected={id === category}>
                  {categoryLabel(deps, lang, id)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="f-status">{t(lang, 'status')}</label>
            <select id="f-status" name="status">
              <option value="">{t(lang, 'allStatuses')}</option>
              {STATUSES.map((s) => (
                <option value={s} selected={s === status}>
                  {statusLabel(lang, s)}
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
        {canReview && bulk.length > 0 ? (
          <form
            class="card inline-form"
            method="post"
            action={withLang(`${path}/bulk-confirm?${filters}`, lang)}
            id="bulk"
          >
            <h2>{t(lang, 'bulkConfirm')}</h2>
            <p class="small">
              {t(lang, 'bulkConfirmHint')} ({bulk.length})
            </p>
            {bulk.map((r) => (
              <input type="hidden" name="m" value={`${r.material.id}:${r.version}`} />
            ))}
            <label for="bulk-note">{t(lang, 'note')}</label>
            <input id="bulk-note" name="note" required maxlength={2000} />
            <div>
              <button type="submit">{t(lang, 'bulkConfirm')}</button>
            </div>
          </form>
        ) : null}
        {rows.map((row) => (
          <ReviewRow
            deps={deps}
            row={row}
            lang={lang}
            action={withLang(
              `${batchPath(batchId, `/materials/${encodeURIComponent(row.material.id)}/review`)}?${filters}${page > 1 ? `&page=${page}` : ''}`,
              lang,
            )}
            flash={flash?.target === row.material.id ? flash : undefined}
            editable={canReview}
          />
        ))}
        <Pager
          lang={lang}
          page={page}
          pageSize={PAGE_SIZE}
          total={total}
          href={(p) => withLang(`${path}?${filters}&page=${p}`, lang)}
        />
      </OperatorLayout>,
    );
  });

  app.post('/operator/batches/:batchId/materials/:materialId/review', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    const { lang } = op;
    const batchId = c.req.param('batchId');
    const materialId = c.req.param('materialId');
    const form = await c.req.parseBody();
    const note = String(form.note ?? '');
    const fields: Record<string, string> =
      form.action === 'override'
        ? {
            action: 'override',
            verdict: String(form.verdict ?? ''),
            ...(form.verdict === 'cancel' && form.category ? { category: String(form.category) } : {}),
            ...(String(form.replacement ?? '').trim()
              ? { replacement: String(form.replacement).trim() }
              : {}),
            ...(String(form.publicReason ?? '').trim()
              ? { publicReason: String(form.publicReason).trim() }
              : {}),
            note,
          }
        : { action: 'confirm', note };
    const result = await op.call<MaterialOut>(
      'POST',
      apiBatch(batchId, `/materials/${encodeURIComponent(materialId)}/review`),
      { json: fields, headers: { 'if-match': `"${String(form.version ?? '')}"` } },
    );
    const name = String(form.name ?? '').slice(0, 200) || materialId;
    let flash: Flash;
    if (result.ok) {
      flash = {
        kind: 'ok',
        text: `${lang === 'zh' ? '已保存' : 'Saved'}${colon(lang)}${name}（${statusLabel(lang, result.body.decision.status)}）`,
        target: materialId,
      };
    } else {
      flash = {
        kind: 'error',
        text: `${name}${colon(lang)}${problemText(lang, result)}`,
        target: materialId,
      };
      // What was sent comes back with the current version, to compare and reapply (the note is
      // cut to keep the message cookie small; the reapply form shows it for editing).
      if (result.status === 409) flash.retry = { ...fields, note: note.slice(0, 300) };
    }
    setFlash(c, flash);
    const back = new URL(c.req.url);
    return c.redirect(`${batchPath(batchId, '/review')}${back.search}#m-${materialId}`, 303);
  });

  app.post('/operator/batches/:batchId/review/bulk-confirm', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    const { lang } = op;
    const batchId = c.req.param('batchId');
    const form = await c.req.parseBody({ all: true });
    const entries = ([] as unknown[])
      .concat(form.m ?? [])
      .map(String)
      .slice(0, 500);
    const note = String(form.note ?? '');
    let done = 0;
    const failed: string[] = [];
    // One API review per decision: each is checked against its own version and audited on its own.
    for (const entry of entries) {
      const [id, version] = entry.split(':');
      const result = await op.call(
        'POST',
        apiBatch(batchId, `/materials/${encodeURIComponent(id ?? '')}/review`),
        {
          json: { action: 'confirm', note },
          headers: { 'if-match': `"${version ?? ''}"` },
        },
      );
      if (result.ok) done++;
      else failed.push(problemText(lang, result));
    }
    setFlash(c, {
      kind: failed.length ? 'error' : 'ok',
      text: `${t(lang, 'bulkDone')}${colon(lang)}${done}${failed.length ? ` · ${failed.length} ✗ ${failed[0]}` : ''}`,
    });
    const back = new URL(c.req.url);
    return c.redirect(`${batchPath(batchId, '/review')}${back.search}`, 303);
  });

  return app;
};
