import {
  type IssuerReferrals,
  LEGAL_LEVEL_LABELS,
  LEGAL_LEVELS,
  type LegalLevelCounts,
} from '@jianzheng/core';
import { Hono } from 'hono';
import type { PageModule } from '../deps';
import { colon, type Lang, paren, t } from '../i18n';
import { FlashMessage, withLang } from '../layout';
import type { BatchOut } from './batch';
import { BatchTabs, OperatorLayout } from './components';
import { apiBatch, batchPath, operatorRequest, problemText } from './guard';

export interface ReferralsOut {
  referrals: IssuerReferrals[];
  byLegalLevel: LegalLevelCounts;
  needsLegalReview: number;
}

const levelLabel = (lang: Lang, level: string) =>
  level === 'unassessed'
    ? lang === 'zh'
      ? '未评估'
      : 'not assessed'
    : (LEGAL_LEVEL_LABELS[level as keyof typeof LEGAL_LEVEL_LABELS]?.[lang] ?? level);

/** The batch's materials by the legal level of their 设定依据 (domain.md §14), levels with none left out. */
export function LegalLevelTable({ lang, counts }: { lang: Lang; counts: LegalLevelCounts }) {
  const rows = [...LEGAL_LEVELS, 'unassessed' as const].filter((level) => counts[level].materials > 0);
  return (
    <table id="legal-levels">
      <caption>{lang === 'zh' ? '按设定依据效力层级' : 'By the legal level of the basis'}</caption>
      <thead>
        <tr>
          <th scope="col">{t(lang, 'legalLevel')}</th>
          <th scope="col">{lang === 'zh' ? '材料' : 'Materials'}</th>
          <th scope="col">{lang === 'zh' ? '保留' : 'Retained'}</th>
          <th scope="col">{lang === 'zh' ? '取消' : 'Cancelled'}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((level) => (
          <tr>
            <th scope="row">{levelLabel(lang, level)}</th>
            <td class="num">{counts[level].materials.toLocaleString('en-US')}</td>
            <td class="num">{counts[level].retained.toLocaleString('en-US')}</td>
            <td class="num">{counts[level].cancelled.toLocaleString('en-US')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * 建议上级取消 (domain.md §14): per issuer, the retained materials whose only basis is its rule or
 * document, with the instrument and article — and the same as an Excel download for the letter.
 */
export const referralPages: PageModule = (deps) => {
  const app = new Hono();
  app.get('/operator/batches/:batchId/referrals', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    const { lang, me } = op;
    const batchId = c.req.param('batchId');
    const path = batchPath(batchId, '/referrals');
    const batch = await op.call<BatchOut>('GET', apiBatch(batchId));
    const result = batch.ok ? await op.call<ReferralsOut>('GET', apiBatch(batchId, '/referrals')) : batch;
    const b = batch.ok ? batch.body : undefined;
    const body = result.ok ? (result.body as ReferralsOut) : undefined;
    const count = body?.referrals.reduce((n, r) => n + r.materials.length, 0) ?? 0;
    return c.html(
      <OperatorLayout lang={lang} me={me} title={t(lang, 'referrals')} path={path} flash={op.flash}>
        <h1>
          {t(lang, 'referrals')}
          {b ? ` · ${b.title}` : ''}
        </h1>
        {b ? <BatchTabs lang={lang} me={me} batchId={batchId} stage={b.stage} current="/referrals" /> : null}
        {!result.ok ? <FlashMessage flash={{ kind: 'error', text: problemText(lang, result) }} /> : null}
        {body ? (
          <>
            <p role="status" id="referral-count">
              {lang === 'zh'
                ? `${body.referrals.length} 个制定机关，${count} 项材料：设定依据为部门规章、上级地方政府规章或规范性文件，不能设定证明事项，建议制定机关取消。`
                : `${body.referrals.length} issuers, ${count} materials whose only basis is a ministry's rule or a superior's document: proposed to their issuers for cancellation.`}
            </p>
            <p>
              <a id="referrals-xlsx" href={batchPath(batchId, '/referrals.xlsx')} download>
                {lang === 'zh' ? '下载 Excel' : 'Download Excel'}
              </a>
            </p>
            {body.referrals.map((group) => (
              <section class="card" data-issuer={group.issuer}>
                <h2>
                  {group.issuer}
                  {paren(lang, group.materials.length)}
                </h2>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t(lang, 'department')}</th>
                      <th scope="col">{lang === 'zh' ? '事项' : 'Item'}</th>
                      <th scope="col">{lang === 'zh' ? '材料' : 'Material'}</th>
                      <th scope="col">{lang === 'zh' ? '设定依据' : 'Legal basis'}</th>
                      <th scope="col">{lang === 'zh' ? '条款' : 'Article'}</th>
                      <th scope="col">{t(lang, 'legalLevel')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {group.materials.map((m) => (
                      <tr>
                        <td>{m.department}</td>
                        <td>{m.itemName}</td>
                        <td>{m.material}</td>
                        <td>
                          {m.instrument ? `《${m.instrument}》` : ''}
                          {m.documentNumber ? paren(lang, m.documentNumber) : ''}
                        </td>
                        <td>{m.article ?? ''}</td>
                        <td>{levelLabel(lang, m.level)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            ))}
          </>
        ) : null}
        <p class="small">
          <a href={withLang(batchPath(batchId, '/legal'), lang)}>{t(lang, 'legalQueue')}</a>
          {colon(lang)}
          {body?.needsLegalReview ?? 0}
        </p>
      </OperatorLayout>,
    );
  });
  // The download goes through the page's session (the API wants the token, the browser has a cookie).
  app.get('/operator/batches/:batchId/referrals.xlsx', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    return op.fetch(apiBatch(c.req.param('batchId'), '/referrals/xlsx'));
  });
  return app;
};
