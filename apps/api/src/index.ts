// @jianzheng/api — the operators' service: a Hono app over the store port.

export type { CreateAppOptions, JianzhengApp } from './app';
export { createApp } from './app';
export type { Principal } from './auth';
export type { ApiLimits } from './deps';
export { DEFAULT_LIMITS } from './deps';
export {
  CommentsClosedError,
  ForbiddenError,
  ImportFailedError,
  NotASessionError,
  PayloadTooLargeError,
  PreconditionRequiredError,
  RateLimitedError,
  UnauthorizedError,
} from './errors';
export type { RunningServer, StartServerOptions } from './server';
export { startServer } from './server';
export type {
  CreatedToken,
  CreateTokenOptions,
  ListTokensOptions,
  RevokeTokenOptions,
  TokenInfo,
} from './tokens';
export { createToken, hashToken, listTokens, ROLES, revokeToken } from './tokens';
