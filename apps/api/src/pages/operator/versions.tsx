import { Hono } from 'hono';
import { localDay, type PageModule } from '../deps';
import { type DiffData, DiffView } from '../diff-view';
import { colon, t } from '../i18n';
import type { BatchOut } from './batch';
import { BatchTabs, OperatorLayout } from './components';
import { apiBatch, batchPath, operatorRequest } from './guard';

interface VersionMeta {
  version: number;
  publishedAt: string;
  documentNumber: string | null;
  reason: string | null;
  links: { json: string; xlsx: string; diff: string | null };
}

/** Every published version of a batch with its downloads and its adjustment notice (diff). */
export const versionPages: PageModule = (deps) => {
  const app = new Hono();
  app.get('/operator/batches/:batchId/versions', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    const { lang, me } = op;
    const batchId = c.req.param('batchId');
    const batch = await op.call<BatchOut>('GET', apiBatch(batchId));
    if (!batch.ok) return deps.notFound(c);
    const versions = await op.call<VersionMeta[]>('GET', apiBatch(batchId, '/publications'));
    const list = versions.ok ? [...versions.body].sort((a, b) => b.version - a.version) : [];
    const diffs = new Map<number, DiffData>();
    for (const v of list) {
      if (!v.links.diff) continue;
      const diff = await op.call<DiffData>('GET', v.links.diff);
      if (diff.ok) diffs.set(v.version, diff.body);
    }
    const path = batchPath(batchId, '/versions');
    return c.html(
      <OperatorLayout lang={lang} me={me} title={t(lang, 'versions')} path={path} flash={op.flash}>
        <h1>
          {t(lang, 'versions')} · {batch.body.title}
        </h1>
        <BatchTabs lang={lang} me={me} batchId={batchId} stage={batch.body.stage} current="/versions" />
        {list.map((v) => {
          const diff = diffs.get(v.version);
          return (
            <section class="card version" id={`v${v.version}`} aria-labelledby={`v${v.version}-title`}>
              <h2 id={`v${v.version}-title`}>
                {t(lang, 'version')} {v.version}
              </h2>
              <ul class="meta">
                <li>
                  {t(lang, 'publishedAt')}
                  {colon(lang)}
                  {localDay(deps, v.publishedAt)}
                </li>
                <li>
                  {t(lang, 'docNumber')}
                  {colon(lang)}
                  {v.documentNumber ?? t(lang, 'none')}
                </li>
                {v.reason ? (
                  <li>
                    {t(lang, 'reason')}
                    {colon(lang)}
                    {v.reason}
                  </li>
                ) : null}
                <li>
                  <a href={v.links.json}>{t(lang, 'downloadJson')}</a> ·{' '}
                  <a href={v.links.xlsx}>{t(lang, 'downloadExcel')}</a>
                </li>
              </ul>
              {diff ? (
                <>
                  <h3>{t(lang, 'adjustmentNotice')}</h3>
                  <DiffView deps={deps} lang={lang} diff={diff} />
                </>
              ) : null}
            </section>
          );
        })}
      </OperatorLayout>,
    );
  });
  return app;
};
