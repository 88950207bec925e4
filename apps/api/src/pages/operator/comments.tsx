import type { CommentRecord } from '@jianzheng/core';
import { Hono } from 'hono';
import { localDay, type PageModule } from '../deps';
import { colon, paren, t } from '../i18n';
import { FlashMessage, withLang } from '../layout';
import { setFlash } from '../session';
import type { BatchOut } from './batch';
import { BatchTabs, OperatorLayout } from './components';
import { apiBatch, batchPath, may, operatorRequest, problemText } from './guard';
import { materialNames, nameText } from './material-names';

/** Public comments of a batch with the item and material they are about, answered in place. */
export const commentPages: PageModule = (deps) => {
  const app = new Hono();

  app.get('/operator/batches/:batchId/comments', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    const { lang, me } = op;
    const batchId = c.req.param('batchId');
    const path = batchPath(batchId, '/comments');
    const batch = await op.call<BatchOut>('GET', apiBatch(batchId));
    const comments = await op.call<CommentRecord[]>('GET', apiBatch(batchId, '/comments'));
    const list = comments.ok ? comments.body : [];
    const names = await materialNames(
      op,
      batchId,
      list.map((x) => x.materialId),
    );
    const open = list.filter((x) => x.answer === null);
    const done = list.filter((x) => x.answer !== null);
    const canAnswer = may(me, 'comments.answer');
    return c.html(
      <OperatorLayout lang={lang} me={me} title={t(lang, 'allComments')} path={path} flash={op.flash}>
        <h1>
          {t(lang, 'allComments')}
          {batch.ok ? ` · ${batch.body.title}` : ''}
        </h1>
        {batch.ok ? (
          <BatchTabs lang={lang} me={me} batchId={batchId} stage={batch.body.stage} current="/comments" />
        ) : null}
        {!comments.ok ? <FlashMessage flash={{ kind: 'error', text: problemText(lang, comments) }} /> : null}
        <section class="card" aria-labelledby="open-title">
          <h2 id="open-title">
            {t(lang, 'unanswered')}
            {paren(lang, open.length)}
          </h2>
          {open.length === 0 ? <p>{t(lang, 'noComments')}</p> : null}
          {open.map((comment) => (
            <article class="comment" id={`comment-${comment.id}`}>
              <p>
                <span class="small">
                  {t(lang, 'commentOn')}
                  {colon(lang)}
                  <strong class="about">{nameText(names.get(comment.materialId), '—')}</strong> ·{' '}
                  {localDay(deps, comment.createdAt)}
                </span>
                <br />
                {comment.body}
                {comment.author ? <span class="small">{paren(lang, comment.author)}</span> : null}
              </p>
              {canAnswer ? (
                <form
                  class="inline-form"
                  method="post"
                  action={withLang(batchPath(batchId, `/comments/${comment.id}/answer`), lang)}
                >
                  <label for={`answer-${comment.id}`}>{t(lang, 'answer')}</label>
                  <textarea id={`answer-${comment.id}`} name="answer" required maxlength={2000} />
                  <div>
                    <button type="submit">{t(lang, 'answer')}</button>
                  </div>
                </form>
              ) : null}
            </article>
          ))}
        </section>
        {done.length > 0 ? (
          <section class="card" aria-labelledby="done-title">
            <h2 id="done-title">
              {t(lang, 'answered')}
              {paren(lang, done.length)}
            </h2>
            {done.map((comment) => (
              <article class="comment">
                <p>
                  <span class="small">
                    {nameText(names.get(comment.materialId), '—')} · {localDay(deps, comment.createdAt)}
                  </span>
                  <br />
                  {comment.body}
                </p>
                <p class="answer">
                  {t(lang, 'answer')}
                  {colon(lang)}
                  {comment.answer}
                  <span class="small">
                    {' '}
                    — {comment.answeredBy} {localDay(deps, comment.answeredAt)}
                  </span>
                </p>
              </article>
            ))}
          </section>
        ) : null}
      </OperatorLayout>,
    );
  });

  app.post('/operator/batches/:batchId/comments/:commentId/answer', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    const { lang } = op;
    const batchId = c.req.param('batchId');
    const form = await c.req.parseBody();
    const result = await op.call(
      'POST',
      apiBatch(batchId, `/comments/${encodeURIComponent(c.req.param('commentId'))}/answer`),
      { json: { answer: String(form.answer ?? '') } },
    );
    setFlash(
      c,
      result.ok
        ? { kind: 'ok', text: t(lang, 'answered') }
        : { kind: 'error', text: problemText(lang, result) },
    );
    return c.redirect(withLang(batchPath(batchId, '/comments'), lang), 303);
  });

  return app;
};
