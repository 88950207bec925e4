import { OpenAPIHono } from '@hono/zod-openapi';
import {
  type Config,
  type ConfigInput,
  createEngine,
  DEFAULT_TIME_ZONE,
  type Engine,
  engineOptionsFromConfig,
  type JianzhengStore,
  parseConfig,
  plainJurisdiction,
  searchAliasGroups,
  supervisionSettings,
} from '@jianzheng/core';
import { bodyLimit } from 'hono/body-limit';
import { type AppEnv, authenticate } from './auth';
import { compression } from './compression';
import { type ApiLimits, DEFAULT_LIMITS, type Deps, limitsFromConfig } from './deps';
import { mountDocs } from './docs';
import { PayloadTooLargeError } from './errors';
import { createPages } from './pages';
import { createPublicLists } from './pages/public-lists';
import { errorToResponse, makeProblem, problemResponse, validationProblem } from './problem';
import { clientAddress, isHttps, proxyTrust, publicOrigin } from './proxy-trust';
import { createRateLimiter } from './rate-limit';
import { registerAuditRoutes } from './routes/audit';
import { registerBatchRoutes } from './routes/batches';
import { registerCaseRoutes } from './routes/cases';
import { registerCommentRoutes } from './routes/comments';
import { registerComparisonRoutes } from './routes/comparisons';
import { registerImportPreviewRoutes } from './routes/imports-preview';
import { registerLegalQueueRoutes } from './routes/legal-queue';
import { registerLetterRoutes } from './routes/letters';
import { registerMaterialRoutes } from './routes/materials';
import { registerMeRoute } from './routes/me';
import { registerProgrammeRoutes } from './routes/programmes';
import { createPublicSearch } from './routes/public-search';
import { registerPublicationRoutes } from './routes/publications';
import { registerReferralRoutes } from './routes/referrals';
import { registerStageRoutes } from './routes/stages';
import { registerTokenRoutes } from './routes/tokens';
import { formGuard, securityHeaders } from './security';
import { createLetterService } from './services/letters';
import { createParseBudget } from './services/parse-budget';
import { createPublicationCache } from './services/publication-cache';
import { createPublishedMaterials } from './services/published-materials';

export interface CreateAppOptions {
  /** Where batches, decisions, publications, the audit log and tokens live (e.g. `createSqliteStore`). */
  store: JianzhengStore;
  /** The city's configuration (domain.md §9): jurisdiction, rules, catalogs. Validated here. */
  config?: Config | ConfigInput;
  /** A ready engine; overrides the one built from `config`. */
  engine?: Engine;
  /**
   * Upload, import, form, comment and rate limits; each key defaults (see `DEFAULT_LIMITS`: 20 MiB
   * upload, 100,000 rows and 50,000 materials per import request, 5 comments / 10 min) and wins
   * over the config's `server` section.
   */
  limits?: Partial<ApiLimits>;
  /**
   * The client key for the comment rate limit. Default: the socket's remote address; pass one that
   * reads `X-Forwarded-For` only when a trusted proxy sets it.
   */
  clientKey?: (headers: Headers, env: unknown) => string;
  /**
   * Reverse proxies in front of the service to believe: their addresses (forwarded headers then
   * count only on connections from them), or a hop count (`true` = 1) for a service no client can
   * reach directly. Through them the client address comes from X-Forwarded-For (rate limits,
   * sessions), `Secure` cookies and the forms' Origin check from X-Forwarded-Proto and the host.
   * Default: the config's `server.trustProxy`, else none (the socket's peer and the request URL decide).
   */
  trustProxy?: boolean | number | readonly string[];
  /** Key of the page forms' CSRF tokens (default: random per process). */
  formSecret?: Uint8Array;
  /**
   * UTC offset written into publication timestamps. Default: the offset of `timeZone` on the
   * publication day (`+08:00` for Asia/Shanghai).
   */
  timeZoneOffset?: string;
  /** IANA zone of every date people read (pages, attachments, notices). Default: the config's `timeZone`, else Asia/Shanghai. */
  timeZone?: string;
  /** Clock (default: system time). */
  now?: () => Date;
  /**
   * Memory for published versions, encoded once and served from memory (they are immutable);
   * least recently used dropped first. Default 64 MiB; 0 reads every request from the store.
   */
  publicationCacheBytes?: number;
  /** Where unexpected errors are logged (default: console.error); clients never see them. */
  log?: (error: unknown) => void;
  /**
   * How long a public search waits for the first index of the published lists after start before
   * it is answered 503 with Retry-After (default 1,000 ms). `startServer` starts that build at once.
   */
  publicIndexWaitMs?: number;
}

/** Page posts that parse uploads or lists (through the API). */
const PAGE_PARSES = /^\/operator\/(batches\/[^/]+\/upload(\/confirm)?|compare)$/;
/** API posts that parse uploads or lists. */
const API_PARSES = /^\/api\/(batches\/[^/]+\/imports(\/preview)?|comparisons)$/;

const publicListsOf = new WeakMap<object, ReturnType<typeof createPublicLists>>();

/**
 * The app's public lists, to build their index at server start (in the background) and to let
 * that build end before the store is closed.
 */
export function publicListsOfApp(app: object) {
  return publicListsOf.get(app);
}

/**
 * The operators' service as a Hono app: batches, workbook import, review with optimistic
 * concurrency, stage transitions, publication, public comments and the audit log, documented at
 * `/openapi.json` and `/docs`. Route handlers only translate HTTP; the rules live in
 * @jianzheng/core and storage behind the store port.
 */
export function createApp(options: CreateAppOptions) {
  const config = options.config === undefined ? undefined : parseConfig(options.config);
  const engine = options.engine ?? createEngine(config ? engineOptionsFromConfig(config) : {});
  // The config file's `server` section, then these options: a flag on the command line wins.
  const limits: ApiLimits = { ...DEFAULT_LIMITS, ...limitsFromConfig(config?.server), ...options.limits };
  const trust = proxyTrust(options.trustProxy ?? config?.server?.trustProxy);
  const log = options.log ?? ((error: unknown) => console.error(error));
  const now = options.now ?? (() => new Date());
  const deps: Deps = {
    store: options.store,
    engine,
    jurisdiction: config?.jurisdiction ? plainJurisdiction(config.jurisdiction) : undefined,
    limits,
    commentLimiter: createRateLimiter(options.store, {
      scope: 'comment',
      max: limits.commentsPerWindow,
      windowMs: limits.commentWindowMs,
      now,
    }),
    // Anonymous comparisons cost a parse each: counted like comments, in a scope of their own.
    comparisonLimiter: createRateLimiter(options.store, {
      scope: 'comparison',
      max: limits.commentsPerWindow,
      windowMs: limits.commentWindowMs,
      now,
    }),
    clientKey: options.clientKey ?? ((headers, env) => clientAddress(headers, env, trust)),
    timeZoneOffset: options.timeZoneOffset,
    timeZone: options.timeZone ?? config?.timeZone ?? DEFAULT_TIME_ZONE,
    now,
    parseBudget: createParseBudget({
      maxBytes: limits.parseBytes,
      maxParses: limits.parseConcurrency,
      waitMs: limits.parseWaitMs,
    }),
  };

  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success)
        return validationProblem(
          result.error,
          result.target === 'json' || result.target === 'form' ? 'body' : result.target,
        );
    },
  });

  app.onError((error) => errorToResponse(error, log));
  app.notFound(() =>
    problemResponse(makeProblem(404, 'NOT_FOUND', '没有这个地址', { detailEn: 'no such route' })),
  );

  // The public lists and their search index are rebuilt in the background when they may have
  // changed: a transition (publish, open comment, withdraw …) awaits the rebuild, so a list is
  // searchable as soon as it is announced; other writes make the next public read check.
  const lists = createPublicLists(options.store, engine.categories, {
    timeZone: deps.timeZone,
    aliases: searchAliasGroups(engine.catalogs),
    now: () => deps.now().getTime(),
    log,
    ...(options.publicIndexWaitMs === undefined ? {} : { firstBuildWaitMs: options.publicIndexWaitMs }),
  });
  publicListsOf.set(app, lists);
  // Before every middleware: a repeated anonymous search is answered from stored bytes (see there).
  const publicSearch = createPublicSearch(lists);
  app.get('/api/public/search', publicSearch.fastLane);

  // Outside the security headers, so it sees the final answer; pages and JSON only (see there).
  app.use('*', compression());
  app.use('*', securityHeaders());
  app.use('*', async (c, next) => {
    // Pages read this to set `Secure` on their cookies behind a TLS-terminating proxy.
    c.set('https' as never, isHttps(c, trust) as never);
    // The pages' Origin check compares a form's Origin with this (through a TLS proxy: https://host).
    c.set('publicOrigin' as never, publicOrigin(c, trust) as never);
    await next();
  });
  // One memory budget for every parse (parse-budget.ts): page uploads reserve theirs before the
  // form guard reads the body; the API calls they make inside count as the same reservation.
  const budget = deps.parseBudget;
  const budgeted = budget.middleware(limits.uploadBytes);
  app.use('*', async (c, next) =>
    c.req.method === 'POST' && PAGE_PARSES.test(c.req.path) ? budgeted(c, next) : next(),
  );
  // Page forms: body limit before anything reads the body, then the form token.
  app.use(
    '*',
    formGuard({
      formBytes: limits.formBytes,
      uploadBytes: limits.uploadBytes,
      trust,
      secret: options.formSecret,
    }),
  );
  // Made once: a body limit per size. A GET or HEAD has no body to limit, and asking a request
  // for its body makes the node server build a full Request, so reads skip this entirely.
  const jsonLimit = bodyLimit({
    maxSize: limits.jsonBytes,
    onError: () => {
      throw new PayloadTooLargeError(limits.jsonBytes);
    },
  });
  const uploadLimit = bodyLimit({
    maxSize: limits.uploadBytes,
    onError: () => {
      throw new PayloadTooLargeError(limits.uploadBytes);
    },
  });
  const anonymousLimit = bodyLimit({
    maxSize: limits.anonymousBodyBytes,
    onError: () => {
      throw new PayloadTooLargeError(limits.anonymousBodyBytes);
    },
  });
  app.use('/api/*', async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    // JSON bodies are small; uploads get their own, larger limit on the import route.
    if (/\/imports(\/preview)?$/.test(c.req.path)) return next();
    // Other jurisdictions' publications posted for a comparison are uploads, not small JSON.
    // The public may compare small lists; a signed-in caller (the operators' page) larger ones.
    if (c.req.path === '/api/comparisons')
      return (c.req.header('authorization') === undefined ? anonymousLimit : uploadLimit)(c, next);
    return jsonLimit(c, next);
  });
  app.use('/api/*', authenticate(options.store, deps.now));
  app.use('/api/*', async (c, next) => {
    const parses =
      c.req.method === 'POST'
        ? API_PARSES.test(c.req.path)
        : c.req.method === 'GET' && c.req.path === '/api/comparisons';
    return parses ? budgeted(c, next) : next();
  });

  app.use('/api/batches/*', async (c, next) => {
    await next();
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return;
    lists.invalidate();
    if (c.res.ok && c.req.path.endsWith('/transitions')) {
      // The transition is done and answered either way: a failed index build is logged and
      // retried on the next check, the set before stays in service.
      await lists.refresh().catch(log);
    }
  });
  registerBatchRoutes(app, deps);
  registerMaterialRoutes(app, deps);
  registerLegalQueueRoutes(app, deps);
  registerReferralRoutes(app, deps);
  registerImportPreviewRoutes(app, deps);
  registerMeRoute(app);
  registerStageRoutes(app, deps);
  registerPublicationRoutes(
    app,
    deps,
    createPublicationCache(options.store, { maxBytes: options.publicationCacheBytes }),
  );
  const letters = createLetterService(options.store, config?.commitmentLetter, 4, deps.timeZone);
  registerLetterRoutes(app, letters);
  registerCaseRoutes(
    app,
    deps,
    createPublishedMaterials(options.store),
    supervisionSettings(config),
    // Reports share the comment limits: the same public, the same abuse.
    createRateLimiter(options.store, {
      scope: 'case',
      max: limits.commentsPerWindow,
      windowMs: limits.commentWindowMs,
      now: deps.now,
    }),
  );
  registerCommentRoutes(app, deps);
  registerComparisonRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerProgrammeRoutes(app, deps);
  registerTokenRoutes(app, deps);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: '`jianzheng token create --role …` 生成的令牌',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'jianzheng API — 减证便民 operators’ service',
      version: '0.1.0',
      description:
        '批次、清单导入、审核、阶段流转、公布、公众意见与审计。Errors are application/problem+json (RFC 9457).',
    },
  });
  mountDocs(app);
  publicSearch.register(app);
  app.get('/health', (c) => c.json({ ok: true }));
  app.route(
    '/',
    createPages({
      store: options.store,
      categories: engine.categories,
      rules: engine.rules,
      timeZone: deps.timeZone,
      now: deps.now,
      api: (req, env) => app.fetch(req, env),
      letters,
      lists,
      pendingUploads: {
        maxBytes: limits.pendingReportBytes,
        maxBytesPerGroup: limits.pendingReportBytesPerDepartment,
      },
    }),
  );

  return app;
}

export type JianzhengApp = ReturnType<typeof createApp>;
