import { AUDIT_EVENTS, auditEventLabel, formatLocalDateTime } from '@jianzheng/core';
import { Hono } from 'hono';
import type { PageModule } from '../deps';
import { t } from '../i18n';
import { FlashMessage, withLang } from '../layout';
import { OperatorLayout, Pager } from './components';
import { operatorRequest, problemText } from './guard';
import { materialNames, nameText } from './material-names';

interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  batchId: string | null;
  target: string | null;
}

const PAGE_SIZE = 100;

/** The audit log, newest page last as the API keeps it, filterable by batch and action. */
export const auditPages: PageModule = (deps) => {
  const app = new Hono();
  app.get('/operator/audit', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    const { lang, me } = op;
    const batchId = c.req.query('batchId') ?? '';
    const action = c.req.query('action') ?? '';
    const page = Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1);
    const filters = new URLSearchParams({ ...(batchId ? { batchId } : {}), ...(action ? { action } : {}) });
    const result = await op.call<{ total: number; items: AuditEntry[] }>(
      'GET',
      `/api/audit?${filters}&page=${page}&pageSize=${PAGE_SIZE}`,
    );
    const batches = await op.call<Array<{ id: string; title: string }>>('GET', '/api/batches');
    const items = result.ok ? result.body.items : [];
    // Materials are named, never shown as raw ids.
    const names = new Map<string, string>();
    const byBatch = new Map<string, string[]>();
    for (const e of items)
      if (e.batchId && e.target && (e.action === 'decision.review' || e.action === 'material.annotate'))
        byBatch.set(e.batchId, [...(byBatch.get(e.batchId) ?? []), e.target]);
    for (const [b, ids] of byBatch)
      for (const [id, name] of await materialNames(op, b, ids)) names.set(`${b}|${id}`, nameText(name, id));
    const titles = new Map((batches.ok ? batches.body : []).map((b) => [b.id, b.title]));
    const subject = (e: AuditEntry) => {
      if (e.batchId && e.target && names.has(`${e.batchId}|${e.target}`))
        return names.get(`${e.batchId}|${e.target}`);
      if (e.target === e.batchId) return titles.get(e.batchId ?? '') ?? e.target;
      if (e.target?.startsWith('comment:'))
        return `${lang === 'zh' ? '意见' : 'comment'} #${e.target.slice(8)}`;
      return e.target ?? '—';
    };
    return c.html(
      <OperatorLayout
        lang={lang}
        me={me}
        title={t(lang, 'auditLog')}
        path={`/operator/audit?${filters}`}
        flash={op.flash}
      >
        <h1>{t(lang, 'auditLog')}</h1>
        {!result.ok ? <FlashMessage flash={{ kind: 'error', text: problemText(lang, result) }} /> : null}
        <form class="search card filters" method="get" action="/operator/audit">
          {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
          <div>
            <label for="a-batch">{t(lang, 'batches')}</label>
            <select id="a-batch" name="batchId">
              <option value="">—</option>
              {[...titles].map(([id, title]) => (
                <option value={id} selected={id === batchId}>
                  {title}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="a-action">{t(lang, 'action')}</label>
            <select id="a-action" name="action">
              <option value="">{t(lang, 'anyAction')}</option>
              {AUDIT_EVENTS.map((a) => (
                <option value={a} selected={a === action}>
                  {auditEventLabel(a, lang)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button type="submit">{t(lang, 'filter')}</button>
          </div>
        </form>
        <p role="status">
          {t(lang, 'of')} {result.ok ? result.body.total : 0}
        </p>
        {items.length === 0 ? <p>{t(lang, 'noEntries')}</p> : null}
        {items.length > 0 ? (
          <div class="scroll">
            <table id="audit">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t(lang, 'at')}</th>
                  <th scope="col">{t(lang, 'actor')}</th>
                  <th scope="col">{t(lang, 'action')}</th>
                  <th scope="col">{t(lang, 'subject')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr>
                    <td class="num">{e.seq}</td>
                    <td>{formatLocalDateTime(e.at, deps.timeZone, { style: 'datetime-seconds' })}</td>
                    <td>{e.actor}</td>
                    <td>{auditEventLabel(e.action, lang)}</td>
                    <td>{subject(e)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <Pager
          lang={lang}
          page={page}
          pageSize={PAGE_SIZE}
          total={result.ok ? result.body.total : 0}
          href={(p) => withLang(`/operator/audit?${filters}&page=${p}`, lang)}
        />
      </OperatorLayout>,
    );
  });
  return app;
};
