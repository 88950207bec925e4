import { isJianzhengError } from '@jianzheng/core';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/** An RFC 9457 problem document, with the error's stable code and zh-CN/English texts. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  detailEn?: string;
  issues?: Array<{ path: (string | number)[]; message: string }>;
  [extra: string]: unknown;
}

const STATUS: Record<string, number> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  NOT_A_SESSION: 409,
  ALREADY_EXISTS: 409,
  VERSION_CONFLICT: 409,
  TRANSITION_NOT_ALLOWED: 409,
  GUARD_FAILED: 409,
  STAGE_LOCKED: 409,
  COMMENTS_CLOSED: 409,
  COMMENT_PERIOD: 409,
  // A case answered twice, or closed before its answer: the state conflicts, as for a batch.
  CASE_STATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  PREVIEW_TOO_LARGE: 413,
  PRECONDITION_REQUIRED: 428,
  RATE_LIMITED: 429,
  INDEX_BUILDING: 503,
  SERVER_BUSY: 503,
  PARSER_MEMORY_EXCEEDED: 422,
  VALIDATION_FAILED: 400,
  PROGRAMME_INVALID: 400,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problemType(code: string): string {
  return `urn:jianzheng:problem:${code.toLowerCase().replaceAll('_', '-')}`;
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
  });
}

export function makeProblem(
  status: number,
  code: string,
  detail: string,
  extra: Partial<Problem> = {},
): Problem {
  return { type: problemType(code), title: TITLES[status] ?? 'Error', status, detail, code, ...extra };
}

/** zod issues → problem issues, with paths prefixed by where the value came from (body, query …). */
export function zodIssues(error: z.ZodError, where?: string) {
  return error.issues.map((issue) => ({
    path: [...(where ? [where] : []), ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))],
    message: issue.message,
  }));
}

const CJK = /[\u3400-\u9fff]/;

/**
 * The English of a validation message for `detailEn`: schema messages are written zh-CN first,
 * some with the English in trailing parentheses; the rest is said from the issue's code.
 */
export function englishOf(issue: z.core.$ZodIssue): string {
  if (!CJK.test(issue.message)) return issue.message;
  const tail = /\(([^()\u3400-\u9fff]+)\)\s*$/.exec(issue.message);
  if (tail) return tail[1]!.trim();
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'too_small':
      return `too small (minimum ${String(issue.minimum)})`;
    case 'too_big':
      return `too big (maximum ${String(issue.maximum)})`;
    case 'invalid_format':
      return `invalid format (${issue.format})`;
    case 'unrecognized_keys':
      return `unknown keys: ${issue.keys.join(', ')}`;
    default:
      return `invalid value (${issue.code})`;
  }
}

/** Request validation failures from @hono/zod-openapi become 400 problem documents. */
export function validationProblem(error: z.ZodError, target: string): Response {
  const issues = zodIssues(error, target);
  const list = issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('；');
  return problemResponse(
    makeProblem(400, 'VALIDATION_FAILED', `请求内容无效 — ${list}`, {
      detailEn: `invalid request — ${issues.map((i, n) => `${i.path.join('.')}: ${englishOf(error.issues[n]!)}`).join('; ')}`,
      issues,
    }),
  );
}

/**
 * Any thrown error → problem+json. Toolkit errors keep their code and message; anything else is
 * a 500 with a generic text (the stack goes to the server log, never to the client).
 */
export function errorToResponse(error: unknown, log: (error: unknown) => void): Response {
  if (isJianzhengError(error)) {
    const status = STATUS[error.code] ?? 422;
    const extra: Partial<Problem> = {};
    if (error.messageEn) extra.detailEn = error.messageEn;
    const withIssues = error as unknown as {
      issues?: unknown;
      files?: unknown;
      allowed?: unknown;
      guard?: unknown;
      materials?: unknown;
      count?: unknown;
    };
    if (Array.isArray(withIssues.issues)) extra.issues = withIssues.issues as Problem['issues'];
    if (Array.isArray(withIssues.files)) extra.files = withIssues.files;
    if (Array.isArray(withIssues.allowed)) extra.allowed = withIssues.allowed;
    if (typeof withIssues.guard === 'string') extra.guard = withIssues.guard;
    // A refused legal review lists the materials the legal office has still to settle.
    if (Array.isArray(withIssues.materials)) extra.materials = withIssues.materials;
    if (typeof withIssues.count === 'number') extra.count = withIssues.count;
    const headers: Record<string, string> = {};
    const retry = (error as unknown as { retryAfterSeconds?: number }).retryAfterSeconds;
    if (typeof retry === 'number') headers['retry-after'] = String(retry);
    return problemResponse(makeProblem(status, error.code, error.message, extra), headers);
  }
  const status = (error as { status?: number } | null)?.status;
  if (status === 413) return problemResponse(makeProblem(413, 'PAYLOAD_TOO_LARGE', '上传内容过大'));
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return problemResponse(
      makeProblem(status, 'BAD_REQUEST', '请求无效（例如 JSON 格式错误）', { detailEn: 'bad request' }),
    );
  }
  log(error);
  return problemResponse(
    makeProblem(500, 'INTERNAL', '服务器内部错误，已记录；请稍后再试或联系管理员', {
      detailEn: 'internal server error; it was logged',
    }),
  );
}

export type { ContentfulStatusCode };
