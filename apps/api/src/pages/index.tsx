import type { CategoryDefinition, JianzhengStore } from '@jianzheng/core';
import { type Context, Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import type { ApiFetch } from './api-client';
import { langOf, t } from './i18n';
import { Layout } from './layout';
import { operatorPages } from './operator';
import { publicPages } from './public';
import { createPublicLists } from './public-lists';

export interface CreatePagesOptions {
  /** The store the API uses; pages only read from it (published lists, lists out for comment, statistics). */
  store: JianzhengStore;
  /** The engine's categories with their zh-CN/English labels. */
  categories: ReadonlyMap<string, CategoryDefinition>;
  /**
   * The API app's fetch. Every write (comments, reviews, transitions, answers) and every operator
   * read goes through the API's own routes, so pages share its auth, validation, guards, If-Match
   * and rate limits instead of re-implementing them.
   */
  api: ApiFetch;
}

/**
 * The server-rendered pages (hono/jsx, no JavaScript needed): the public list with search and
 * item pages at `/` and `/items/…`, and the operator pages under `/operator`.
 */
export function createPages(options: CreatePagesOptions) {
  const app = new Hono();
  // Form posts must come from these pages (Origin check); the token cookie is SameSite=Strict too.
  app.use('/items/*', csrf());
  app.use('/operator/*', csrf());
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
  const lists = createPublicLists(options.store, options.categories);
  app.route('/', publicPages(lists, options.api, notFound));
  app.route('/', operatorPages(options));
  return app;
}

export type { ApiFetch } from './api-client';
