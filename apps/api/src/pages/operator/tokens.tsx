import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { PageModule } from '../deps';
import { type Lang, t } from '../i18n';
import { roleLabel } from '../labels-workflow';
import { FlashMessage, withLang } from '../layout';
import { OperatorLayout } from './components';
import { type Me, may, operatorRequest, problemText } from './guard';

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

const page = (lang: Lang, me: Me, body: Child) => (
  <OperatorLayout lang={lang} me={me} title={t(lang, 'tokens')} path="/operator/tokens">
    <h1>{t(lang, 'tokens')}</h1>
    {body}
    <TokenForm lang={lang} />
  </OperatorLayout>
);

/** Admins hand out the other tokens here (the first admin token comes from `jianzheng token create`). */
export const tokenPages: PageModule = (deps) => {
  const app = new Hono();
  app.get('/operator/tokens', async (c) => {
    const op = await operatorRequest(deps, c);
    if (op instanceof Response) return op;
    if (!may(op.me, 'token.create')) return deps.notFound(c);
    return c.html(page(op.lang, op.me, null));
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
      ),
      result.ok ? 201 : 200,
    );
  });
  return app;
};
