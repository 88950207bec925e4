import {
  CASE_OUTCOME_ZH,
  CASE_STATES,
  CASE_STATUS_ZH,
  type CaseRecord,
  type CaseState,
  type CaseStatistics,
  formatLocalDateTime,
} from '@jianzheng/core';
import { type Context, Hono } from 'hono';
import { callApi } from '../api-client';
import type { PageModule } from '../deps';
import { type Lang, langOf } from '../i18n';
import { FlashMessage, Layout, withLang } from '../layout';
import { type Flash, readToken, setFlash, takeFlash } from '../session';

type OperatorCase = CaseRecord & { state: CaseState };

const HEADERS = [
  '部门',
  '举报',
  '已整改',
  '不属于应取消',
  '超期',
  '待答复',
  '已办结',
  '答复用时中位数（天）',
];

/** The per-department statistics table (the same figures as `jianzheng report --cases`). */
export function CaseStatisticsTable({ stats }: { stats: CaseStatistics }) {
  const cells = (r: CaseStatistics['total']) => [
    r.reports,
    r.rectified,
    r.notApplicable,
    r.overdue,
    r.open,
    r.closed,
    r.medianDaysToAnswer ?? '—',
  ];
  return (
    <div class="scroll">
      <table id="case-statistics">
        <caption class="small">督查统计（按实施部门）</caption>
        <thead>
          <tr>
            {HEADERS.map((h, i) => (
              <th scope="col" class={i ? 'num' : ''}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {stats.byDepartment.map((r) => (
            <tr>
              <th scope="row">{r.department}</th>
              {cells(r).map((v) => (
                <td class="num">{v}</td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">合计</th>
            {cells(stats.total).map((v) => (
              <td class="num">{v}</td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function CaseCard({
  item,
  lang,
  back,
  timeZone,
}: {
  item: OperatorCase;
  lang: Lang;
  back: string;
  timeZone: string | undefined;
}) {
  const action = (verb: string) =>
    withLang(`/operator/cases/${item.number}/${verb}?back=${encodeURIComponent(back)}`, lang);
  return (
    <article class="card" id={`case-${item.number}`} aria-labelledby={`t-${item.number}`}>
      <h3 id={`t-${item.number}`}>
        {item.number} · <span class="case-state">{CASE_STATUS_ZH[item.state]}</span>
      </h3>
      <ul class="meta">
        <li>{item.department}</li>
        <li>
          {item.itemName} · {item.materialName}
        </li>
        <li>
          {item.place} · {item.happenedOn}
        </li>
        <li>期限 {item.dueOn}</li>
        {item.contact ? <li>联系方式 {item.contact}</li> : null}
      </ul>
      <p>{item.description}</p>
      {item.answer ? (
        <p class="small">
          答复：{CASE_OUTCOME_ZH[item.answer.outcome]}
          {item.answer.note ? `：${item.answer.note}` : ''}（{formatLocalDateTime(item.answer.at, timeZone)}）
        </p>
      ) : null}
      {item.status === 'assigned' ? (
        <form class="inline-form" method="post" action={action('answer')}>
          <fieldset>
            <legend>部门答复</legend>
            <label>
              <input type="radio" name="outcome" value="rectified" required /> 已整改
            </label>
            <label>
              <input type="radio" name="outcome" value="not-applicable" /> 不属于应取消情形（须说明理由）
            </label>
          </fieldset>
          <label for={`note-${item.number}`}>说明</label>
          <textarea id={`note-${item.number}`} name="note" maxlength={2000} />
          <div>
            <button type="submit">提交答复</button>
          </div>
        </form>
      ) : null}
      {item.status === 'answered' ? (
        <form class="inline-form" method="post" action={action('close')}>
          <label for={`close-${item.number}`}>办结意见（选填）</label>
          <input id={`close-${item.number}`} name="note" maxlength={2000} />
          <div>
            <button type="submit">审核办结</button>
          </div>
        </form>
      ) : null}
    </article>
  );
}

/**
 * `/operator/cases`: supervision cases with filters and per-department statistics; departments
 * answer their own, reviewers close. Every write goes through the cases API with the cookie token.
 */
export const operatorCasePages: PageModule = (deps) => {
  const app = new Hono();
  const { api } = deps;
  const login = (c: Context, lang: Lang) => {
    setFlash(c, { kind: 'error', text: lang === 'zh' ? '请先登录' : 'Please sign in' });
    return c.redirect(withLang('/operator', lang), 303);
  };

  app.get('/operator/cases', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const token = readToken(c);
    if (!token) return login(c, lang);
    const department = c.req.query('department') ?? '';
    const state = (CASE_STATES as readonly string[]).includes(c.req.query('state') ?? '')
      ? c.req.query('state')!
      : '';
    const query = new URLSearchParams({ ...(department ? { department } : {}), ...(state ? { state } : {}) });
    const [list, stats] = await Promise.all([
      callApi<OperatorCase[]>(api, c, 'GET', `/api/cases?${query}`, { token }),
      callApi<CaseStatistics>(api, c, 'GET', '/api/cases/statistics', { token }),
    ]);
    if (list.status === 401) return login(c, lang);
    const flash: Flash | undefined = list.ok ? takeFlash(c) : { kind: 'error', text: list.message };
    const items = list.ok ? list.body : [];
    const path = `/operator/cases${query.size ? `?${query}` : ''}`;
    const departments = stats.ok ? stats.body.byDepartment.map((r) => r.department) : [];
    return c.html(
      <Layout lang={lang} title="督查件" path={path} operator>
        <h1>督查件（明察暗访）</h1>
        {flash ? <FlashMessage flash={flash} /> : null}
        {stats.ok ? <CaseStatisticsTable stats={stats.body} /> : null}
        <form class="search card" method="get" action="/operator/cases">
          <div>
            <label for="f-department">部门</label>
            <select id="f-department" name="department">
              <option value="">全部部门</option>
              {departments.map((d) => (
                <option value={d} selected={d === department}>
                  {d}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="f-state">状态</label>
            <select id="f-state" name="state">
              <option value="">全部状态</option>
              {CASE_STATES.map((s) => (
                <option value={s} selected={s === state}>
                  {CASE_STATUS_ZH[s]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button type="submit">筛选</button>
          </div>
        </form>
        <p role="status">共 {items.length} 件</p>
        {items.map((item) => (
          <CaseCard item={item} lang={lang} back={path} timeZone={deps.timeZone} />
        ))}
      </Layout>,
    );
  });

  const relay = (verb: 'answer' | 'close') => async (c: Context) => {
    const lang = langOf(c.req.query('lang'));
    const token = readToken(c);
    if (!token) return login(c, lang);
    const number = c.req.param('number') ?? '';
    const back = c.req.query('back')?.startsWith('/operator/cases')
      ? c.req.query('back')!
      : '/operator/cases';
    const form = await c.req.parseBody();
    const note = String(form.note ?? '').trim();
    const json = verb === 'answer' ? { outcome: String(form.outcome ?? ''), note } : note ? { note } : {};
    const result = await callApi(api, c, 'POST', `/api/cases/${encodeURIComponent(number)}/${verb}`, {
      token,
      json,
    });
    if (result.status === 401) return login(c, lang);
    setFlash(c, {
      kind: result.ok ? 'ok' : 'error',
      text: result.ok ? `${number} ${verb === 'answer' ? '已答复' : '已办结'}` : result.message,
    });
    return c.redirect(withLang(back, lang), 303);
  };
  app.post('/operator/cases/:number/answer', relay('answer'));
  app.post('/operator/cases/:number/close', relay('close'));
  return app;
};
