import { FROZEN_STAGES } from '@jianzheng/core';
import { Hono } from 'hono';
import type { PageModule } from '../deps';
import { t } from '../i18n';
import { FlashMessage, withLang } from '../layout';
import { type Flash, setFlash } from '../session';
import type { BatchOut } from './batch';
import { BatchTabs, OperatorLayout, Pager } from './components';
import { apiBatch, batchPath, may, operatorRequest, problemText } from './guard';
import { DecisionSummary, type MaterialOut } from './review-row';

type MaterialPage = { total: number; items: MaterialOut[] };
const PAGE_SIZE = 50;

/**
 * A department's own materials: the engine's proposal beside their 清理意见, the trace, and a note
 * the department may add to each (谁设定，谁清理: the API refuses other departments' materials).
 */
export const departmentMaterialPages: PageModule = (deps) => {
  const app = new Hono();

  app.get('/operator/batches/:batchId/materials', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    const { lang, me } = op;
    const batchId = c.req.param('batchId');
    const page = Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1);
    const path = batchPath(batchId, '/materials');
    const batch = await op.call<BatchOut>('GET', apiBatch(batchId));
    if (!batch.ok) return deps.notFound(c);
    const department = me.department ?? c.req.query('department') ?? '';
    const query = new URLSearchParams({
      ...(department ? { department } : {}),
      page: String(page),
      pageSize: String(PAGE_SIZE),
    });
    const result = await op.call<MaterialPage>('GET', apiBatch(batchId, `/materials?${query}`));
    const rows = result.ok ? result.body.items : [];
    const canAnnotate = may(me, 'annotate') && !FROZEN_STAGES.includes(batch.body.stage);
    return c.html(
      <OperatorLayout lang={lang} me={me} title={t(lang, 'ourMaterials')} path={path} flash={op.flash}>
        <h1>
          {t(lang, 'ourMaterials')} · {department || batch.body.title}
        </h1>
        <BatchTabs lang={lang} me={me} batchId={batchId} stage={batch.body.stage} current="/materials" />
        {!result.ok ? <FlashMessage flash={{ kind: 'error', text: problemText(lang, result) }} /> : null}
        <p role="status">
          {t(lang, 'of')} {result.ok ? result.body.total : 0}
        </p>
        {rows.map((row) => {
          const m = row.material;
          const flash: Flash | undefined = op.flash?.target === m.id ? op.flash : undefined;
          return (
            <article class="card" id={`m-${m.id}`} aria-labelledby={`t-${m.id}`}>
              <h2 id={`t-${m.id}`} style="font-size:1.05rem">
                {m.name} <span class="small">· {m.item.name}</span>
              </h2>
              <DecisionSummary deps={deps} lang={lang} row={row} />
              {flash ? <FlashMessage flash={flash} /> : null}
              {canAnnotate ? (
                <form
                  class="inline-form"
                  method="post"
                  action={withLang(
                    batchPath(batchId, `/materials/${encodeURIComponent(m.id)}/annotation`),
                    lang,
                  )}
                >
                  <input type="hidden" name="version" value={String(row.version)} />
                  <label for={`note-${m.id}`}>{t(lang, 'annotation')}</label>
                  <textarea id={`note-${m.id}`} name="note" required maxlength={2000}>
                    {row.annotation?.note ?? ''}
                  </textarea>
                  <div>
                    <button type="submit">{t(lang, 'saveAnnotation')}</button>
                  </div>
                </form>
              ) : null}
            </article>
          );
        })}
        <Pager
          lang={lang}
          page={page}
          pageSize={PAGE_SIZE}
          total={result.ok ? result.body.total : 0}
          href={(p) => withLang(`${path}?page=${p}`, lang)}
        />
      </OperatorLayout>,
    );
  });

  app.post('/operator/batches/:batchId/materials/:materialId/annotation', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    const { lang } = op;
    const batchId = c.req.param('batchId');
    const materialId = c.req.param('materialId');
    const form = await c.req.parseBody();
    const result = await op.call(
      'PUT',
      apiBatch(batchId, `/materials/${encodeURIComponent(materialId)}/annotation`),
      { json: { note: String(form.note ?? '') }, headers: { 'if-match': `"${String(form.version ?? '')}"` } },
    );
    setFlash(c, {
      kind: result.ok ? 'ok' : 'error',
      text: result.ok ? t(lang, 'saveAnnotation') : problemText(lang, result),
      target: materialId,
    });
    return c.redirect(`${withLang(batchPath(batchId, '/materials'), lang)}#m-${materialId}`, 303);
  });

  return app;
};
