import { stageLabel as coreStageLabel } from '@jianzheng/core';
import { COMPARE_LABELS } from './labels-compare';
import { LETTER_LABELS } from './labels-letters';
import { OPERATOR_LABELS } from './labels-operator';
import { PROGRAMME_LABELS } from './labels-programme';
import { PUBLIC_LABELS } from './labels-public';
import { WORKFLOW_LABELS } from './labels-workflow';

/** The page language: zh-CN by default, English labels with `?lang=en`. */
export type Lang = 'zh' | 'en';

export function langOf(query: string | undefined): Lang {
  return query === 'en' ? 'en' : 'zh';
}

/**
 * Every label a person reads, in both languages. A new page brings its own `labels-<page>.ts`
 * (an object of `{ zh, en }` pairs) and spreads it here; `t()` then knows its keys.
 */
const TEXT = {
  ...PUBLIC_LABELS,
  ...OPERATOR_LABELS,
  ...WORKFLOW_LABELS,
  ...COMPARE_LABELS,
  ...LETTER_LABELS,
  ...PROGRAMME_LABELS,
} as const;

export type TextKey = keyof typeof TEXT;

export function t(lang: Lang, key: TextKey): string {
  return TEXT[key][lang];
}

/** A label with a count in it (`{n}`), as “其余 3 项材料”. */
export function tn(lang: Lang, key: TextKey, n: number): string {
  return TEXT[key][lang].replace('{n}', String(n));
}

type Table = Record<string, { zh: string; en: string }>;

/** A label from a table keyed by a domain value; an unknown value is shown as it is. */
export function labelOf(table: Table, lang: Lang, value: string): string {
  return table[value]?.[lang] ?? value;
}

/** A stage's label from core's one table (domain.md §5). */
export function stageLabel(lang: Lang, stage: string): string {
  return coreStageLabel(stage, lang);
}

const STATUS: Table = {
  proposed: { zh: '待审核', en: 'proposed' },
  confirmed: { zh: '已确认', en: 'confirmed' },
  overridden: { zh: '已改判', en: 'overridden' },
};

export function statusLabel(lang: Lang, status: string): string {
  return labelOf(STATUS, lang, status);
}

/** Full-width punctuation reads right between Chinese words; English text wants ASCII. */
export function colon(lang: Lang): string {
  return lang === 'zh' ? '：' : ': ';
}

export function paren(lang: Lang, text: string | number): string {
  return lang === 'zh' ? `（${text}）` : ` (${text})`;
}
