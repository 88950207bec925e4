import {
  type BatchDetails,
  type BatchRecord,
  formatLocalDateTime,
  formatRate,
  type LegalLevelCounts,
  type Summary,
  stageStatus,
} from '@jianzheng/core';
import { Hono } from 'hono';
import { BarChart } from '../chart';
import { categoryLabel, type PageModule } from '../deps';
import { colon, type Lang, paren, stageLabel, type TextKey, t } from '../i18n';
import { actionLabel, choiceLabel, fieldLabel } from '../labels-workflow';
import { FlashMessage, withLang } from '../layout';
import { BatchTabs, OperatorLayout } from './components';
import { apiBatch, batchPath, may, operatorRequest, problemText } from './guard';
import { LegalLevelTable } from './legal-levels';
import { actionsFor, TransitionForms } from './transitions';

export type BatchOut = BatchRecord & { allowedActions: string[] };

interface TransitionRecord {
  seq: number;
  action: string;
  fields: Record<string, string>;
  actor: string;
  at: string;
}

function StatsTable({ lang, summary }: { lang: Lang; summary: Summary }) {
  // Effective and planned cancellations apart (domain.md §10) only where the list has planned ones.
  const split = summary.planned > 0;
  const row = (
    label: string,
    d: Pick<Summary, 'items' | 'materials' | 'cancelled' | 'effective' | 'planned' | 'retained'>,
  ) => [
    <th scope="row">{label}</th>,
    <td class="num">{d.items}</td>,
    <td class="num">{d.materials}</td>,
    <td class="num">{d.cancelled}</td>,
    ...(split ? [<td class="num">{d.effective}</td>, <td class="num">{d.planned}</td>] : []),
    <td class="num">{d.retained}</td>,
    <td class="num">{formatRate(d.cancelled, d.materials)}</td>,
  ];
  const head = (key: TextKey) => (
    <th scope="col" class="num">
      {t(lang, key)}
    </th>
  );
  return (
    <section class="scroll" tabindex={0} aria-label={t(lang, 'department')}>
      <table id="stats">
        <thead>
          <tr>
            <th scope="col">{t(lang, 'department')}</th>
            {head('itemsCol')}
            {head('materialsCol')}
            {head('cancelledCount')}
            {split ? head('effectiveCount') : null}
            {split ? head('planned') : null}
            {head('retained')}
            {head('cancellationRate')}
          </tr>
        </thead>
        <tbody>
          {summary.byDepartment.map((d) => (
            <tr>{row(d.department, d)}</tr>
          ))}
        </tbody>
        <tfoot>
          <tr>{row(t(lang, 'total'), summary)}</tr>
        </tfoot>
      </table>
    </section>
  );
}

/** A batch's overview: its stage, the transitions this role may make now, its history and figures. */
export const batchPage: PageModule = (deps) => {
  const app = new Hono();
  app.get('/operator/batches/:batchId', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    const { lang, me } = op;
    const batchId = c.req.param('batchId');
    const path = batchPath(batchId);
    const batch = await op.call<BatchOut>('GET', apiBatch(batchId));
    if (!batch.ok) {
      return c.html(
        <OperatorLayout lang={lang} me={me} title={t(lang, 'batches')} path={path}>
          <h1>{t(lang, 'batches')}</h1>
          <FlashMessage flash={{ kind: 'error', text: problemText(lang, batch) }} />
        </OperatorLayout>,
        batch.status as 404,
      );
    }
    const b = batch.body;
    const [summary, history, unanswered, legal] = await Promise.all([
      op.call<Summary & { byCategory: Record<string, number> }>('GET', apiBatch(batchId, '/summary')),
      op.call<TransitionRecord[]>('GET', apiBatch(batchId, '/transitions')),
      may(me, 'comments.read')
        ? op.call<unknown[]>('GET', apiBatch(batchId, '/comments?unanswered=true'))
        : Promise.resolve(undefined),
      op.call<LegalLevelCounts>('GET', apiBatch(batchId, '/legal-levels')),
    ]);
    const actions = actionsFor(me, b.allowedActions);
    // A refused step's message goes into its form; when that form is gone (the stage moved on),
    // on top of the page, so no refusal is ever silent.
    const f = op.flash;
    const refused =
      f?.kind === 'error' && f.target && f.retry && actions.includes(f.target)
        ? { action: f.target, fields: f.retry, text: f.text }
        : undefined;
    const flash = refused ? undefined : f?.target ? { kind: f.kind, text: f.text } : f;
    const byCategory = summary.ok ? summary.body.byCategory : {};
    return c.html(
      <OperatorLayout lang={lang} me={me} title={b.title} path={path} flash={flash}>
        <h1>
          {b.jurisdiction.name} · {b.title}
        </h1>
        <BatchTabs lang={lang} me={me} batchId={batchId} stage={b.stage} current="" />
        <ul class="meta">
          <li>
            {t(lang, 'stage')}
            {colon(lang)}
            <strong id="stage">{stageStatus(b.stage, b.details, lang)}</strong>
          </li>
          <li id="next-step">
            {t(lang, 'nextStep')}
            {colon(lang)}
            {b.allowedActions.length === 0
              ? t(lang, 'nextStepNone')
              : b.allowedActions.map((a) => actionLabel(lang, a)).join(lang === 'zh' ? ' 或 ' : ' or ')}
            {b.allowedActions.length > 0 && actions.length === 0
              ? paren(lang, t(lang, 'nextStepOthers'))
              : null}
          </li>
          <li>
            {t(lang, 'department')}
            {colon(lang)}
            {b.departments.join(lang === 'zh' ? '、' : ', ')}
          </li>
          {b.details.legalReview ? <LegalReviewRecord review={b.details.legalReview} lang={lang} /> : null}
          {unanswered?.ok ? (
            <li>
              <a href={withLang(batchPath(batchId, '/comments'), lang)} id="unanswered">
                {t(lang, 'comments')}
                {colon(lang)}
                {unanswered.body.length}
              </a>
            </li>
          ) : null}
        </ul>
        {actions.length > 0 ? (
          <section class="card" aria-labelledby="next-title">
            <h2 id="next-title">{t(lang, 'nextSteps')}</h2>
            <TransitionForms lang={lang} batchId={batchId} actions={actions} refused={refused} />
          </section>
        ) : null}
        {summary.ok ? (
          <section class="card" aria-labelledby="stats-title">
            <h2 id="stats-title">{t(lang, 'statistics')}</h2>
            <StatsTable lang={lang} summary={summary.body} />
            {legal.ok ? <LegalLevelTable lang={lang} counts={legal.body} /> : null}
            <h3 id="chart-title">{t(lang, 'chartTitle')}</h3>
            <BarChart
              id="category-chart"
              lang={lang}
              title={t(lang, 'chartTitle')}
              bars={Object.keys(byCategory).map((id) => ({
                label: categoryLabel(deps, lang, id),
                value: byCategory[id] ?? 0,
              }))}
            />
          </section>
        ) : null}
        {history.ok && history.body.length > 0 ? (
          <section class="card" aria-labelledby="history-title">
            <h2 id="history-title">{t(lang, 'history')}</h2>
            <ol id="history">
              {history.body.map((h) => (
                <li>
                  <strong>{actionLabel(lang, h.action)}</strong> · {formatLocalDateTime(h.at, deps.timeZone)}{' '}
                  · {h.actor}
                  {Object.keys(h.fields).length > 0 ? (
                    <span class="small">
                      {' '}
                      （
                      {Object.entries(h.fields)
                        .map(
                          ([k, v]) => `${fieldLabel(lang, k, h.action)}${colon(lang)}${choiceLabel(lang, v)}`,
                        )
                        .join('；')}
                      ）
                    </span>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>
        ) : null}
      </OperatorLayout>,
    );
  });
  return app;
};

/** The recorded 合法性审查 (domain.md §15): result, 文号, reviewer and day, as the publication names them. */
function LegalReviewRecord({
  review,
  lang,
}: {
  review: NonNullable<BatchDetails['legalReview']>;
  lang: Lang;
}) {
  const parts = [
    choiceLabel(lang, review.result),
    review.documentNumber,
    review.reviewer,
    review.reviewedAt,
  ].filter((part): part is string => Boolean(part));
  return (
    <li id="legal-review">
      {stageLabel(lang, 'legal-review')}
      {colon(lang)}
      {parts.join(' · ')}
    </li>
  );
}
