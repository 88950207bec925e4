import { CASE_OUTCOME_ZH, CASE_STATUS_ZH, type CaseState, formatLocalDateTime } from '@jianzheng/core';
import { Hono } from 'hono';
import { callApi } from '../api-client';
import type { PageModule } from '../deps';
import { type Lang, langOf } from '../i18n';
import { Layout, withLang } from '../layout';
import { setFlash, takeFlash } from '../session';
import { refusedForm } from './form-state';
import { itemView } from './item';

const STATE_EN: Record<CaseState, string> = {
  assigned: 'with the department',
  overdue: 'overdue',
  answered: 'answered by the department',
  closed: 'closed',
};

interface PublicCase {
  number: string;
  state: CaseState;
  materialName: string;
  itemName: string;
  department: string;
  reportedAt: string;
  dueOn: string;
  outcome: 'rectified' | 'not-applicable' | null;
  answer: string | null;
}

function CaseStatus({
  found,
  lang,
  timeZone,
}: {
  found: PublicCase;
  lang: Lang;
  timeZone?: string | undefined;
}) {
  const zh = lang === 'zh';
  return (
    <dl class="card">
      <dt>{zh ? '督查件编号' : 'Case number'}</dt>
      <dd>
        <strong id="case-number">{found.number}</strong>
      </dd>
      <dt>{zh ? '状态' : 'Status'}</dt>
      <dd id="case-state">{zh ? CASE_STATUS_ZH[found.state] : STATE_EN[found.state]}</dd>
      <dt>{zh ? '材料' : 'Material'}</dt>
      <dd>
        {found.materialName}（{found.itemName}，{found.department}）
      </dd>
      <dt>{zh ? '受理时间' : 'Reported'}</dt>
      <dd>{formatLocalDateTime(found.reportedAt, timeZone, { style: 'date' })}</dd>
      <dt>{zh ? '答复期限' : 'Answer due'}</dt>
      <dd>{found.dueOn}</dd>
      {found.outcome ? (
        <>
          <dt>{zh ? '部门答复' : 'Answer'}</dt>
          <dd>
            {CASE_OUTCOME_ZH[found.outcome]}
            {found.answer ? `：${found.answer}` : ''}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** The public side of supervision: the form's relay and the status page of a case number. */
export const caseReportPages: PageModule = (deps) => {
  const app = new Hono();
  const { api, notFound } = deps;
  const view = itemView(deps);

  app.post('/items/:batchId/:slug/cases', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const batchId = c.req.param('batchId');
    const back = withLang(`/items/${encodeURIComponent(batchId)}/${c.req.param('slug')}`, lang);
    const form = await c.req.parseBody();
    const text = (key: string) => String(form[key] ?? '').trim();
    const contact = text('contact');
    const result = await callApi<PublicCase>(
      api,
      c,
      'POST',
      `/api/batches/${encodeURIComponent(batchId)}/materials/${encodeURIComponent(text('materialId'))}/cases`,
      {
        json: {
          place: text('place'),
          happenedOn: text('happenedOn'),
          description: text('description'),
          ...(contact ? { contact } : {}),
        },
      },
    );
    if (!result.ok && Object.keys(result.fieldErrors).length > 0) {
      // What the reader typed stays on the page with the refused field marked (no redirect).
      const shown = await view.find(batchId, c.req.param('slug'));
      if (shown) {
        const values = Object.fromEntries(
          ['materialId', 'place', 'happenedOn', 'description', 'contact'].map((k) => [
            k,
            String(form[k] ?? ''),
          ]),
        );
        return view.page(c, lang, shown, { report: refusedForm(result, values, lang) }, 422);
      }
    }
    if (!result.ok) {
      setFlash(c, {
        kind: 'error',
        text: lang === 'zh' ? result.message : result.messageEn,
        target: 'report',
      });
      return c.redirect(`${back}#report`, 303);
    }
    setFlash(c, {
      kind: 'ok',
      text:
        lang === 'zh'
          ? `已受理，督查件编号 ${result.body.number}，请保存以便查询进度。`
          : `Received: case ${result.body.number}. Keep the number to follow it.`,
    });
    return c.redirect(withLang(`/cases/${result.body.number}`, lang), 303);
  });

  app.get('/cases', (c) => {
    const lang = langOf(c.req.query('lang'));
    const number = (c.req.query('number') ?? '').trim();
    if (number) return c.redirect(withLang(`/cases/${encodeURIComponent(number)}`, lang), 303);
    return c.html(
      <Layout lang={lang} title={lang === 'zh' ? '督查件查询' : 'Case lookup'} path="/cases">
        <h1>{lang === 'zh' ? '督查件查询' : 'Case lookup'}</h1>
        <form class="card inline-form" method="get" action="/cases">
          {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
          <label for="number">{lang === 'zh' ? '督查件编号' : 'Case number'}</label>
          <input id="number" name="number" required maxlength={30} />
          <div>
            <button type="submit">{lang === 'zh' ? '查询' : 'Look up'}</button>
          </div>
        </form>
      </Layout>,
    );
  });

  app.get('/cases/:number', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const number = c.req.param('number');
    if (!/^DC\d{10,}$/i.test(number)) return notFound(c);
    const result = await callApi<PublicCase>(api, c, 'GET', `/api/cases/${encodeURIComponent(number)}`);
    if (!result.ok) return notFound(c);
    return c.html(
      <Layout
        lang={lang}
        title={result.body.number}
        path={`/cases/${result.body.number}`}
        flash={takeFlash(c)}
      >
        <h1>{lang === 'zh' ? '督查件' : 'Supervision case'}</h1>
        <CaseStatus found={result.body} lang={lang} timeZone={deps.timeZone} />
      </Layout>,
    );
  });

  return app;
};
