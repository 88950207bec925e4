import { formatLocalDate } from '@jianzheng/core';
import type { Context } from 'hono';
import { type ApiFetch, callApi } from '../api-client';
import { type Lang, t } from '../i18n';

interface Ref {
  department: string;
  item: { name: string };
  name: string;
}

/** A change a later version made to one of this item's materials. */
export interface VersionNote {
  version: number;
  date: string;
  kind: 'restored' | 'newlyCancelled' | 'added' | 'removed';
  material: string;
}

const KINDS = ['restored', 'newlyCancelled', 'added', 'removed'] as const;

/** Reads the published versions' diffs through the public API and keeps what concerns this item. */
export async function versionNotes(
  api: ApiFetch,
  c: Context,
  batchId: string,
  department: string,
  itemName: string,
  timeZone?: string,
): Promise<VersionNote[]> {
  const base = `/api/batches/${encodeURIComponent(batchId)}/publications`;
  const versions = await callApi<
    Array<{ version: number; publishedAt: string; links: { diff: string | null } }>
  >(api, c, 'GET', base);
  if (!versions.ok) return [];
  const notes: VersionNote[] = [];
  for (const v of versions.body) {
    if (!v.links.diff) continue;
    const diff = await callApi<Record<string, Ref[]>>(api, c, 'GET', v.links.diff);
    if (!diff.ok) continue;
    for (const kind of KINDS)
      for (const entry of diff.body[kind] ?? [])
        if (entry.department === department && entry.item.name === itemName)
          notes.push({
            version: v.version,
            date: formatLocalDate(v.publishedAt, timeZone, 'date'),
            kind,
            material: entry.name,
          });
  }
  return notes.sort((a, b) => a.version - b.version);
}

const TEXT: Record<VersionNote['kind'], { zh: (m: string) => string; en: (m: string) => string }> = {
  restored: { zh: (m) => `“${m}”恢复为需提交`, en: (m) => `“${m}” is required again` },
  newlyCancelled: { zh: (m) => `“${m}”改为无需提交`, en: (m) => `“${m}” is no longer needed` },
  added: { zh: (m) => `新增材料“${m}”`, en: (m) => `“${m}” was added` },
  removed: { zh: (m) => `材料“${m}”不再列出`, en: (m) => `“${m}” was removed from the list` },
};

/** “2018-10-08 第 2 版：‘户口簿’恢复为需提交” — what changed for this item since the first version. */
export function VersionNotes({ lang, notes }: { lang: Lang; notes: VersionNote[] }) {
  if (notes.length === 0) return null;
  return (
    <section class="card" aria-labelledby="changes-title">
      <h2 id="changes-title">{lang === 'zh' ? '后续版本的调整' : 'Changes in later versions'}</h2>
      <ul id="version-notes">
        {notes.map((n) => (
          <li class={n.kind === 'restored' ? 'restored' : undefined}>
            {n.date} · {t(lang, 'version')} {n.version}
            {lang === 'zh' ? '：' : ': '}
            {TEXT[n.kind][lang](n.material)}
          </li>
        ))}
      </ul>
    </section>
  );
}
