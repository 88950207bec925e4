import { type BatchDetails, stageStatus, TransitionInputSchema } from '@jianzheng/core';
import { Hono } from 'hono';
import type { PageModule } from '../deps';
import { type Lang, paren, t } from '../i18n';
import { actionLabel, actionOutcome, choiceLabel, fieldLabel } from '../labels-workflow';
import { FlashMessage, withLang } from '../layout';
import { setFlash } from '../session';
import { apiBatch, batchPath, type Me, may, operatorRequest, problemText } from './guard';

interface FieldSpec {
  name: string;
  kind: 'date' | 'text' | 'choice';
  choices: string[];
  optional: boolean;
}

interface LooseSchema {
  safeParse(value: unknown): { success: boolean };
  options?: string[];
}

/**
 * The fields of each transition form, read from core's TransitionInputSchema so the form always
 * asks for exactly what the API will validate. A field that accepts an ISO date and refuses a
 * word is a date field.
 */
function transitionFields(): Map<string, FieldSpec[]> {
  const forms = new Map<string, FieldSpec[]>();
  const variants = (
    TransitionInputSchema as unknown as { options: Array<{ shape: Record<string, LooseSchema> }> }
  ).options;
  for (const variant of variants) {
    const shape = variant.shape;
    const action = (shape.action as unknown as { value: string }).value;
    const fields: FieldSpec[] = [];
    for (const [name, schema] of Object.entries(shape)) {
      if (name === 'action') continue;
      const optional = schema.safeParse(undefined).success;
      const inner = (schema as unknown as { unwrap?: () => LooseSchema }).unwrap?.() ?? schema;
      const choices = Array.isArray(inner.options) ? inner.options : [];
      const isDate = schema.safeParse('2024-01-31').success && !schema.safeParse('abc').success;
      fields.push({ name, kind: choices.length ? 'choice' : isDate ? 'date' : 'text', choices, optional });
    }
    forms.set(action, fields);
  }
  return forms;
}

const FORMS = transitionFields();

/** The transitions this stage allows that this operator's role may make. */
export function actionsFor(me: Me, allowed: readonly string[]): string[] {
  return allowed.filter((action) => may(me, `transition.${action}` as never));
}

/** One form per transition the operator may make now, with the fields that transition needs. */
export function TransitionForms(props: {
  lang: Lang;
  batchId: string;
  actions: string[];
  /** The fields of a refused transition, shown again in its form. */
  refused?: { action: string; fields: Record<string, string>; text: string } | undefined;
}) {
  const { lang } = props;
  return (
    <>
      {props.actions.map((action) => {
        const given = props.refused?.action === action ? props.refused.fields : {};
        return (
          <form
            class="inline-form"
            method="post"
            action={withLang(batchPath(props.batchId, '/transitions'), lang)}
            data-action={action}
          >
            <fieldset>
              <legend>{actionLabel(lang, action)}</legend>
              <p class="small">
                {t(lang, 'outcome')}
                {lang === 'zh' ? '：' : ': '}
                {actionOutcome(lang, action)}
              </p>
              {props.refused?.action === action ? (
                <FlashMessage flash={{ kind: 'error', text: props.refused.text }} />
              ) : null}
              <input type="hidden" name="action" value={action} />
              {(FORMS.get(action) ?? []).map((f) => (
                <div>
                  <label for={`${action}-${f.name}`}>
                    {fieldLabel(lang, f.name, action)}
                    {f.optional ? <span class="hint">{paren(lang, t(lang, 'optional'))}</span> : null}
                  </label>
                  {f.kind === 'choice' ? (
                    <select id={`${action}-${f.name}`} name={f.name} required={!f.optional}>
                      {f.choices.map((choice) => (
                        <option value={choice} selected={given[f.name] === choice}>
                          {choiceLabel(lang, choice)}
                        </option>
                      ))}
                    </select>
                  ) : f.name === 'notes' || f.name === 'reason' ? (
                    <textarea id={`${action}-${f.name}`} name={f.name} required={!f.optional}>
                      {given[f.name] ?? ''}
                    </textarea>
                  ) : (
                    <input
                      id={`${action}-${f.name}`}
                      name={f.name}
                      type={f.kind === 'date' ? 'date' : 'text'}
                      required={!f.optional}
                      value={given[f.name] ?? ''}
                    />
                  )}
                </div>
              ))}
              <div>
                <button type="submit">{actionLabel(lang, action)}</button>
              </div>
            </fieldset>
          </form>
        );
      })}
    </>
  );
}

/** The transition forms post here; the API validates, guards and records the step. */
export const transitionPages: PageModule = (deps) => {
  const app = new Hono();
  app.post('/operator/batches/:batchId/transitions', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    const { lang } = op;
    const batchId = c.req.param('batchId');
    const form = await c.req.parseBody();
    const action = String(form.action ?? '');
    const body: Record<string, string> = { action };
    for (const f of FORMS.get(action) ?? []) {
      const value = String(form[f.name] ?? '').trim();
      if (value || !f.optional) body[f.name] = value;
    }
    const result = await op.call<{ batch: { stage: string; details: BatchDetails } }>(
      'POST',
      apiBatch(batchId, '/transitions'),
      { json: body },
    );
    // Said in words after each step: what was done and where the list stands now.
    const sep = lang === 'zh' ? '：' : ': ';
    setFlash(
      c,
      result.ok
        ? {
            kind: 'ok',
            text:
              `${t(lang, 'transitionDone')}${sep}${actionLabel(lang, action)}${lang === 'zh' ? '。' : '. '}` +
              `${t(lang, 'stageNow')}${sep}${stageStatus(result.body.batch.stage, result.body.batch.details, lang)}`,
          }
        : // What was typed comes back into the refused form (dates, names, notes: nothing secret).
          { kind: 'error', text: problemText(lang, result), target: action, retry: body },
    );
    return c.redirect(withLang(batchPath(batchId), lang), 303);
  });
  return app;
};
