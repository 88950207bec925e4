import { Hono } from 'hono';
import type { PageModule } from './deps';

// The site's mark (减 on the header's red), drawn as SVG: a few hundred bytes, sharp at any size.
const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#8c1c13"/><text x="32" y="46" font-size="40" text-anchor="middle" fill="#fff" font-family="'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif">减</text></svg>`;

/** `/favicon.svg`, and `/favicon.ico` for the browsers that ask for it without reading the page. */
export const faviconPages: PageModule = () => {
  const app = new Hono();
  const send = () =>
    new Response(ICON, {
      headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' },
    });
  app.get('/favicon.svg', send);
  app.get('/favicon.ico', send);
  return app;
};
