import type { Decision, Material } from '@jianzheng/core';
import { categoryLabel, type PageDeps, ruleTitle } from '../deps';
import { colon, type Lang, paren, statusLabel, t } from '../i18n';
import { agreementLabel, factText, proposalLabel } from '../labels-workflow';
import { FlashMessage } from '../layout';
import type { Flash } from '../session';

export interface MaterialOut {
  material: Material;
  decision: Decision;
  annotation: { note: string; by: string; at: string } | null;
  version: number;
}

/** The engine's verdict in words: verdict, category and the deciding principle's title. */
export function EngineVerdict({ deps, lang, d }: { deps: PageDeps; lang: Lang; d: Decision }) {
  return (
    <>
      <strong>{t(lang, d.verdict)}</strong>
      {d.category ? paren(lang, categoryLabel(deps, lang, d.category)) : ''}
      {d.ruleId ? (
        <span class="small">
          {' '}
          · {t(lang, 'principle')}
          {colon(lang)}
          {ruleTitle(deps, lang, d.ruleId)}
        </span>
      ) : null}
    </>
  );
}

/** Every rule in evaluation order with its answer, reason and the facts it read (as `jianzheng explain`). */
export function Trace({ deps, lang, d, open }: { deps: PageDeps; lang: Lang; d: Decision; open?: boolean }) {
  return (
    <details class="trace" open={open}>
      <summary>{t(lang, 'trace')}</summary>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t(lang, 'principle')}</th>
              <th scope="col">{t(lang, 'verdict')}</th>
              <th scope="col">{t(lang, 'reason')}</th>
              <th scope="col">{t(lang, 'factsRead')}</th>
            </tr>
          </thead>
          <tbody>
            {d.trace.map((entry, i) => {
              const decides = entry.ruleId === d.ruleId;
              return (
                <tr class={decides ? 'decides' : entry.matched ? 'applies' : ''}>
                  <td class="num">{i + 1}</td>
                  <td>{ruleTitle(deps, lang, entry.ruleId)}</td>
                  <td>
                    {decides
                      ? t(lang, 'decides')
                      : entry.matched
                        ? t(lang, 'applies')
                        : t(lang, 'notApplies')}
                  </td>
                  <td>{entry.reason}</td>
                  <td class="small">
                    {Object.entries(entry.facts)
                      .map(([key, value]) => factText(lang, key, value))
                      .join(lang === 'zh' ? '；' : '; ')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function describeRetry(deps: PageDeps, lang: Lang, retry: Record<string, string>): string {
  if (retry.action === 'override') {
    const verdict = t(lang, retry.verdict === 'cancel' ? 'cancel' : 'retain');
    const category = retry.category ? paren(lang, categoryLabel(deps, lang, retry.category)) : '';
    return `${t(lang, 'override')}${colon(lang)}${verdict}${category} — ${retry.note ?? ''}`;
  }
  return `${t(lang, 'confirm')} — ${retry.note ?? ''}`;
}

/** The engine's verdict, the department's 清理意见, the status, the reason, the department's note and the trace. */
export function DecisionSummary({ deps, lang, row }: { deps: PageDeps; lang: Lang; row: MaterialOut }) {
  const { material: m, decision: d } = row;
  return (
    <>
      <ul class="meta">
        <li>
          {t(lang, 'engine')}
          {colon(lang)}
          <EngineVerdict deps={deps} lang={lang} d={d} />
        </li>
        <li>
          {t(lang, 'departmentProposal')}
          {colon(lang)}
          {proposalLabel(lang, m.departmentProposal)}
          {m.proposedMethod ? paren(lang, m.proposedMethod) : ''} · {agreementLabel(lang, d.agreement)}
        </li>
        <li>
          {t(lang, 'status')}
          {colon(lang)}
          <span class="status">{statusLabel(lang, d.status)}</span>
          {d.note ? paren(lang, d.note) : ''}
        </li>
      </ul>
      <p class="small">
        {t(lang, 'reason')}
        {colon(lang)}
        {d.reason}
      </p>
      {row.annotation ? (
        <p class="small">
          {t(lang, 'annotation')}
          {colon(lang)}
          {row.annotation.note}
        </p>
      ) : null}
      <Trace deps={deps} lang={lang} d={d} />
    </>
  );
}

/** One decision to settle: the material, the engine's trace, the department's view and the two forms. */
export function ReviewRow(props: {
  deps: PageDeps;
  row: MaterialOut;
  lang: Lang;
  action: string;
  flash: Flash | undefined;
  /** Whether the confirm / 改判 forms are offered (the role may review and the list is not frozen). */
  editable: boolean;
}) {
  const { row, lang, deps } = props;
  const { material: m, decision: d } = row;
  const id = m.id;
  const categories = [...deps.categories.keys()];
  const retry = props.flash?.retry;
  return (
    <article class="card" id={`m-${id}`} aria-labelledby={`t-${id}`}>
      <h2 id={`t-${id}`} style="font-size:1.05rem">
        {m.name}{' '}
        <span class="small">
          · {m.item.name} · {m.item.department}
        </span>
      </h2>
      <DecisionSummary deps={deps} lang={lang} row={row} />
      {props.flash ? <FlashMessage flash={props.flash} /> : null}
      {retry && props.editable ? (
        <section class="conflict" aria-label={t(lang, 'conflictTitle')}>
          <p>
            <strong>{t(lang, 'conflictTitle')}</strong>
          </p>
          <p>
            {t(lang, 'yourChange')}
            {colon(lang)}
            {describeRetry(deps, lang, retry)}
          </p>
          <p>
            {t(lang, 'currentVersion')}
            {colon(lang)}
            {statusLabel(lang, d.status)} · {t(lang, d.verdict)}
            {d.category ? paren(lang, categoryLabel(deps, lang, d.category)) : ''}
            {d.by ? ` · ${d.by}` : ''}
            {d.note ? ` — ${d.note}` : ''}
          </p>
          <form class="inline-form" method="post" action={props.action}>
            {Object.entries(retry)
              .filter(([name]) => name !== 'note')
              .map(([name, value]) => (
                <input type="hidden" name={name} value={value} />
              ))}
            <label for={`retry-note-${id}`}>{t(lang, 'note')}</label>
            <input id={`retry-note-${id}`} name="note" required maxlength={2000} value={retry.note ?? ''} />
            <input type="hidden" name="version" value={String(row.version)} />
            <input type="hidden" name="name" value={m.name} />
            <div>
              <button type="submit">{t(lang, 'reapply')}</button>
            </div>
          </form>
        </section>
      ) : null}
      {props.editable ? (
        <div class="row-forms">
          {/* A settled decision is not confirmed again; it may still be changed (改判). */}
          {d.status === 'proposed' ? (
            <form class="inline-form" method="post" action={props.action}>
              <input type="hidden" name="action" value="confirm" />
              <input type="hidden" name="version" value={String(row.version)} />
              <input type="hidden" name="name" value={m.name} />
              <label for={`confirm-note-${id}`}>{t(lang, 'note')}</label>
              <input id={`confirm-note-${id}`} name="note" required maxlength={2000} />
              <div>
                <button type="submit">{t(lang, 'confirm')}</button>
              </div>
            </form>
          ) : null}
          <form class="inline-form" method="post" action={props.action}>
            <input type="hidden" name="action" value="override" />
            <input type="hidden" name="version" value={String(row.version)} />
            <input type="hidden" name="name" value={m.name} />
            <label for={`verdict-${id}`}>{t(lang, 'verdict')}</label>
            <select id={`verdict-${id}`} name="verdict">
              <option value="retain" selected={d.verdict === 'cancel'}>
                {t(lang, 'retain')}
              </option>
              <option value="cancel" selected={d.verdict === 'retain'}>
                {t(lang, 'cancel')}
              </option>
            </select>
            <label for={`category-${id}`}>
              {t(lang, 'category')}{' '}
              <span class="hint">{lang === 'zh' ? '（改为取消时必选）' : '(needed for cancel)'}</span>
            </label>
            <select id={`category-${id}`} name="category">
              <option value="">—</option>
              {categories.map((cat) => (
                <option value={cat} selected={cat === d.category}>
                  {categoryLabel(deps, lang, cat)}
                </option>
              ))}
            </select>
            <label for={`replacement-${id}`}>{t(lang, 'replacement')}</label>
            <input id={`replacement-${id}`} name="replacement" maxlength={500} />
            <label for={`public-reason-${id}`}>
              {lang === 'zh' ? '公开依据' : 'Public basis'}{' '}
              <span class="hint">
                {lang === 'zh'
                  ? '（选填，随清单公布；审核意见不公布）'
                  : '(optional, published; the note is not)'}
              </span>
            </label>
            <input id={`public-reason-${id}`} name="publicReason" maxlength={500} />
            <label for={`override-note-${id}`}>{t(lang, 'note')}</label>
            <input id={`override-note-${id}`} name="note" required maxlength={2000} />
            <div>
              <button type="submit">{t(lang, 'override')}</button>
            </div>
          </form>
        </div>
      ) : null}
    </article>
  );
}
