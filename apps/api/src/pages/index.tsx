import type { CategoryDefinition, JianzhengStore } from '@jianzheng/core';
import { type Context, Hono } from 'hono';
import { contextStorage } from 'hono/context-storage';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import type { ApiFetch } from './api-client';
import type { PageDeps, PageModule } from './deps';
import { displayPages } from './display';
import { faviconPages } from './favicon';
import { langOf, t } from './i18n';
import { Layout } from './layout';
import { auditPages } from './operator/audit';
import { batchPage } from './operator/batch';
import { operatorCasePages } from './operator/cases';
import { commentPages } from './operator/comments';
import { comparePages } from './operator/compare';
import { operatorHome } from './operator/home';
import { referralPages } from './operator/legal-levels';
import { legalQueuePages } from './operator/legal-queue';
import { departmentMaterialPages } from './operator/materials';
import { reviewPages } from './operator/review';
import { tokenPages } from './operator/tokens';
import { transitionPages } from './operator/transitions';
import { uploadPages } from './operator/upload';
import { versionPages } from './operator/versions';
import { caseReportPages } from './public/case-report';
import { commitmentPages } from './public/commitment';
import { draftListPages } from './public/draft-list';
import { publicHome } from './public/home';
import { itemPages } from './public/item';
import { createPublicLists } from './public-lists';

/**
 * Every page module, mounted in this order. A new page: a module under `public/` or `operator/`,
 * one line here, its labels in i18n.
 */
const MODULES: PageModule[] = [
  faviconPages,
  displayPages,
  publicHome,
  draftListPages,
  itemPages,
  commitmentPages,
  caseReportPages,
  operatorCasePages,
  operatorHome,
  batchPage,
  transitionPages,
  reviewPages,
  legalQueuePages,
  referralPages,
  commentPages,
  uploadPages,
  departmentMaterialPages,
  versionPages,
  auditPages,
  tokenPages,
  comparePages,
];

export interface CreatePagesOptions {
  /** The store the API uses; pages only read from it (published lists, lists out for comment, statistics). */
  store: JianzhengStore;
  /** The engine's categories with their zh-CN/English labels. */
  categories: ReadonlyMap<string, CategoryDefinition>;
  /** The engine's rules in evaluation order (their titles name the principles in a trace). */
  rules: PageDeps['rules'];
  /** The clock: which day it is decides whether a draft's cancellation is still planned (§10). */
  now?: () => Date;
  /** IANA zone dates are shown in (domain.md §9 `timeZone`). */
  timeZone?: string;
  /**
   * The API app's fetch. Every write (comments, reviews, transitions, answers) and every operator
   * read goes through the API's own routes, so pages share its auth, validation, guards, If-Match
   * and rate limits instead of re-implementing them.
   */
  api: ApiFetch;
  /** The commitment letters of published versions (`/items/…/commitment`). */
  letters?: PageDeps['letters'];
  /** The public lists and their search indexes, when the API shares them (else the pages make their own). */
  lists?: PageDeps['lists'];
  /** Caps of the checked uploads held for confirmation (default 64 MiB in all, 16 MiB a department). */
  pendingUploads?: PageDeps['pendingUploads'];
}

/**
 * The server-rendered pages (hono/jsx, no JavaScript needed): the public list with search and
 * item pages at `/` and `/items/…`, and the operator pages under `/operator` (one module per page).
 */
export function createPages(options: CreatePagesOptions) {
  const app = new Hono();
  // The layout reads the reader's display choice (大字版) from the request being rendered.
  app.use('*', contextStorage());
  // Form posts must come from these pages (Origin check); the token cookie is SameSite=Strict too.
  // The origin to match is the one the browser sees: through a trusted TLS proxy, https://host
  // (set by the app from the forwarded scheme and host), not the http:// URL the proxy forwards to.
  const sameOrigin = csrf({
    origin: (origin, c) =>
      origin === ((c.get('publicOrigin' as never) as string | undefined) ?? new URL(c.req.url).origin),
  });
  app.use('/items/*', sameOrigin);
  app.use('/cases/*', sameOrigin);
  app.use('/operator/*', sameOrigin);
  app.onError((error, c) => {
    const lang = langOf(c.req.query('lang'));
    if (error instanceof HTTPException && error.status === 403) {
      return c.html(
        <Layout lang={lang} title="403" path={c.req.path}>
          <h1>403</h1>
          <p class="msg error" role="alert">
            {lang === 'zh'
              ? '表单不是从本站页面提交的，已拒绝。请回到页面重新提交。'
              : 'This form was not sent from this site and was refused. Please submit it from the page.'}
          </p>
        </Layout>,
        403,
      );
    }
    if (error instanceof HTTPException) return error.getResponse();
    console.error(error);
    return c.html(
      <Layout lang={lang} title="500" path={c.req.path}>
        <h1>{lang === 'zh' ? '出错了' : 'Something went wrong'}</h1>
        <p class="msg error" role="alert">
          {lang === 'zh'
            ? '服务器内部错误，已记录；请稍后再试。'
            : 'Internal error; it was logged. Please try again later.'}
        </p>
      </Layout>,
      500,
    );
  });
  const notFound = (c: Context) => {
    const lang = langOf(c.req.query('lang'));
    return c.html(
      <Layout lang={lang} title="404" path={c.req.path}>
        <h1>404</h1>
        <p>{t(lang, 'notFound')}</p>
      </Layout>,
      404,
    );
  };
  const clock = options.now;
  const deps: PageDeps = {
    ...options,
    lists:
      options.lists ??
      createPublicLists(options.store, options.categories, {
        timeZone: options.timeZone,
        ...(clock ? { now: () => clock().getTime() } : {}),
      }),
    notFound,
  };
  for (const module of MODULES) app.route('/', module(deps));
  return app;
}

export type { ApiFetch } from './api-client';
