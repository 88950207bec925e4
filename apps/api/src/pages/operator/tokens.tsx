import { formatLocalDateTime, type TokenRecord } from '@jianzheng/core';
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { PageModule } from '../deps';
import { type Lang, t } from '../i18n';
import { roleLabel } from '../labels-workflow';
import { FlashMessage, withLang } from '../layout';
import { type Flash, setFlash } from '../session';
import { OperatorLayout } from './components';
import { type Me, may, type OperatorRequest, operatorRequest, problemText } from './guard';

const ROLES = ['department', 'reviewer', 'legal', 'admin'] as const;

function TokenForm({ lang }: { lang: Lang }) {
  return (
    <form class="card inline-form" method="post" action={withLang('/operator/tokens', lang)}>
      <label for="tk-role">{t(lang, 'role')}</label>
      <select id="tk-role" name="role">
        {ROLES.map((r) => (
          <option value={r}>{roleLabel(lang, r)}</option>
        ))}
      </select>
      <label for="tk-department">{t(lang, 'tokenDepartment')}</label>
      <input id="tk-department" name="department" maxlength={200} />
      <label for="tk-label">{t(lang, 'tokenLabel')}</label>
      <input id="tk-label" name="label" maxlength={100} />
      <div>
        <button type="submit">{t(lang, 'createToken')}</button>
      </div>
    </form>
  );
}

/** What GET /api/tokens answers: the stored record without its hash. */
type TokenInfo = Omit<TokenRecord, 'hash' | 'parentId'>;

const when = (iso: string | null, timeZone: string | undefined) =>
  iso ? formatLocalDateTime(iso, timeZone) : '—';

/** The tokens in use, never their secret: who holds each, when it was last used, and a revoke button. */
function TokenList({
  lang,
  tokens,
  timeZone,
}: {
  lang: Lang;
  tokens: readonly TokenInfo[];
  timeZone?: string;
}) {
  if (tokens.length === 0) return <p>{t(lang, 'noEntries')}</p>;
  return (
    <div class="scroll">
      <table id="tokens">
        <thead>
          <tr>
            <th scope="col">{t(lang, 'tokenId')}</th>
            <th scope="col">{t(lang, 'role')}</th>
            <th scope="col">{t(lang, 'tokenHolder')}</th>
            <th scope="col">{t(lang, 'tokenCreatedAt')}</th>
            <th scope="col">{t(lang, 'tokenExpires')}</th>
            <th scope="col">{t(lang, 'tokenLastUsed')}</th>
            <th scope="col">
              <span class="sr-only">{t(lang, 'revokeToken')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr data-token={token.id}>
              <td>
                <code>{token.id}</code>
              </td>
              <td>
                {roleLabel(lang, token.role)}
                {token.department ? ` · ${token.department}` : ''}
              </td>
              <td>{token.label ?? '—'}</td>
              <td>{when(token.createdAt, timeZone)}</td>
              <td>{when(token.expiresAt, timeZone)}</td>
              <td>{when(token.lastUsedAt, timeZone)}</td>
              <td>
                <form
                  method="post"
                  action={withLang(`/operator/tokens/${encodeURIComponent(token.id)}/revoke`, lang)}
                >
                  <button type="submit" class="danger">
                    {t(lang, 'revokeToken')}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const page = (
  lang: Lang,
  me: Me,
  body: Child,
  tokens: readonly TokenInfo[],
  flash: Flash | undefined,
  timeZone: string | undefined,
) => (
  <OperatorLayout lang={lang} me={me} title={t(lang, 'tokens')} path="/operator/tokens" flash={flash}>
    <h1>{t(lang, 'tokens')}</h1>
    {body}
    <TokenList lang={lang} tokens={tokens} timeZone={timeZone} />
    <h2>{t(lang, 'createToken')}</h2>
    <TokenForm lang={lang} />
  </OperatorLayout>
);

/** Every valid token (sessions aside), for the list; empty when the API refuses. */
async function listTokens(op: OperatorRequest): Promise<TokenInfo[]> {
  const result = await op.call<TokenInfo[]>('GET', '/api/tokens');
  return result.ok ? result.body : [];
}

/** Admins hand out the other tokens here (the first admin token comes from `jianzheng token create`). */
export const tokenPages: PageModule = (deps) => {
  const app = new Hono();
  app.get('/operator/tokens', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    if (!may(op.me, 'token.list')) return deps.notFound(c);
    return c.html(page(op.lang, op.me, null, await listTokens(op), op.flash, deps.timeZone));
  });
  app.post('/operator/tokens/:id/revoke', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    if (!may(op.me, 'token.revoke')) return deps.notFound(c);
    const id = c.req.param('id');
    const result = await op.call('DELETE', `/api/tokens/${encodeURIComponent(id)}`);
    setFlash(
      c,
      result.ok
        ? { kind: 'ok', text: `${t(op.lang, 'tokenRevoked')} ${id}` }
        : { kind: 'error', text: problemText(op.lang, result) },
    );
    return c.redirect(withLang('/operator/tokens', op.lang), 303);
  });
  app.post('/operator/tokens', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    const { lang, me } = op;
    const form = await c.req.parseBody();
    const department = String(form.department ?? '').trim();
    const label = String(form.label ?? '').trim();
    const result = await op.call<{ token: string; role: string; department: string | null }>(
      'POST',
      '/api/tokens',
      {
        json: {
          role: String(form.role ?? ''),
          ...(department && form.role === 'department' ? { department } : {}),
          ...(label ? { label } : {}),
        },
      },
    );
    // Shown in this response only (never in a cookie or a redirect), and never cached.
    c.header('cache-control', 'no-store');
    return c.html(
      page(
        lang,
        me,
        result.ok ? (
          <div class="msg ok" role="status">
            <p>
              {t(lang, 'tokenCreated')} {roleLabel(lang, result.body.role)}
              {result.body.department ? ` · ${result.body.department}` : ''}
            </p>
            <code id="new-token">{result.body.token}</code>
          </div>
        ) : (
          <FlashMessage flash={{ kind: 'error', text: problemText(lang, result) }} />
        ),
        await listTokens(op),
        undefined,
        deps.timeZone,
      ),
      result.ok ? 201 : 200,
    );
  });
  return app;
};
