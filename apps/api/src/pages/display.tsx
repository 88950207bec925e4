import { Hono } from 'hono';
import { tryGetContext } from 'hono/context-storage';
import { getCookie, setCookie } from 'hono/cookie';
import type { PageModule } from './deps';
import { type Lang, t } from './i18n';

/** The reader's choice of 大字版, remembered for a year; read by the layout on every page. */
const DISPLAY_COOKIE = 'jz_display';
const LARGE = 'large';

/** Whether the page being rendered is for a reader who chose 大字版 (false outside a request). */
export function isLargeDisplay(): boolean {
  const c = tryGetContext();
  return c ? getCookie(c, DISPLAY_COOKIE) === LARGE : false;
}

/** Only a path of this site: never `//host` or a scheme, so the switch cannot send a reader away. */
function safeBack(back: string | undefined): string {
  return back?.startsWith('/') && !back.startsWith('//') && !back.includes('\\') ? back : '/';
}

/**
 * The 大字版 / 标准版 link in every page's header: a plain link (no script) to `/display`, which
 * sets the cookie and sends the reader back to the page they were on.
 */
export function DisplaySwitch({ lang, back }: { lang: Lang; back: string }) {
  const large = isLargeDisplay();
  const query = new URLSearchParams({ size: large ? 'standard' : LARGE, back });
  const label = t(lang, large ? 'standardText' : 'largeText');
  return (
    <a class="display-switch" href={`/display?${query}`} rel="nofollow">
      {label}
    </a>
  );
}

/** `GET /display?size=large|standard&back=/path`: remembers the choice, then back to the page. */
export const displayPages: PageModule = () => {
  const app = new Hono();
  app.get('/display', (c) => {
    const large = c.req.query('size') === LARGE;
    const https =
      (c.get('https' as never) as boolean | undefined) ?? new URL(c.req.url).protocol === 'https:';
    setCookie(c, DISPLAY_COOKIE, large ? LARGE : 'standard', {
      path: '/',
      sameSite: 'Lax',
      httpOnly: true,
      secure: https,
      maxAge: 365 * 24 * 60 * 60,
    });
    return c.redirect(safeBack(c.req.query('back')), 303);
  });
  return app;
};
