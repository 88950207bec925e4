import { type CategoryDefinition, formatLocalDateTime, type JianzhengStore } from '@jianzheng/core';
import type { Context, Hono } from 'hono';
import type { LetterService } from '../services/letters';
import type { ApiFetch } from './api-client';
import type { Lang } from './i18n';
import type { PendingUploadLimits } from './operator/pending-uploads';
import type { createPublicLists } from './public-lists';

export type PublicLists = ReturnType<typeof createPublicLists>;

/** What every page module gets. */
export interface PageDeps {
  /** The store the API uses; pages only read published lists from it (never write). */
  store: JianzhengStore;
  /** The engine's categories with their zh-CN/English labels. */
  categories: ReadonlyMap<string, CategoryDefinition>;
  /** The engine's rules in order, for the rule titles of a trace. */
  rules: ReadonlyArray<{ id: string; title: { zh: string; en: string } }>;
  /** The API app's fetch: every operator read and every write goes through the API's routes. */
  api: ApiFetch;
  /** The public lists (published versions and lists out for comment), shared by the public pages. */
  lists: PublicLists;
  /** The HTML 404 page. */
  notFound: (c: Context) => Response | Promise<Response>;
  /** The commitment letters of published versions (`/items/…/commitment`); absent: no such pages. */
  letters?: LetterService | undefined;
  /** IANA zone dates are shown in (domain.md §9 `timeZone`; default Asia/Shanghai). */
  timeZone?: string;
  /** The clock: which day it is decides whether a draft's cancellation is still planned (§10). */
  now?: () => Date;
  /** Caps of the checked uploads held for confirmation (sizes, per department, expiry). */
  pendingUploads?: PendingUploadLimits;
}

/** A stored instant as the day people in the city read it. */
export function localDay(deps: Pick<PageDeps, 'timeZone'>, at: string | null | undefined): string {
  return formatLocalDateTime(at, deps.timeZone, { style: 'date' });
}

/**
 * A page module: a Hono app with its routes, mounted at `/` by `createPages`. To add a page,
 * write `pages/<area>/<page>.tsx` exporting one of these, add it to the list in `pages/index.tsx`,
 * and put its labels in a `labels-<page>.ts` spread into `i18n.ts`.
 */
export type PageModule = (deps: PageDeps) => Hono;

export function categoryLabel(deps: PageDeps, lang: Lang, id: string | null): string {
  return id ? (deps.categories.get(id)?.label[lang] ?? id) : '—';
}

export function ruleTitle(deps: PageDeps, lang: Lang, id: string | null): string {
  return id ? (deps.rules.find((r) => r.id === id)?.title[lang] ?? id) : '—';
}
