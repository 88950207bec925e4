import {
  LETTER_TABLE_HEADER,
  letterFacts,
  letterNotices,
  letterProvenance,
  letterRows,
} from '@jianzheng/letters';
import { Hono } from 'hono';
import type { PageModule } from '../deps';
import { type Lang, langOf, t } from '../i18n';
import { Layout, withLang } from '../layout';

// The letter is an official zh-CN document whatever the page language; only the controls around
// it follow `?lang=en`. On paper only the letter is printed, on A4 with the site chrome hidden.
const PRINT_CSS = `
.letter{background:#fff;border:1px solid #dde1e6;padding:32px 40px;max-width:800px;margin:12px auto;font-family:"SimSun","Songti SC","Noto Serif CJK SC",serif}
.letter h1{text-align:center;font-family:"SimHei","Heiti SC","Noto Sans CJK SC",sans-serif;font-size:1.6rem;margin:0 0 1em}
.letter p.body{text-indent:2em}
.letter table{font-size:.95rem}.letter td,.letter th{border-color:#333}
.letter .sign{margin:2.5em 0 0 50%;line-height:2.4}
.letter .provenance{text-align:center;font-size:.8rem;color:#4a4f55;margin-top:2em}
.letter tr{break-inside:avoid}
.tools{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center}
@page{size:A4;margin:25mm 22mm}
@media print{
  header.site,footer,.no-print,.skip{display:none!important}
  body{background:#fff}main{padding:0;max-width:none}
  .letter{border:0;padding:0;margin:0;max-width:none;font-size:12pt}
  a{color:inherit;text-decoration:none}
}`;

function Tools(props: {
  lang: Lang;
  docx: string;
  zip: string;
  versions: number[];
  version: number;
  path: string;
}) {
  const { lang } = props;
  return (
    <div class="card no-print">
      <div class="tools">
        <span>{t(lang, 'letterPrintHint')}</span>
        <a href={props.docx}>{t(lang, 'letterDocx')}</a>
        <a href={props.zip}>{t(lang, 'letterZip')}</a>
      </div>
      {props.versions.length > 1 ? (
        <p class="small">
          {t(lang, 'letterOtherVersions')}
          {props.versions
            .filter((v) => v !== props.version)
            .map((v, i) => (
              <>
                {i > 0 ? ' · ' : ''}
                <a href={withLang(`${props.path}?version=${v}`, lang)}>
                  {lang === 'zh' ? `第 ${v} 版` : `v${v}`}
                </a>
              </>
            ))}
        </p>
      ) : null}
    </div>
  );
}

/**
 * `/items/:batchId/:slug/commitment`: an item's 告知承诺书 as a printable page, for the latest
 * published version or `?version=N` (the letters of older versions stay available).
 */
export const commitmentPages: PageModule = (deps) => {
  const app = new Hono();
  const { letters, notFound } = deps;
  if (!letters) return app;
  app.get('/items/:batchId/:slug/commitment', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const batchId = c.req.param('batchId');
    const slug = c.req.param('slug');
    const asked = c.req.query('version');
    if (asked !== undefined && !/^[1-9]\d{0,5}$/.test(asked)) return notFound(c);
    const found = await letters.forVersion(batchId, asked ? Number(asked) : 'latest').catch(() => undefined);
    const letter = found?.letters.find((l) => l.item.slug === slug);
    if (!found || !letter) return notFound(c);
    const path = `/items/${encodeURIComponent(batchId)}/${slug}/commitment`;
    const api = `/api/batches/${encodeURIComponent(batchId)}/publications/${found.version}/letters`;
    return c.html(
      <Layout
        lang={lang}
        title={`${letter.item.name} · ${letter.title}`}
        path={asked ? `${path}?version=${asked}` : path}
      >
        <style dangerouslySetInnerHTML={{ __html: PRINT_CSS }} />
        <p class="small no-print">
          <a href={withLang(`/items/${encodeURIComponent(batchId)}/${slug}`, lang)}>← {t(lang, 'back')}</a>
        </p>
        <Tools
          lang={lang}
          docx={`${api}/${slug}/docx`}
          zip={`${api}.zip`}
          versions={found.versions}
          version={found.version}
          path={path}
        />
        <article class="letter" lang="zh-CN" aria-labelledby="letter-title">
          <h1 id="letter-title">{letter.title}</h1>
          {letterFacts(letter).map(([label, value]) => (
            <p>
              <strong>{label}：</strong>
              {value}
            </p>
          ))}
          <p class="body">{letter.preamble}</p>
          <table>
            <thead>
              <tr>
                {LETTER_TABLE_HEADER.map((h) => (
                  <th scope="col">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {letterRows(letter).map((row, i) => (
                <tr id={`m-${letter.materials[i]!.id}`}>
                  {row.map((value, column) => (
                    <td class={column === 0 ? 'num' : undefined}>
                      {value.split('\n').map((line, n) => (
                        <>
                          {n > 0 ? <br /> : null}
                          {line}
                        </>
                      ))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {letterNotices(letter).map(([label, value]) => (
            <p class="body">
              <strong>{label}：</strong>
              {value}
            </p>
          ))}
          <p class="body">{letter.declaration}</p>
          {[letter.signatures, letter.officeSignatures].map((lines) => (
            <div class="sign">
              {lines.map((line) => (
                <div>{line}</div>
              ))}
            </div>
          ))}
          <p class="provenance">{letterProvenance(letter)}</p>
        </article>
      </Layout>,
    );
  });
  return app;
};
