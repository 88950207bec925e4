import type { ComparisonCell, ComparisonRow, JurisdictionComparison } from '@jianzheng/compare';
import { type Context, Hono } from 'hono';
import type { PageModule } from '../deps';
import { type Lang, paren, t } from '../i18n';
import { OperatorLayout } from './components';
import { type OperatorRequest, operatorRequest, problemText } from './guard';

const MAX_ROWS = 500;

interface Filters {
  batches: string[];
  k: number;
  department: string;
  itemType: string;
}

function cellText(lang: Lang, cell: ComparisonCell): string {
  if (cell.state === 'demanded') return t(lang, 'compareDemanded');
  if (cell.state === 'not-listed') return t(lang, 'compareNotListed');
  return cell.category ? cell.category[lang] : '—';
}

/** Rows that list the department (in any jurisdiction) and are of the item type, when chosen. */
function filterRows(rows: readonly ComparisonRow[], f: Filters): ComparisonRow[] {
  return rows.filter(
    (row) =>
      (!f.department || row.cells.some((cell) => cell.department === f.department)) &&
      (!f.itemType || row.item.type === f.itemType),
  );
}

function ComparisonView(props: { lang: Lang; result: JurisdictionComparison; filters: Filters }) {
  const { lang, result, filters } = props;
  const rows = filterRows(result.rows, filters);
  const findings = result.findings.filter((f) => rows.includes(result.rows[f.row]!));
  const shown = rows.slice(0, MAX_ROWS);
  return (
    <>
      <section class="card" aria-labelledby="findings-title">
        <h2 id="findings-title">
          {t(lang, 'compareFindings').replace('k', String(result.minCancelledElsewhere))}
          {paren(lang, findings.length)}
        </h2>
        {result.notice ? (
          <p class="msg notice" id="compare-notice" role="status">
            {result.notice.message[lang]}
          </p>
        ) : null}
        {findings.length === 0 ? (
          <p>{t(lang, 'compareNoFindings')}</p>
        ) : (
          <table class="findings">
            <thead>
              <tr>
                <th>{t(lang, 'compareJurisdiction')}</th>
                <th>{t(lang, 'compareDepartment')}</th>
                <th>{t(lang, 'compareItem')}</th>
                <th>{t(lang, 'compareMaterial')}</th>
                <th>{t(lang, 'comparePrecedent')}</th>
              </tr>
            </thead>
            <tbody>
              {findings.map((f) => (
                <tr>
                  <td>{f.jurisdiction.name}</td>
                  <td>{f.department ?? '—'}</td>
                  <td>{f.item.name}</td>
                  <td>{f.material}</td>
                  <td>
                    {f.precedents
                      .map(
                        (p) =>
                          `${p.jurisdiction.name}${paren(lang, `${p.category?.[lang] ?? ''}, ${p.batch.documentNumber ?? p.batch.title}`)}`,
                      )
                      .join(lang === 'zh' ? '；' : '; ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="card" aria-labelledby="matrix-title">
        <h2 id="matrix-title">{t(lang, 'compareMatrix')}</h2>
        <p class="meta">
          {t(lang, 'compareShown')
            .replace('{n}', String(shown.length))
            .replace('{total}', String(rows.length))}
        </p>
        <table class="matrix">
          <thead>
            <tr>
              <th>{t(lang, 'compareItem')}</th>
              <th>{t(lang, 'compareMaterial')}</th>
              {result.jurisdictions.map((j) => (
                <th>{j.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr>
                <td>{row.item.name}</td>
                <td>{row.material}</td>
                {row.cells.map((cell) => (
                  <td class={cell.state} title={cell.department ?? undefined}>
                    {cellText(lang, cell)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

function FilterForm(props: {
  lang: Lang;
  filters: Filters;
  published: string[];
  result: JurisdictionComparison | undefined;
}) {
  const { lang, filters, result } = props;
  const departments = [
    ...new Set((result?.rows ?? []).flatMap((row) => row.cells.map((c) => c.department ?? ''))),
  ]
    .filter(Boolean)
    .sort();
  const types = [...new Set((result?.rows ?? []).map((row) => row.item.type ?? ''))].filter(Boolean).sort();
  return (
    <form method="post" enctype="multipart/form-data" class="card">
      <fieldset>
        <legend>{t(lang, 'compareBatches')}</legend>
        {props.published.map((id) => (
          <label>
            <input type="checkbox" name="batch" value={id} checked={filters.batches.includes(id)} /> {id}
          </label>
        ))}
      </fieldset>
      <label>
        {t(lang, 'compareUpload')} <input type="file" name="files" accept=".json,application/json" multiple />
      </label>
      <label>
        {t(lang, 'compareK')} <input type="number" name="k" min="1" max="100" value={String(filters.k)} />
      </label>
      <label>
        {t(lang, 'compareDepartment')}{' '}
        <select name="department">
          <option value="">{t(lang, 'compareAll')}</option>
          {departments.map((d) => (
            <option value={d} selected={d === filters.department}>
              {d}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t(lang, 'compareItemType')}{' '}
        <select name="type">
          <option value="">{t(lang, 'compareAll')}</option>
          {types.map((d) => (
            <option value={d} selected={d === filters.itemType}>
              {d}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{t(lang, 'compareRun')}</button>
    </form>
  );
}

/**
 * 对标 (domain.md §13): the lists published here with other jurisdictions' uploaded publication
 * files, findings first, then the matrix, filterable by department and item type. The comparison
 * itself is the API's (`/api/comparisons`); the page only shows it.
 */
export const comparePages: PageModule = (deps) => {
  const app = new Hono();
  const render = async (c: Context, op: OperatorRequest, filters: Filters, uploads: unknown[]) => {
    const { lang, me } = op;
    const published = await op.call<Array<{ batchId: string }>>('GET', '/api/publications');
    const ids = [...new Set(published.ok ? published.body.map((p) => p.batchId) : [])];
    const batches = filters.batches.length > 0 ? filters.batches : ids;
    const result = await op.call<JurisdictionComparison>('POST', '/api/comparisons', {
      json: { batches, publications: uploads, minCancelledElsewhere: filters.k },
    });
    const shownFilters = { ...filters, batches };
    return c.html(
      <OperatorLayout
        lang={lang}
        me={me}
        title={t(lang, 'compareTitle')}
        path="/operator/compare"
        flash={op.flash}
      >
        <h1>{t(lang, 'compareTitle')}</h1>
        <p>{t(lang, 'compareIntro')}</p>
        <FilterForm
          lang={lang}
          filters={shownFilters}
          published={ids}
          result={result.ok ? result.body : undefined}
        />
        {result.ok ? (
          <ComparisonView lang={lang} result={result.body} filters={shownFilters} />
        ) : (
          <p class="msg error" role="alert">
            {problemText(lang, result)}
          </p>
        )}
      </OperatorLayout>,
      result.ok ? 200 : 422,
    );
  };
  const kOf = (value: unknown) => Math.max(1, Math.min(100, Number.parseInt(String(value ?? '2'), 10) || 2));

  app.get('/operator/compare', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    return render(
      c,
      op,
      {
        batches: c.req.queries('batch') ?? [],
        k: kOf(c.req.query('k')),
        department: c.req.query('department') ?? '',
        itemType: c.req.query('type') ?? '',
      },
      [],
    );
  });

  app.post('/operator/compare', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    const form = await c.req.parseBody({ all: true });
    const list = (value: unknown) => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
    const uploads: unknown[] = [];
    for (const file of list(form.files)) {
      if (!(file instanceof File) || file.size === 0) continue;
      try {
        uploads.push(JSON.parse(await file.text()));
      } catch {
        return c.html(
          <OperatorLayout
            lang={op.lang}
            me={op.me}
            title={t(op.lang, 'compareTitle')}
            path="/operator/compare"
          >
            <p class="msg error" role="alert">
              {t(op.lang, 'compareUploadInvalid')}
              {paren(op.lang, file.name)}
            </p>
          </OperatorLayout>,
          422,
        );
      }
    }
    return render(
      c,
      op,
      {
        batches: list(form.batch).map(String),
        k: kOf(form.k),
        department: String(form.department ?? ''),
        itemType: String(form.type ?? ''),
      },
      uploads,
    );
  });
  return app;
};
