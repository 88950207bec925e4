import type { ApiResult } from '../api-client';
import type { Lang } from '../i18n';

/**
 * A public form refused by the API, to show again as the reader left it: what they typed, each
 * refused field marked and tied to its message, the first one focused. Never redirected away.
 */
export interface FormState {
  values: Record<string, string>;
  /** Field name → zh-CN (or English) message. */
  errors: Record<string, string>;
  /** The message above the form, in plain words (no field paths). */
  message: string;
}

export function refusedForm(result: ApiResult, values: Record<string, string>, lang: Lang): FormState {
  const errors = result.fieldErrors;
  const fields = Object.keys(errors);
  const message =
    fields.length > 0
      ? lang === 'zh'
        ? `请修改标出的项目后再提交：${fields.map((f) => errors[f]).join('；')}`
        : 'Please correct the marked fields and send again.'
      : lang === 'zh'
        ? result.message
        : result.messageEn;
  return { values, errors, message };
}

/** The attributes of a field in a form shown again: invalid, described by its message, focused first. */
export function fieldAttrs(state: FormState | undefined, field: string, id: string) {
  const error = state?.errors[field];
  if (!error) return {};
  const first = Object.keys(state.errors)[0] === field;
  return { 'aria-invalid': 'true', 'aria-describedby': `${id}-error`, ...(first ? { autofocus: true } : {}) };
}

/** The message under a refused field. */
export function FieldError({
  state,
  field,
  id,
}: {
  state: FormState | undefined;
  field: string;
  id: string;
}) {
  const error = state?.errors[field];
  return error ? (
    <p class="field-error" id={`${id}-error`}>
      {error}
    </p>
  ) : null;
}
