import type { Decision, Material } from '@jianzheng/core';
import { FROZEN_STAGES } from '@jianzheng/core';
import { Hono } from 'hono';
import { categoryLabel, type PageModule } from '../deps';
import { colon, type Lang, paren, t } from '../i18n';
import { FlashMessage, withLang } from '../layout';
import { setFlash } from '../session';
import type { BatchOut } from './batch';
import { BatchTabs, OperatorLayout } from './components';
import { apiBatch, batchPath, may, operatorRequest, problemText } from './guard';
import { createPendingUploads } from './pending-uploads';

interface Issue {
  severity: 'error' | 'warning' | 'info';
  sheet: string | null;
  row: number | null;
  column: string | null;
  message: string;
  messageEn: string;
}

interface FileReport {
  file: string;
  ok: boolean;
  departments: string[];
  issues: Issue[];
  materials: Array<{ material: Material; decision: Decision }>;
}

// Progressive enhancement: without script the form posts as usual; with it, a progress bar.
// The page the upload leads to is shown from the upload's own response: loading it again would
// find its message (a one-time flash, e.g. a refused department) already taken.
const UPLOAD_JS = `document.querySelectorAll('form[data-upload]').forEach(function(form){
form.addEventListener('submit',function(ev){if(!window.FormData||!window.XMLHttpRequest)return;ev.preventDefault();
var bar=form.querySelector('progress');var out=form.querySelector('output');bar.hidden=false;
var xhr=new XMLHttpRequest();xhr.open('POST',form.action);
xhr.upload.onprogress=function(e){if(e.lengthComputable){bar.max=e.total;bar.value=e.loaded;out.textContent=Math.round(e.loaded*100/e.total)+'%';}};
xhr.onload=function(){var url=xhr.responseURL||form.action;if(!xhr.responseText){location.href=url;return;}history.pushState(null,'',url);document.open();document.write(xhr.responseText);document.close();};
xhr.onerror=function(){form.submit();};xhr.send(new FormData(form));});});`;

function where(lang: Lang, issue: Issue): string {
  const parts: string[] = [];
  if (issue.sheet) parts.push(lang === 'zh' ? `工作表「${issue.sheet}」` : `sheet "${issue.sheet}"`);
  if (issue.row !== null) parts.push(lang === 'zh' ? `第 ${issue.row} 行` : `row ${issue.row}`);
  if (issue.column) parts.push(lang === 'zh' ? `${issue.column} 列` : `column ${issue.column}`);
  return parts.join(lang === 'zh' ? ' ' : ', ') || '—';
}

function FileSection({
  lang,
  report,
  deps,
}: {
  lang: Lang;
  report: FileReport;
  deps: Parameters<PageModule>[0];
}) {
  const errors = report.issues.filter((i) => i.severity === 'error');
  const others = report.issues.filter((i) => i.severity !== 'error');
  const cancels = report.materials.filter((m) => m.decision.verdict === 'cancel');
  return (
    <section class={`card file ${report.ok ? 'ok' : 'failed'}`} aria-label={report.file}>
      <h2>
        {report.file}
        {report.departments.length ? ` · ${report.departments.join('、')}` : ''}
      </h2>
      <p class={`msg ${report.ok ? 'ok' : 'error'}`}>
        {report.ok ? t(lang, 'fileOk') : t(lang, 'fileFailed')}
        {report.ok ? ` · ${report.materials.length} ${t(lang, 'materials')}` : ''}
      </p>
      {[
        { key: 'errors' as const, list: errors },
        { key: 'warnings' as const, list: others },
      ].map(({ key, list }) =>
        list.length === 0 ? null : (
          <div class="scroll">
            <table class={`issues ${key}`}>
              <caption>
                {t(lang, key)}
                {paren(lang, list.length)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'where')}</th>
                  <th scope="col">{t(lang, 'messageCol')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((issue) => (
                  <tr>
                    <td>{where(lang, issue)}</td>
                    <td>{lang === 'zh' ? issue.message : issue.messageEn}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ),
      )}
      {cancels.length > 0 ? (
        <div class="scroll">
          <table class="cancels">
            <caption>
              {t(lang, 'willCancel')}
              {paren(lang, cancels.length)}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t(lang, 'item')}</th>
                <th scope="col">{t(lang, 'material')}</th>
                <th scope="col">{t(lang, 'category')}</th>
                <th scope="col">{t(lang, 'whyCol')}</th>
                <th scope="col">{t(lang, 'departmentProposal')}</th>
              </tr>
            </thead>
            <tbody>
              {cancels.map(({ material: m, decision: d }) => (
                <tr>
                  <td>{m.item.name}</td>
                  <td>{m.name}</td>
                  <td>{categoryLabel(deps, lang, d.category)}</td>
                  <td>{d.reason}</td>
                  <td>{m.departmentProposal === 'unknown' ? '—' : t(lang, m.departmentProposal)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** The clerk's upload: template, upload with progress, the dry-run report, then confirm. */
export const uploadPages: PageModule = (deps) => {
  const app = new Hono();
  const pending = createPendingUploads<FileReport[]>(deps.pendingUploads);

  app.get('/assets/upload.js', (c) =>
    c.body(UPLOAD_JS, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'max-age=3600',
    }),
  );

  app.get('/operator/batches/:batchId/template', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    const department = c.req.query('department');
    const query = department ? `?${new URLSearchParams({ department })}` : '';
    return op.fetch(apiBatch(c.req.param('batchId'), `/template${query}`));
  });

  app.get('/operator/batches/:batchId/upload', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    const { lang, me } = op;
    const batchId = c.req.param('batchId');
    const batch = await op.call<BatchOut>('GET', apiBatch(batchId));
    if (!batch.ok || !may(me, 'import')) return deps.notFound(c);
    const b = batch.body;
    // Under legal review and once approved the list is frozen: nothing to upload or confirm.
    const editable = !FROZEN_STAGES.includes(b.stage);
    const pendingId = c.req.query('pending');
    const entry = pendingId ? pending.get(pendingId, op.owner, batchId) : undefined;
    const departments = me.department ? [me.department] : b.departments;
    const path = batchPath(batchId, '/upload');
    return c.html(
      <OperatorLayout lang={lang} me={me} title={t(lang, 'upload')} path={path} flash={op.flash}>
        <h1>
          {t(lang, 'upload')} · {b.title}
        </h1>
        <BatchTabs lang={lang} me={me} batchId={batchId} stage={b.stage} current="/upload" />
        {pendingId && !entry ? (
          <FlashMessage flash={{ kind: 'error', text: t(lang, 'uploadExpired') }} />
        ) : null}
        {entry ? (
          <>
            <h2 id="report">{t(lang, 'report')}</h2>
            {entry.report.map((report) => (
              <FileSection lang={lang} report={report} deps={deps} />
            ))}
            {editable && entry.report.some((r) => r.ok) ? (
              <form class="card inline-form" method="post" action={withLang(`${path}/confirm`, lang)}>
                <input type="hidden" name="pending" value={pendingId} />
                <p>
                  {entry.report
                    .filter((r) => r.ok)
                    .map((r) => r.file)
                    .join('、')}
                </p>
                <div>
                  <button type="submit">{t(lang, 'confirmImport')}</button>
                </div>
              </form>
            ) : null}
          </>
        ) : null}
        <section class="card" aria-labelledby="template-title">
          <h2 id="template-title">{t(lang, 'templateFor')}</h2>
          <ul>
            {departments.map((d) => (
              <li>
                <a
                  href={withLang(
                    `${batchPath(batchId, '/template')}?${new URLSearchParams({ department: d })}`,
                    lang,
                  )}
                  download
                >
                  {t(lang, 'template')} · {d}
                </a>
              </li>
            ))}
          </ul>
        </section>
        {editable ? (
          <section class="card" aria-labelledby="upload-title">
            <h2 id="upload-title">{entry ? t(lang, 'reupload') : t(lang, 'upload')}</h2>
            <form
              class="inline-form"
              method="post"
              enctype="multipart/form-data"
              action={withLang(path, lang)}
              data-upload
            >
              <label for="files">
                {t(lang, 'uploadFiles')} <span class="hint">{t(lang, 'uploadHint')}</span>
              </label>
              <input id="files" name="files" type="file" multiple required />
              <progress hidden value={0} max={1} aria-label={t(lang, 'uploading')} />
              <output aria-live="polite" />
              <div>
                <button type="submit">{t(lang, 'check')}</button>
              </div>
            </form>
          </section>
        ) : (
          <p class="msg error">{t(lang, 'listFrozen')}</p>
        )}
        <script src="/assets/upload.js" defer />
      </OperatorLayout>,
    );
  });

  app.post('/operator/batches/:batchId/upload', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    const { lang } = op;
    const batchId = c.req.param('batchId');
    const path = batchPath(batchId, '/upload');
    const form = await c.req.parseBody({ all: true });
    const files = ([] as unknown[])
      .concat(form.files ?? [])
      .filter((f): f is File => f instanceof File && f.size > 0);
    // Past the cap of held reports, refused before anything is parsed (and again after, by size).
    const group = op.me.department ?? op.owner;
    const fileBytes = files.reduce((n, f) => n + f.size, 0);
    const refuse = () => {
      setFlash(c, { kind: 'error', text: t(lang, 'uploadsHeldFull') });
      return c.redirect(withLang(path, lang), 303);
    };
    // What is left for the report once the files are held: the API refuses a larger one (413)
    // before building it, so a report the page could not hold is never made.
    const reportRoom = pending.space(op.owner, group, batchId) - fileBytes;
    if (reportRoom <= 0) return refuse();
    const held = [];
    const body = new FormData();
    for (const file of files) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      held.push({ name: file.name, type: file.type, bytes });
      body.append('files', new File([bytes], file.name, { type: file.type }));
    }
    const result = await op.call<{ files: FileReport[] }>(
      'POST',
      apiBatch(batchId, `/imports/preview?maxReportBytes=${Math.floor(reportRoom)}`),
      { body },
    );
    if (!result.ok) {
      setFlash(c, { kind: 'error', text: problemText(lang, result) });
      return c.redirect(withLang(path, lang), 303);
    }
    const id = pending.put({ owner: op.owner, group, batchId, files: held, report: result.body.files });
    if (id === undefined) return refuse();
    return c.redirect(`${withLang(path, lang)}${lang === 'en' ? '&' : '?'}pending=${id}#report`, 303);
  });

  app.post('/operator/batches/:batchId/upload/confirm', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    const { lang } = op;
    const batchId = c.req.param('batchId');
    const path = batchPath(batchId, '/upload');
    const form = await c.req.parseBody();
    const id = String(form.pending ?? '');
    const entry = pending.get(id, op.owner, batchId);
    if (!entry) {
      setFlash(c, { kind: 'error', text: t(lang, 'uploadExpired') });
      return c.redirect(withLang(path, lang), 303);
    }
    // Only the files the report found importable: a failed one would import nothing anyway.
    const good = new Set(entry.report.filter((r) => r.ok).map((r) => r.file));
    const body = new FormData();
    for (const f of entry.files.filter((f) => good.has(f.name)))
      body.append('files', new File([f.bytes], f.name, { type: f.type }));
    const result = await op.call<{ files: Array<{ file: string; materials: number }> }>(
      'POST',
      apiBatch(batchId, '/imports'),
      { body },
    );
    pending.delete(id);
    setFlash(
      c,
      result.ok
        ? {
            kind: 'ok',
            text: `${t(lang, 'imported')}${colon(lang)}${result.body.files.map((f) => `${f.file}${paren(lang, `${f.materials} ${t(lang, 'materials')}`)}`).join('、')}`,
          }
        : { kind: 'error', text: problemText(lang, result) },
    );
    return c.redirect(withLang(path, lang), 303);
  });

  return app;
};
