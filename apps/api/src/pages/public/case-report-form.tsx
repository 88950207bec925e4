import { CASE_LIMITS } from '@jianzheng/core';
import type { Lang } from '../i18n';
import { FlashMessage, withLang } from '../layout';
import type { Flash } from '../session';
import { FieldError, type FormState, fieldAttrs } from './form-state';

/**
 * “仍被要求提交？” — the report form under a published item's cancelled materials (domain.md §12).
 * A plain form (no script): it posts to `/items/…/cases`, which relays it to the cases API.
 */
export function CaseReportForm(props: {
  lang: Lang;
  action: string;
  materials: ReadonlyArray<{ id: string; name: string }>;
  flash: Flash | undefined;
  /** The form as the reader sent it, when the API refused it. */
  state?: FormState | undefined;
}) {
  const { lang, state } = props;
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
      {state ? (
        <p class="msg error" role="alert" id="report-message">
          {state.message}
        </p>
      ) : null}
      <form class="inline-form" method="post" action={props.action}>
        <label for="case-material">{zh ? '被要求提交的材料' : 'Material demanded'}</label>
        <select
          id="case-material"
          name="materialId"
          required
          {...fieldAttrs(state, 'materialId', 'case-material')}
        >
          {props.materials.map((m) => (
            <option value={m.id} selected={state?.values.materialId === m.id}>
              {m.name}
            </option>
          ))}
        </select>
        <FieldError state={state} field="materialId" id="case-material" />
        <label for="case-place">
          {zh ? '办事窗口或大厅' : 'Window or hall'}{' '}
          <span class="hint">{zh ? '例如：市民中心 3 号窗口' : ''}</span>
        </label>
        <input
          id="case-place"
          name="place"
          required
          maxlength={CASE_LIMITS.place}
          value={state?.values.place}
          {...fieldAttrs(state, 'place', 'case-place')}
        />
        <FieldError state={state} field="place" id="case-place" />
        <label for="case-date">{zh ? '日期' : 'Date'}</label>
        <input
          id="case-date"
          name="happenedOn"
          type="date"
          required
          value={state?.values.happenedOn}
          {...fieldAttrs(state, 'happenedOn', 'case-date')}
        />
        <FieldError state={state} field="happenedOn" id="case-date" />
        <label for="case-description">{zh ? '发生了什么' : 'What happened'}</label>
        <textarea
          id="case-description"
          name="description"
          required
          maxlength={CASE_LIMITS.description}
          {...fieldAttrs(state, 'description', 'case-description')}
        >
          {state?.values.description ?? ''}
        </textarea>
        <FieldError state={state} field="description" id="case-description" />
        <label for="case-contact">
          {zh ? '联系方式（选填，不公开）' : 'Contact (optional, never public)'}
        </label>
        <input
          id="case-contact"
          name="contact"
          maxlength={CASE_LIMITS.contact}
          autocomplete="tel"
          value={state?.values.contact}
          {...fieldAttrs(state, 'contact', 'case-contact')}
        />
        <FieldError state={state} field="contact" id="case-contact" />
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
