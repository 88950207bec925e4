import type { ProgrammeFigures, RoundFigures } from '@jianzheng/core';
import { type Lang, stageLabel, t } from '../i18n';
import { withLang } from '../layout';
import { batchPath } from './guard';

const count = (n: number) => n.toLocaleString('en-US');
const rate1 = (n: number) => `${n.toFixed(1)}%`;

/** The totals sentence, as the press release states them. */
function totalsText(lang: Lang, f: ProgrammeFigures): string {
  const x = f.totals;
  if (lang === 'en')
    return (
      `${x.submitted} of ${x.units} units submitted; ${count(x.materials)} materials, ${count(x.proposed)} proposed for cancellation (${rate1(x.proposedRate)}).` +
      (x.publishedMaterials > 0
        ? ` Published batches: ${count(x.cancelled)} of ${count(x.publishedMaterials)} cancelled (${rate1(x.cancelledRate)}).`
        : ' No batch published yet.')
    );
  return (
    `应报送单位 ${x.units} 个，已报送 ${x.submitted} 个；申请材料 ${count(x.materials)} 项，拟取消 ${count(x.proposed)} 项，占比 ${rate1(x.proposedRate)}。` +
    (x.publishedMaterials > 0
      ? `已公布批次申请材料 ${count(x.publishedMaterials)} 项，取消 ${count(x.cancelled)} 项，占比 ${rate1(x.cancelledRate)}。`
      : '尚无已公布的批次。')
  );
}

function roundText(lang: Lang, r: RoundFigures): string {
  if (r.targetRate === null)
    return lang === 'en'
      ? `${r.title}: ${count(r.cumulative)} of ${count(r.baseline.materials)} (baseline ${r.baseline.date}) cut, ${r.reductionRate.toFixed(2)}%; no target set`
      : `${r.title}：基数 ${count(r.baseline.materials)} 项（${r.baseline.date}），累计减少 ${count(r.cumulative)} 项，占 ${r.reductionRate.toFixed(2)}%，未设目标`;
  if (lang === 'en')
    return `${r.title}: ${count(r.cumulative)} of ${count(r.baseline.materials)} (baseline ${r.baseline.date}) cut, ${r.reductionRate.toFixed(2)}% against a target of ${r.targetRate}% — ${r.met ? 'met' : `not met, ${count(r.remaining ?? 0)} to go`}`;
  return `${r.title}：基数 ${count(r.baseline.materials)} 项（${r.baseline.date}），累计减少 ${count(r.cumulative)} 项，占 ${r.reductionRate.toFixed(2)}%，目标 ${r.targetRate}%，${r.met ? '已达标' : `未达标，尚差 ${count(r.remaining ?? 0)} 项`}`;
}

/** The reduction as a bar with the target as a vertical line: inline SVG, no script. */
function TargetLine({ round, id, lang }: { round: RoundFigures; id: string; lang: Lang }) {
  const width = 400;
  const x = (rate: number) => Math.round((Math.min(100, Math.max(0, rate)) / 100) * width);
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title`}
      viewBox={`0 0 ${width} 28`}
      width="100%"
      style="max-width:560px;height:auto"
      id={id}
      class="target-line"
    >
      <title id={`${id}-title`}>{roundText(lang, round)}</title>
      <rect x={0} y={6} width={width} height={16} fill="#eee" rx="2" />
      <rect
        x={0}
        y={6}
        width={x(round.reductionRate)}
        height={16}
        fill={round.met ? '#2e6b30' : '#8c1c13'}
        rx="2"
      />
      {round.targetRate === null ? null : (
        <line
          class="target"
          x1={x(round.targetRate)}
          x2={x(round.targetRate)}
          y1={0}
          y2={28}
          stroke="#1a1a1a"
          stroke-width="2"
        />
      )}
    </svg>
  );
}

/** One programme on the operators' home: totals, every round against its target, and the units. */
export function ProgrammeSection({ lang, figures }: { lang: Lang; figures: ProgrammeFigures }) {
  const f = figures;
  const key = `programme-${f.id}`;
  return (
    <section class="card programme" id={key} aria-labelledby={`${key}-title`}>
      <h2 id={`${key}-title`}>
        {t(lang, 'programme')} · {f.title}
      </h2>
      <p class="programme-totals">{totalsText(lang, f)}</p>
      {f.rounds.length > 0 ? (
        <div class="programme-rounds">
          <h3>{t(lang, 'programmeTarget')}</h3>
          {f.rounds.map((r) => (
            <div class="round" data-met={r.met === null ? 'no-target' : r.met ? 'yes' : 'no'}>
              <p>{roundText(lang, r)}</p>
              <TargetLine round={r} id={`${key}-${r.id}`} lang={lang} />
            </div>
          ))}
        </div>
      ) : null}
      <h3>{t(lang, 'programmeUnits')}</h3>
      <div class="scroll">
        <table class="programme-units">
          <thead>
            <tr>
              <th scope="col">{t(lang, 'unit')}</th>
              <th scope="col">{t(lang, 'unitState')}</th>
              <th scope="col">{t(lang, 'unitBatch')}</th>
              <th scope="col">{t(lang, 'stage')}</th>
              <th scope="col" class="num">
                {t(lang, 'unitMaterials')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'unitProposed')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'unitProposedRate')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'unitCancelled')}
              </th>
            </tr>
          </thead>
          <tbody>
            {f.units.map((u) => (
              <tr data-state={u.state}>
                <th scope="row">{u.name}</th>
                <td>{t(lang, u.state === 'submitted' ? 'stateSubmitted' : 'stateDue')}</td>
                <td>
                  {u.batch ? (
                    <a href={withLang(batchPath(u.batch), lang)}>{u.batchTitle ?? u.batch}</a>
                  ) : (
                    t(lang, 'unassigned')
                  )}
                </td>
                <td>{u.stage ? stageLabel(lang, u.stage) : '—'}</td>
                <td class="num">{count(u.materials)}</td>
                <td class="num">{count(u.proposed)}</td>
                <td class="num">{rate1(u.proposedRate)}</td>
                <td class="num">{u.cancelled === null ? '—' : count(u.cancelled)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t(lang, 'programmeTotal')}</th>
              <td>
                {f.totals.submitted} / {f.totals.units}
              </td>
              <td />
              <td />
              <td class="num">{count(f.totals.materials)}</td>
              <td class="num">{count(f.totals.proposed)}</td>
              <td class="num">{rate1(f.totals.proposedRate)}</td>
              <td class="num">{f.totals.publishedMaterials > 0 ? count(f.totals.cancelled) : '—'}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
