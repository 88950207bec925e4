import { formatDayZh, LEGAL_LEVEL_LABELS } from '@jianzheng/core';
import { colon, type Lang, paren, t } from '../i18n';
import { withLang } from '../layout';
import type { PublicItem, PublicList, PublicMaterial } from '../public-lists';

export function ListMeta({ list, lang }: { list: PublicList; lang: Lang }) {
  if (list.stage === 'public-comment') {
    return (
      <ul class="meta">
        <li>
          <strong>{t(lang, 'commentPeriod')}</strong>
        </li>
        {list.commentPeriod ? (
          <li>
            {t(lang, 'commentPeriodDates')}
            {colon(lang)}
            {list.commentPeriod.start} – {list.commentPeriod.end}
          </li>
        ) : null}
        {list.commentPeriod ? (
          <li>
            {t(lang, 'channel')}
            {colon(lang)}
            {list.commentPeriod.channel}
          </li>
        ) : null}
      </ul>
    );
  }
  return (
    <ul class="meta">
      <li>
        {t(lang, 'publishedAt')}
        {colon(lang)}
        {list.publishedAt}
      </li>
      <li>
        {t(lang, 'docNumber')}
        {colon(lang)}
        {list.documentNumber ?? t(lang, 'none')}
      </li>
      <li>
        {t(lang, 'version')}
        {colon(lang)}
        {list.version}
      </li>
      {list.links ? (
        <li>
          <a href={list.links.json}>{t(lang, 'downloadJson')}</a> ·{' '}
          <a href={list.links.xlsx}>{t(lang, 'downloadExcel')}</a>
        </li>
      ) : null}
    </ul>
  );
}

/**
 * What a citizen does now instead of bringing the material: the office gets it from a shared
 * source or its own records, a written commitment replaces it, or it is simply no longer needed.
 * Never a bare category label.
 */
export function howNowText(material: PublicMaterial, lang: Lang): string {
  const r =
    material.replacement && material.replacement !== material.category?.zh ? material.replacement : null;
  // A planned cancellation (domain.md §10) says from which day: until then it is still required.
  const day = material.effectiveFrom;
  const none = day
    ? lang === 'zh'
      ? `自${formatDayZh(day)}起无需提交`
      : `Not needed from ${day}`
    : lang === 'zh'
      ? '无需提交'
      : 'Not needed';
  switch (material.category?.id) {
    case 'information-sharing':
      return lang === 'zh'
        ? // The rule's own replacement already says “通过…共享获取”: not “通过通过…获取获取”.
          `${none}，由办理部门${r?.startsWith('通过') ? r : `通过${r ?? '信息共享'}获取`}核验`
        : `${none}: the office obtains it through ${r ?? 'data sharing'}`;
    case 'internal-query':
      return lang === 'zh'
        ? `${none}，由办理部门内部查询${r ? `（${r}）` : ''}`
        : `${none}: the office looks it up internally${r ? ` (${r})` : ''}`;
    case 'commitment':
      return lang === 'zh'
        ? `${none}，改为申请人书面承诺（告知承诺），事中事后核查${r ? `（${r}）` : ''}`
        : `${none}: replaced by your written commitment, checked afterwards${r ? ` (${r})` : ''}`;
    default:
      return day ? none : lang === 'zh' ? '无需提交' : 'No longer needed';
  }
}

/** The tag of a cancelled material: “计划取消” for one that takes effect on a later day. */
export function CancelTag({ material, lang }: { material: PublicMaterial; lang: Lang }) {
  return material.effectiveFrom ? (
    <span class="tag planned">{t(lang, 'planned')}</span>
  ) : (
    <span class="tag gone">{t(lang, 'cancel')}</span>
  );
}

/** “3” or “3（其中计划取消 1）”: cancellations counted together and planned ones apart. */
export function cancelledCount(materials: readonly PublicMaterial[], lang: Lang): string {
  const cancelled = materials.filter((m) => m.verdict === 'cancel');
  const planned = cancelled.filter((m) => m.effectiveFrom).length;
  if (planned === 0) return String(cancelled.length);
  return lang === 'zh'
    ? `${cancelled.length}（${t(lang, 'plannedOf')} ${planned}）`
    : `${cancelled.length} (${t(lang, 'plannedOf')} ${planned})`;
}

export function How({ material, lang }: { material: PublicMaterial; lang: Lang }) {
  return (
    <span class="how">
      {t(lang, 'howNow')}
      {colon(lang)}
      {howNowText(material, lang)}
      {material.category ? (
        <span class="small">
          {' '}
          · {lang === 'zh' ? '取消方式' : 'how cancelled'}
          {colon(lang)}
          {lang === 'zh'
            ? (material.wording?.zh ?? material.category.zh)
            : (material.wording?.en ?? material.category.en)}
        </span>
      ) : null}
      {material.basis ? (
        <span class="small basis">
          {' '}
          · {lang === 'zh' ? '依据' : 'basis'}
          {colon(lang)}
          {material.basis}
        </span>
      ) : null}
    </span>
  );
}

/** What a retained material rests on (保留清单, domain.md §14): its 设定依据 and who issues it. */
/** A level a reader can weigh; `none`/`unknown` say nothing about the basis, so they are not shown. */
function retainedLevel(level: string | null, lang: Lang): string | null {
  if (!level || level === 'none' || level === 'unknown') return null;
  return LEGAL_LEVEL_LABELS[level as keyof typeof LEGAL_LEVEL_LABELS]?.[lang] ?? null;
}

export function Retained({ material, lang }: { material: PublicMaterial; lang: Lang }) {
  const parts: string[] = [];
  // 47号文: a retained 证明 shows what sets it and at which level (domain.md §14 保留清单).
  const level = retainedLevel(material.legalBasisLevel ?? null, lang);
  if (material.legalBasis)
    parts.push(
      `${lang === 'zh' ? '设定依据' : 'legal basis'}${colon(lang)}${material.legalBasis}${level ? paren(lang, level) : ''}`,
    );
  if (material.issuer)
    parts.push(`${lang === 'zh' ? '开具单位' : 'issued by'}${colon(lang)}${material.issuer}`);
  if (material.basis) parts.push(`${lang === 'zh' ? '保留原因' : 'why kept'}${colon(lang)}${material.basis}`);
  return parts.length > 0 ? <span class="small retained">{parts.join(' · ')}</span> : null;
}

/** An item as shown: with the ids of the materials a search matched, if any. */
type ShownItem = PublicItem & { matched?: ReadonlySet<string> | null };

function Name({ item, material }: { item: ShownItem; material: PublicMaterial }) {
  const matched = item.matched;
  return matched?.has(material.id) ? <mark>{material.name}</mark> : material.name;
}

export function MaterialLists({ item, lang }: { item: ShownItem; lang: Lang }) {
  const required = item.materials.filter((m) => m.verdict === 'retain');
  const cancelled = item.materials.filter((m) => m.verdict === 'cancel');
  return (
    <div class="cols">
      <section>
        <p class="small">
          <strong>
            {t(lang, 'stillRequired')}
            {paren(lang, required.length)}
          </strong>
        </p>
        <ul class="materials">
          {required.map((m) => (
            <li>
              <span class="tag keep">{t(lang, 'retain')}</span>
              <Name item={item} material={m} />
              <br />
              <Retained material={m} lang={lang} />
            </li>
          ))}
        </ul>
      </section>
      <section>
        <p class="small">
          <strong>
            {t(lang, 'cancelled')}
            {paren(lang, cancelledCount(cancelled, lang))}
          </strong>
        </p>
        <ul class="materials">
          {cancelled.map((m) => (
            <li>
              <CancelTag material={m} lang={lang} />
              <Name item={item} material={m} />
              <br />
              <How material={m} lang={lang} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

/** The link to the next page of a paged list (a cursor in its URL); nothing on the last page. */
export function NextPageLink({ href, lang }: { href: string | null; lang: Lang }) {
  return href ? (
    <p>
      <a href={href} rel="next" id="next-page">
        {t(lang, 'nextPage')}
      </a>
    </p>
  ) : null;
}

export function itemHref(list: PublicList, item: PublicItem, lang: Lang) {
  return withLang(`/items/${encodeURIComponent(list.batchId)}/${item.slug}`, lang);
}
