import type { BatchRecord, ProgrammeFigures, ProgrammeRecord } from '@jianzheng/core';
import { Hono } from 'hono';
import { callApi } from '../api-client';
import type { PageModule } from '../deps';
import { type Lang, langOf, stageLabel, t } from '../i18n';
import { FlashMessage, Layout, withLang } from '../layout';
import { clearToken, readToken, setFlash, storeToken, takeFlash } from '../session';
import { OperatorLayout } from './components';
import { batchPath, may, operatorRequest, problemText } from './guard';
import { ProgrammeSection } from './programme';

type BatchOut = BatchRecord & { allowedActions: string[] };

const MAX_PROGRAMMES = 3;

function LoginForm({ lang }: { lang: Lang }) {
  return (
    <form class="card inline-form" method="post" action={withLang('/operator/login', lang)}>
      <label for="token">
        {t(lang, 'token')} <span class="hint">{t(lang, 'tokenHint')}</span>
      </label>
      <input id="token" name="token" type="password" required autocomplete="current-password" />
      <div>
        <button type="submit">{t(lang, 'login')}</button>
      </div>
    </form>
  );
}

function CreateBatchForm({ lang }: { lang: Lang }) {
  return (
    <section class="card" aria-labelledby="create-title">
      <h2 id="create-title">{t(lang, 'createBatch')}</h2>
      <form class="inline-form" method="post" action={withLang('/operator/batches', lang)}>
        <label for="b-title">
          {t(lang, 'batchTitle')} <span class="hint">{t(lang, 'batchTitleHint')}</span>
        </label>
        <input id="b-title" name="title" required maxlength={200} />
        <label for="b-departments">{t(lang, 'batchDepartments')}</label>
        <textarea id="b-departments" name="departments" required rows={4} />
        <label for="b-id">{t(lang, 'batchId')}</label>
        <input id="b-id" name="id" maxlength={64} pattern="[A-Za-z0-9._-]+" />
        <div>
          <button type="submit">{t(lang, 'createBatch')}</button>
        </div>
      </form>
    </section>
  );
}

/** `/operator`: the login form, or the batches the token may see (and a new-batch form for those who may). */
export const operatorHome: PageModule = (deps) => {
  const app = new Hono();

  app.get('/operator', async (c) => {
    const lang = langOf(c.req.query('lang'));
    if (!readToken(c)) {
      return c.html(
        <Layout lang={lang} title={t(lang, 'login')} path="/operator" flash={takeFlash(c)}>
          <h1>
            {t(lang, 'operator')} · {t(lang, 'login')}
          </h1>
          <LoginForm lang={lang} />
        </Layout>,
      );
    }
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    const result = await op.call<BatchOut[]>('GET', '/api/batches');
    const batches = result.ok ? result.body : [];
    // The programmes with their figures (domain.md §16), the most recent first; a home shows a few.
    const listed = await op.call<ProgrammeRecord[]>('GET', '/api/programmes');
    const programmes: ProgrammeFigures[] = [];
    for (const record of listed.ok ? listed.body.slice(-MAX_PROGRAMMES).reverse() : []) {
      const one = await op.call<{ figures: ProgrammeFigures }>(
        'GET',
        `/api/programmes/${encodeURIComponent(record.programme.id)}`,
      );
      if (one.ok) programmes.push(one.body.figures);
    }
    return c.html(
      <OperatorLayout lang={lang} me={op.me} title={t(lang, 'batches')} path="/operator" flash={op.flash}>
        <h1>{t(lang, 'batches')}</h1>
        {!result.ok ? <FlashMessage flash={{ kind: 'error', text: problemText(lang, result) }} /> : null}
        {batches.length === 0 ? <p>{t(lang, 'noBatches')}</p> : null}
        {batches.length > 0 ? (
          <div class="scroll">
            <table id="batches">
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'batches')}</th>
                  <th scope="col">{t(lang, 'stage')}</th>
                  <th scope="col">{t(lang, 'department')}</th>
                </tr>
              </thead>
              <tbody>
                {batches.map((b) => (
                  <tr>
                    <td>
                      <a href={withLang(batchPath(b.id), lang)}>{b.title}</a>
                    </td>
                    <td>{stageLabel(lang, b.stage)}</td>
                    <td>{b.departments.join(lang === 'zh' ? '、' : ', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {programmes.map((figures) => (
          <ProgrammeSection lang={lang} figures={figures} />
        ))}
        {may(op.me, 'batch.create') ? <CreateBatchForm lang={lang} /> : null}
      </OperatorLayout>,
    );
  });

  app.post('/operator/login', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const form = await c.req.parseBody();
    const token = String(form.token ?? '').trim();
    // The API decides whether the token is good and opens a session: the cookie holds the
    // session (8 h, revoked at logout), never the long-lived token itself.
    const session = await callApi<{ token: string }>(deps.api, c, 'POST', '/api/session', { token });
    if (!token || !session.ok) {
      setFlash(c, {
        kind: 'error',
        text: lang === 'zh' ? `登录失败：${session.message}` : `Login failed: ${session.messageEn}`,
      });
      return c.redirect(withLang('/operator', lang), 303);
    }
    // Logging in again ends this browser's previous session: a second login never leaves two alive.
    const previous = readToken(c);
    if (previous) await callApi(deps.api, c, 'DELETE', '/api/session', { token: previous });
    storeToken(c, session.body.token);
    return c.redirect(withLang('/operator', lang), 303);
  });

  app.post('/operator/logout', async (c) => {
    const token = readToken(c);
    // Server-side: the session stops working even if someone kept a copy of the cookie.
    if (token) await callApi(deps.api, c, 'DELETE', '/api/session', { token });
    clearToken(c);
    return c.redirect(withLang('/operator', langOf(c.req.query('lang'))), 303);
  });

  app.post('/operator/batches', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    const { lang } = op;
    const form = await c.req.parseBody();
    const departments = String(form.departments ?? '')
      .split(/[\n,，、;；]+/)
      .map((d) => d.trim())
      .filter(Boolean);
    const id = String(form.id ?? '').trim();
    const result = await op.call<BatchOut>('POST', '/api/batches', {
      json: { title: String(form.title ?? '').trim(), departments, ...(id ? { id } : {}) },
    });
    if (!result.ok) {
      setFlash(c, { kind: 'error', text: problemText(lang, result) });
      return c.redirect(withLang('/operator', lang), 303);
    }
    setFlash(c, {
      kind: 'ok',
      text: `${t(lang, 'created')}${lang === 'zh' ? '：' : ': '}${result.body.title}`,
    });
    return c.redirect(withLang(batchPath(result.body.id), lang), 303);
  });

  return app;
};
