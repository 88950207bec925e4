import type { Child } from 'hono/jsx';
import { DisplaySwitch, isLargeDisplay } from './display';
import { type Lang, t } from './i18n';
import type { Flash } from './session';

// Inline, small and dependency-free: the pages must load fast on a phone and work without a CDN.
// Colours meet WCAG AA contrast on white (text #1a1a1a, links #0b57a4, red #a11d1d, green #1d6b34).
const CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;font-size:100%}
/* rem throughout: the reader's own font setting scales every text (适老化). */
body{margin:0;font:1rem/1.6 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1a1a1a;background:#f6f7f9}
a{color:#0b57a4}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #f0a800;outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:2}
header.site{background:#8c1c13;color:#fff}header.site .bar{max-width:1080px;margin:0 auto;padding:10px 16px;display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;justify-content:space-between}
header.site a{color:#fff}header.site .brand{font-weight:700;text-decoration:none;font-size:1.05rem}
header.site nav{display:flex;gap:14px;flex-wrap:wrap}
main{max-width:1080px;margin:0 auto;padding:16px}
h1{font-size:1.5rem;margin:.2em 0 .6em}h2{font-size:1.25rem;margin:1.2em 0 .5em}h3{font-size:1.08rem;margin:1em 0 .4em}
.card{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:12px 16px;margin:12px 0}.card>:first-child{margin-top:0}
mark{background:#fff1b8;color:#1a1a1a;padding:0 2px}
.meta{color:#4a4f55;font-size:.92rem;display:flex;flex-wrap:wrap;gap:4px 16px;margin:0;padding:0;list-style:none}
form.search{display:grid;grid-template-columns:1fr;gap:8px}
@media(min-width:720px){form.search{grid-template-columns:2fr 1fr auto;align-items:end}}
label{display:block;font-weight:600;font-size:.95rem}
.hint{color:#4a4f55;font-size:.85rem;font-weight:400}
input,select,textarea{font:inherit;width:100%;padding:8px 10px;border:1px solid #7a828b;border-radius:6px;background:#fff;color:#1a1a1a}
textarea{min-height:4.5em}
button{font:inherit;padding:8px 16px;border:0;border-radius:6px;background:#0b57a4;color:#fff;cursor:pointer;min-height:44px}
button.secondary{background:#4a4f55}
.msg{padding:10px 14px;border-radius:6px;margin:12px 0;font-weight:600}
.msg.ok{background:#e3f4e8;color:#1d6b34;border:1px solid #1d6b34}.msg.error{background:#fbe9e9;color:#a11d1d;border:1px solid #a11d1d}
ul.materials{list-style:none;margin:0;padding:0}ul.materials>li{padding:8px 0;border-top:1px solid #eceef1}
.tag{display:inline-block;font-size:.8rem;padding:0 8px;border-radius:10px;margin-right:6px;font-weight:600}
.tag.keep{background:#e8eef7;color:#0b3f78}.tag.gone{background:#e3f4e8;color:#1d6b34}.tag.planned{background:#fdf1dc;color:#7a4b00}
.how{color:#1d6b34}.small{font-size:.88rem;color:#4a4f55}
.cols{display:grid;gap:12px}@media(min-width:720px){.cols{grid-template-columns:1fr 1fr}}
table{border-collapse:collapse;width:100%;background:#fff;font-size:.92rem}th,td{border:1px solid #dde1e6;padding:6px 8px;text-align:left;vertical-align:top}th{background:#eef1f4}
tbody th[scope=row],tfoot th[scope=row]{min-width:9em}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.scroll{overflow-x:auto}
details>summary{cursor:pointer;font-weight:600;padding:4px 0}
.inline-form{display:grid;gap:6px;margin-top:8px;align-content:start}
@media(min-width:720px){.row-forms{display:grid;grid-template-columns:1fr 1fr;gap:12px}}
fieldset{border:1px solid #dde1e6;border-radius:6px;padding:8px 12px;margin:0}legend{font-weight:600;padding:0 4px}
svg text{font-family:inherit}
.opbar{display:flex;flex-wrap:wrap;gap:6px 16px;align-items:center;justify-content:flex-end;font-size:.92rem;margin-bottom:8px}
.opbar form.logout button{min-height:32px;padding:4px 12px}
nav.tabs{display:flex;flex-wrap:wrap;gap:4px;border-bottom:2px solid #dde1e6;margin:0 0 12px}
nav.tabs a{padding:6px 12px;border-radius:6px 6px 0 0;text-decoration:none;background:#eef1f4;color:#1a1a1a}
nav.tabs a[aria-current=page]{background:#0b57a4;color:#fff}
@media(min-width:720px){form.filters{grid-template-columns:repeat(4,1fr) auto}}
.conflict{border:2px solid #a11d1d;border-radius:6px;padding:8px 12px;margin:8px 0;background:#fff8f8}
.restored{background:#fff1b8;font-weight:600}
tr.decides td{background:#fbe9e9;font-weight:600}tr.applies td{background:#fffbe6}
details.trace{margin:6px 0}
progress{width:100%;height:1.2em}
table caption{text-align:left;font-weight:600;padding:6px 0}
section.file.failed{border-color:#a11d1d}
footer{max-width:1080px;margin:24px auto;padding:0 16px;color:#4a4f55;font-size:.85rem}
/* Targets of at least 44 × 44 px (GB/T 37668, 适老化): every link, button, toggle and field. */
input,select{min-height:2.75rem}
header.site a,main a,footer a{display:inline-flex;align-items:center;min-height:2.75rem;min-width:2.75rem}
summary{padding:.6rem 0;min-height:2.75rem}
main li+li{margin-top:4px}
.scroll:focus-visible{outline:3px solid #f0a800}
/* Phones: nothing a citizen reads under 16 px; tables stack so no figure is off-screen. */
@media(max-width:719px){.tag,.hint,.small,.meta,label,footer,table,.opbar,h4 .small{font-size:1rem}
table.stack thead{position:absolute;left:-9999px}table.stack,table.stack tbody,table.stack tr{display:block}
table.stack tr{border:1px solid #dde1e6;margin:0 0 8px;background:#fff}
table.stack th[scope=row],table.stack td{display:flex;justify-content:space-between;gap:12px;border:0;border-top:1px solid #eceef1;text-align:right}
table.stack th[scope=row]{border-top:0;text-align:left}table.stack td::before{content:attr(data-label);font-weight:600;text-align:left}}
/* 大字版: 20 px and up, wider spacing (a cookie the server reads; no script). */
html.large{font-size:125%}html.large body{line-height:1.8;letter-spacing:.02em}
html.large .tag,html.large .hint,html.large .small,html.large .meta,html.large label,html.large table,html.large footer{font-size:1rem}
.display-switch{font-weight:600}
.field-error{color:#a11d1d;font-weight:600;margin:2px 0 6px}[aria-invalid=true]{border:2px solid #a11d1d}
`;

export interface LayoutProps {
  lang: Lang;
  title: string;
  /** The current path and query without `lang`, to build the language switch link. */
  path: string;
  flash?: Flash | undefined;
  operator?: boolean;
  children?: Child;
}

export function withLang(path: string, lang: Lang): string {
  const url = new URL(path, 'http://x');
  if (lang === 'en') url.searchParams.set('lang', 'en');
  else url.searchParams.delete('lang');
  return url.pathname + url.search + url.hash;
}

export function Layout(props: LayoutProps) {
  const { lang } = props;
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  return (
    <html lang={lang === 'zh' ? 'zh-CN' : 'en'} class={isLargeDisplay() ? 'large' : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t(lang, 'siteTitle')}`}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <style dangerouslySetInnerHTML={{ __html: CSS }} />
      </head>
      <body>
        <a class="skip" href="#main">
          {t(lang, 'skip')}
        </a>
        <header class="site">
          <div class="bar">
            <a class="brand" href={withLang('/', lang)}>
              {t(lang, 'siteTitle')}
            </a>
            <nav aria-label={lang === 'zh' ? '网站导航' : 'Site'}>
              <a href={withLang('/', lang)}>{t(lang, 'publicLists')}</a>
              <a href={withLang('/operator', lang)}>{t(lang, 'operator')}</a>
              <a href={withLang(props.path, other)} lang={other === 'zh' ? 'zh-CN' : 'en'}>
                {other === 'zh' ? '中文' : 'English'}
              </a>
              <DisplaySwitch lang={lang} back={withLang(props.path, lang)} />
            </nav>
          </div>
        </header>
        <main id="main">
          {props.flash && !props.flash.target ? <FlashMessage flash={props.flash} /> : null}
          {props.children}
        </main>
        <footer>让数据多跑路、群众少跑腿</footer>
      </body>
    </html>
  );
}

export function FlashMessage({ flash }: { flash: Flash }) {
  return (
    <p class={`msg ${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
      {flash.text}
    </p>
  );
}
