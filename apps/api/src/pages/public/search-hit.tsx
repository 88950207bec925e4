import { colon, type Lang, t, tn } from '../i18n';
import type { PublicItem } from '../public-lists';
import { CancelTag, cancelledCount, How, MaterialLists } from './components';

/**
 * One item in the search results, short enough for a phone: the materials whose names matched,
 * then the item's other materials behind “其余 N 项材料”. When the item's own name matched, its
 * counts, with every material behind the same toggle.
 */
export function SearchHit({
  item,
  matched,
  lang,
}: {
  item: PublicItem;
  matched: ReadonlySet<string> | null;
  lang: Lang;
}) {
  const hits = matched ? item.materials.filter((m) => matched.has(m.id)) : [];
  const rest = matched ? item.materials.filter((m) => !matched.has(m.id)) : item.materials;
  const required = item.materials.filter((m) => m.verdict === 'retain').length;
  return (
    <>
      {hits.length > 0 ? (
        <ul class="materials">
          {hits.map((m) => (
            <li>
              {m.verdict === 'retain' ? <span class="tag keep">{t(lang, 'retain')}</span> : null}
              {m.verdict === 'cancel' ? <CancelTag material={m} lang={lang} /> : null}
              <mark>{m.name}</mark>
              {m.verdict === 'cancel' ? (
                <>
                  <br />
                  <How material={m} lang={lang} />
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>
          {t(lang, 'stillRequired')}
          {colon(lang)}
          {required} · {t(lang, 'cancelledCount')}
          {colon(lang)}
          {cancelledCount(item.materials, lang)}
        </p>
      )}
      {rest.length > 0 ? (
        <details>
          <summary>{tn(lang, hits.length > 0 ? 'otherMaterials' : 'allMaterials', rest.length)}</summary>
          <MaterialLists item={{ ...item, materials: rest }} lang={lang} />
        </details>
      ) : null}
    </>
  );
}
