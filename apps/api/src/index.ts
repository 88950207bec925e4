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
  PayloadTooLargeError,
  PreconditionRequiredError,
  RateLimitedError,
  UnauthorizedError,
} from './errors';
export type { RunningServer, StartServerOptions } from './server';
export { startServer } from './server';
export type { CreatedToken, CreateTokenOptions } from './tokens';
export { createToken, hashToken, ROLES } from './tokens';
