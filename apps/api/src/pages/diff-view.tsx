import type { PageDeps } from './deps';
import { categoryLabel } from './deps';
import { colon, type Lang, paren, type TextKey, t } from './i18n';

interface Ref {
  id: string;
  department: string;
  item: { name: string };
  name: string;
}
interface Side {
  verdict: string;
  category: { id: string } | string | null;
}
type Entry = Ref & {
  from?: Side;
  to?: Side;
  changes?: Array<{ field: string; from: string | null; to: string | null }>;
};

/** The JSON diff of two publications (`@jianzheng/json`'s PublicationDiff), read loosely. */
export interface DiffData {
  adjustmentReason: string | null;
  added: Entry[];
  removed: Entry[];
  newlyCancelled: Entry[];
  restored: Entry[];
  recategorised: Entry[];
  changedFacts: Entry[];
  counts: Record<string, number>;
}

const KINDS: Array<keyof DiffData & TextKey> = [
  'restored',
  'newlyCancelled',
  'recategorised',
  'added',
  'removed',
  'changedFacts',
];

const FIELDS: Record<string, { zh: string; en: string }> = {
  name: { zh: '材料名称', en: 'name' },
  source: { zh: '材料来源', en: 'source' },
  issuer: { zh: '开具单位', en: 'issuer' },
  legalBasis: { zh: '设定依据', en: 'legal basis' },
  replacement: { zh: '替代方式', en: 'replacement' },
};

const categoryId = (c: Side['category']) => (c === null ? null : typeof c === 'string' ? c : c.id);

/** An adjustment notice: what changed between two versions, restored materials (边减边增) first and marked. */
export function DiffView({ deps, lang, diff }: { deps: PageDeps; lang: Lang; diff: DiffData }) {
  const side = (s: Side | undefined) =>
    s
      ? `${t(lang, s.verdict === 'cancel' ? 'cancel' : 'retain')}${s.category ? paren(lang, categoryLabel(deps, lang, categoryId(s.category))) : ''}`
      : '';
  return (
    <div class="diff">
      <p class="meta">
        {KINDS.map((kind) => (
          <span>
            {t(lang, kind)} {diff.counts[kind] ?? 0}
          </span>
        ))}
        <span>
          {t(lang, 'unchanged')} {diff.counts.unchanged ?? 0}
        </span>
      </p>
      {KINDS.map((kind) => {
        const list = diff[kind] as Entry[];
        if (list.length === 0) return null;
        return (
          <section class={`diff-${kind}`}>
            <h4>
              {t(lang, kind)}
              {paren(lang, list.length)}
            </h4>
            <ul>
              {list.map((e) => (
                <li class={kind === 'restored' ? 'restored' : undefined}>
                  {e.department} · {e.item.name} · <strong>{e.name}</strong>
                  {e.from && e.to ? ` — ${side(e.from)} → ${side(e.to)}` : ''}
                  {e.changes
                    ? ` — ${e.changes.map((ch) => `${FIELDS[ch.field]?.[lang] ?? ch.field}${colon(lang)}${ch.from ?? '—'} → ${ch.to ?? '—'}`).join('；')}`
                    : ''}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
