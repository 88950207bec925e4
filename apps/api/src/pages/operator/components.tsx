import type { Child } from 'hono/jsx';
import type { Permission } from '../../permissions';
import { colon, type Lang, type TextKey, t } from '../i18n';
import { roleLabel } from '../labels-workflow';
import { Layout, withLang } from '../layout';
import type { Flash } from '../session';
import { batchPath, type Me, may } from './guard';

export function LogoutForm({ lang }: { lang: Lang }) {
  return (
    <form method="post" action={withLang('/operator/logout', lang)} class="logout">
      <button class="secondary" type="submit">
        {t(lang, 'logout')}
      </button>
    </form>
  );
}

/** The operator's frame: who is signed in, the way back to the batches, the audit log, logout. */
export function OperatorLayout(props: {
  lang: Lang;
  me: Me;
  title: string;
  path: string;
  flash?: Flash | undefined;
  children?: Child;
}) {
  const { lang, me } = props;
  return (
    <Layout lang={lang} title={props.title} path={props.path} flash={props.flash}>
      <div class="opbar">
        <span>
          {t(lang, 'signedInAs')}
          {colon(lang)}
          <strong id="whoami">
            {roleLabel(lang, me.role)}
            {me.department ? ` · ${me.department}` : ''}
          </strong>
        </span>
        <a href={withLang('/operator', lang)}>{t(lang, 'batches')}</a>
        <a href={withLang('/operator/compare', lang)}>{t(lang, 'compare')}</a>
        {may(me, 'audit.read') ? <a href={withLang('/operator/audit', lang)}>{t(lang, 'auditLog')}</a> : null}
        {may(me, 'token.create') ? (
          <a href={withLang('/operator/tokens', lang)}>{t(lang, 'tokens')}</a>
        ) : null}
        <LogoutForm lang={lang} />
      </div>
      {props.children}
    </Layout>
  );
}

interface Tab {
  key: TextKey;
  rest: string;
  permission?: Permission;
  /** Shown only to department tokens (their own materials). */
  department?: boolean;
  published?: boolean;
}

const TABS: Tab[] = [
  { key: 'overview', rest: '' },
  { key: 'reviewQueue', rest: '/review', permission: 'review' },
  { key: 'legalQueue', rest: '/legal', permission: 'legal.read' },
  { key: 'referrals', rest: '/referrals', permission: 'legal.read' },
  { key: 'ourMaterials', rest: '/materials', department: true },
  { key: 'upload', rest: '/upload', permission: 'import' },
  { key: 'allComments', rest: '/comments', permission: 'comments.read' },
  { key: 'versions', rest: '/versions', published: true },
];

/** The batch's pages, only those the operator's role can use. */
export function BatchTabs(props: { lang: Lang; me: Me; batchId: string; stage: string; current: string }) {
  const { lang, me } = props;
  const tabs = TABS.filter(
    (tab) =>
      (!tab.permission || may(me, tab.permission)) &&
      (!tab.department || me.role === 'department') &&
      (!tab.published || props.stage === 'published'),
  );
  return (
    <nav class="tabs" aria-label={lang === 'zh' ? '批次页面' : 'Batch pages'}>
      {tabs.map((tab) => (
        <a
          href={withLang(batchPath(props.batchId, tab.rest), lang)}
          aria-current={props.current === tab.rest ? 'page' : undefined}
        >
          {t(lang, tab.key)}
        </a>
      ))}
    </nav>
  );
}

/** Previous/next links for a paged list; `href(page)` builds each page's URL. */
export function Pager(props: {
  lang: Lang;
  page: number;
  pageSize: number;
  total: number;
  href: (p: number) => string;
}) {
  const { lang, page } = props;
  if (props.total <= props.pageSize) return null;
  return (
    <nav aria-label={lang === 'zh' ? '分页' : 'Pages'} class="meta">
      {page > 1 ? <a href={props.href(page - 1)}>← {t(lang, 'prev')}</a> : null}
      <span>
        {page} / {Math.ceil(props.total / props.pageSize)}
      </span>
      {page * props.pageSize < props.total ? <a href={props.href(page + 1)}>{t(lang, 'next')} →</a> : null}
    </nav>
  );
}
