import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Env, Hono } from 'hono';

/** Where the reference's assets are served; versioned by content, so they may be cached for good. */
const ASSETS = '/docs/assets';

// Scalar's browser bundle ships inside the pinned npm package: /docs needs no CDN and works on an
// intranet without internet (most 政务内网).
const require = createRequire(import.meta.url);
let bundle: { bytes: Buffer; tag: string } | undefined;
function standalone() {
  if (!bundle) {
    const bytes = readFileSync(require.resolve('@scalar/api-reference/browser/standalone.js'));
    bundle = { bytes, tag: createHash('sha256').update(bytes).digest('hex').slice(0, 16) };
  }
  return bundle;
}

// No inline script, so the page keeps a `script-src 'self'` policy. Default fonts come from
// Scalar's servers: off, the system's fonts (wqy on Debian) serve. The proxy is off too: "Try
// it" requests go straight to this origin.
const INIT = `Scalar.createApiReference('#app', ${JSON.stringify({
  url: '/openapi.json',
  withDefaultFonts: false,
  proxyUrl: '',
  hideClientButton: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
})});
`;

const page = (tag: string) => `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>jianzheng API</title>
  </head>
  <body>
    <div id="app"></div>
    <script src="${ASSETS}/standalone.${tag}.js"></script>
    <script src="${ASSETS}/init.${tag}.js"></script>
  </body>
</html>
`;

/** `/docs`: the API reference of `/openapi.json`, every asset from this app. */
export function mountDocs<E extends Env>(app: Hono<E>): void {
  app.get('/docs', (c) => c.html(page(standalone().tag)));
  app.get(`${ASSETS}/:file`, (c) => {
    const { bytes, tag } = standalone();
    const file = c.req.param('file');
    const body = file === `standalone.${tag}.js` ? bytes : file === `init.${tag}.js` ? INIT : undefined;
    if (body === undefined) return c.notFound();
    return c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=31536000, immutable',
    });
  });
}
