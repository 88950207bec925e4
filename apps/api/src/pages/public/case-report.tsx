import {
  CASE_LIMITS,
  CASE_OUTCOME_ZH,
  CASE_STATUS_ZH,
  type CaseState,
  formatLocalDateTime,
} from '@jianzheng/core';
import { Hono } from 'hono';
import { callApi } from '../api-client';
import type { PageModule } from '../deps';
import { type Lang, langOf } from '../i18n';
import { FlashMessage, Layout, withLang } from '../layout';
import { type Flash, setFlash, takeFlash } from '../session';

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

/**
 * “仍被要求提交？” — the report form under a published item's cancelled materials (domain.md §12).
 * A plain form (no script): it posts to `/items/…/cases`, which relays it to the cases API.
 */
export function CaseReportForm(props: {
  lang: Lang;
  action: string;
  materials: ReadonlyArray<{ id: string; name: string }>;
  flash: Flash | undefined;
}) {
  const { lang } = props;
  if (props.materials.length === 0) return null;
  const zh = lang === 'zh';
  return (
    <section class="card" id="report" aria-labelledby="report-title">
      <h2 id="report-title">{zh ? '仍被要求提交？' : 'Still asked for a cancelled material?'}</h2>
      <p class="small">
        {zh
          ? '如果办事窗口仍要求您提交以上已取消的材料，请告诉我们。我们会转交实施部门限期整改，您可凭督查件编号查询进度。联系方式仅供工作人员回访，不会公开。'
          : 'Tell us if a window still demands a cancelled material. The department must answer within the deadline; follow it with the case number. Your contact is never shown publicly.'}
      </p>
      {props.flash ? <FlashMessage flash={props.flash} /> : null}
      <form class="inline-form" method="post" action={props.action}>
        <label for="case-material">{zh ? '被要求提交的材料' : 'Material demanded'}</label>
        <select id="case-material" name="materialId" required>
          {props.materials.map((m) => (
            <option value={m.id}>{m.name}</option>
          ))}
        </select>
        <label for="case-place">
          {zh ? '办事窗口或大厅' : 'Window or hall'}{' '}
          <span class="hint">{zh ? '例如：市民中心 3 号窗口' : ''}</span>
        </label>
        <input id="case-place" name="place" required maxlength={CASE_LIMITS.place} />
        <label for="case-date">{zh ? '日期' : 'Date'}</label>
        <input id="case-date" name="happenedOn" type="date" required />
        <label for="case-description">{zh ? '发生了什么' : 'What happened'}</label>
        <textarea id="case-description" name="description" required maxlength={CASE_LIMITS.description} />
        <label for="case-contact">
          {zh ? '联系方式（选填，不公开）' : 'Contact (optional, never public)'}
        </label>
        <input id="case-contact" name="contact" maxlength={CASE_LIMITS.contact} autocomplete="tel" />
        <div>
          <button type="submit">{zh ? '提交' : 'Report'}</button>
        </div>
      </form>
      <p class="small">
        <a href={withLang('/cases', lang)}>{zh ? '按编号查询督查件' : 'Look up a case by number'}</a>
      </p>
    </section>
  );
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
