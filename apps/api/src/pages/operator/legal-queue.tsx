import { FROZEN_STAGES, LEGAL_LEVEL_LABELS, LEGAL_LEVELS } from '@jianzheng/core';
import { Hono } from 'hono';
import type { PageModule } from '../deps';
import { colon, type Lang, t, tn } from '../i18n';
import { FlashMessage, withLang } from '../layout';
import { setFlash } from '../session';
import type { BatchOut } from './batch';
import { BatchTabs, OperatorLayout } from './components';
import { apiBatch, batchPath, may, operatorRequest, problemText } from './guard';
import { type MaterialOut, Trace } from './review-row';

interface LegalQueue {
  pending: MaterialOut[];
  referred: number;
}

// Every level but `unknown`: the office settles exactly what the classifier could not.
const LEVELS = LEGAL_LEVELS.filter((level) => level !== 'unknown');

function SettleForm(props: { lang: Lang; action: string; row: MaterialOut }) {
  const { lang, row } = props;
  const id = row.material.id;
  return (
    <form class="inline-form" method="post" action={props.action} data-settle={id}>
      <input type="hidden" name="version" value={String(row.version)} />
      <input type="hidden" name="name" value={row.material.name} />
      <label for={`level-${id}`}>{t(lang, 'legalLevel')}</label>
      <select id={`level-${id}`} name="level" required>
        {/* No level chosen for the office: a settlement is a decision, never a default. */}
        <option value="">—</option>
        {LEVELS.map((level) => (
          <option value={level}>{LEGAL_LEVEL_LABELS[level][lang]}</option>
        ))}
      </select>
      <label for={`issued-${id}`}>{t(lang, 'legalIssuedBy')}</label>
      <select id={`issued-${id}`} name="issuedBy">
        <option value="">—</option>
        <option value="own">{t(lang, 'legalOwn')}</option>
        <option value="superior">{t(lang, 'legalSuperior')}</option>
      </select>
      <label for={`instrument-${id}`}>{t(lang, 'legalInstrument')}</label>
      <input id={`instrument-${id}`} name="instrument" maxlength={200} />
      <label for={`reason-${id}`}>{t(lang, 'legalReason')}</label>
      <input id={`reason-${id}`} name="reason" required maxlength={2000} />
      <div>
        <button type="submit">{t(lang, 'legalSettle')}</button>
      </div>
    </form>
  );
}

/**
 * The legal office's page (合法性审查, domain.md §14): the materials flagged needs-legal-review
 * first — the legal review cannot pass while any is left — each with a form to settle its level.
 */
export const legalQueuePages: PageModule = (deps) => {
  const app = new Hono();

  app.get('/operator/batches/:batchId/legal', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    const { lang, me } = op;
    const batchId = c.req.param('batchId');
    const path = batchPath(batchId, '/legal');
    const batch = await op.call<BatchOut>('GET', apiBatch(batchId));
    const queue = batch.ok ? await op.call<LegalQueue>('GET', apiBatch(batchId, '/legal-queue')) : batch;
    const b = batch.ok ? batch.body : undefined;
    const rows = queue.ok ? (queue.body as LegalQueue).pending : [];
    const referred = queue.ok ? (queue.body as LegalQueue).referred : 0;
    const canSettle = may(me, 'legal.resolve') && b !== undefined && !FROZEN_STAGES.includes(b.stage);
    return c.html(
      <OperatorLayout lang={lang} me={me} title={t(lang, 'legalQueue')} path={path} flash={op.flash}>
        <h1>
          {t(lang, 'legalQueue')}
          {b ? ` · ${b.title}` : ''}
        </h1>
        {b ? <BatchTabs lang={lang} me={me} batchId={batchId} stage={b.stage} current="/legal" /> : null}
        {!queue.ok ? <FlashMessage flash={{ kind: 'error', text: problemText(lang, queue) }} /> : null}
        <h2>{t(lang, 'legalQueueTitle')}</h2>
        <p class="small">{t(lang, 'legalQueueHint')}</p>
        <p role="status" id="legal-pending">
          {rows.length === 0 ? t(lang, 'legalQueueEmpty') : `${rows.length}${lang === 'zh' ? ' 项' : ''}`}
        </p>
        {rows.map((row) => (
          <article class="card" id={`m-${row.material.id}`} data-pending={row.material.id}>
            <h3>
              {row.material.item.department} · {row.material.item.name} · {row.material.name}
            </h3>
            <p>
              {lang === 'zh' ? '设定依据' : 'Legal basis'}
              {colon(lang)}
              <q>{row.material.legalBasis ?? '—'}</q>
            </p>
            {canSettle ? (
              <SettleForm
                lang={lang}
                row={row}
                action={withLang(
                  batchPath(batchId, `/materials/${encodeURIComponent(row.material.id)}/legal-resolution`),
                  lang,
                )}
              />
            ) : null}
            <Trace deps={deps} lang={lang} d={row.decision} />
          </article>
        ))}
        {referred > 0 ? <p class="small">{tn(lang, 'legalReferred', referred)}</p> : null}
      </OperatorLayout>,
    );
  });

  app.post('/operator/batches/:batchId/materials/:materialId/legal-resolution', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    const { lang } = op;
    const batchId = c.req.param('batchId');
    const materialId = c.req.param('materialId');
    const form = await c.req.parseBody();
    const text = (key: string) => String(form[key] ?? '').trim();
    const json = {
      level: text('level'),
      reason: text('reason'),
      ...(text('issuedBy') ? { issuedBy: text('issuedBy') } : {}),
      ...(text('instrument') ? { instrument: text('instrument') } : {}),
    };
    const result = await op.call<MaterialOut>(
      'POST',
      apiBatch(batchId, `/materials/${encodeURIComponent(materialId)}/legal-resolution`),
      { json, headers: { 'if-match': `"${text('version')}"` } },
    );
    const name = text('name').slice(0, 200) || materialId;
    setFlash(
      c,
      result.ok
        ? {
            kind: 'ok',
            text: `${lang === 'zh' ? '已认定' : 'Settled'}${colon(lang)}${name}（${LEGAL_LEVEL_LABELS[result.body.decision.legalBasis?.level ?? 'unknown'][lang]}）`,
          }
        : { kind: 'error', text: `${name}${colon(lang)}${problemText(lang, result)}` },
    );
    return c.redirect(withLang(batchPath(batchId, '/legal'), lang), 303);
  });

  return app;
};
