import { JianzhengError } from '@jianzheng/core';

export type UnauthorizedReason = 'missing' | 'malformed' | 'unknown' | 'revoked' | 'expired';

/** No, an unknown, a revoked or an expired bearer token on a route that needs one. */
export class UnauthorizedError extends JianzhengError {
  readonly reason: UnauthorizedReason;
  constructor(reason: UnauthorizedReason = 'missing') {
    const zh = {
      missing: '需要登录：请在 Authorization 头中提供 Bearer 令牌',
      malformed: '令牌格式不正确',
      unknown: '令牌无效',
      revoked: '令牌已停用',
      expired: '令牌已过期',
    }[reason];
    const en = {
      missing: 'authentication required: send a Bearer token',
      malformed: 'malformed token',
      unknown: 'unknown token',
      revoked: 'the token was revoked',
      expired: 'the token has expired',
    }[reason];
    super('UNAUTHORIZED', zh, { messageEn: en });
    this.reason = reason;
  }
}

/** The token's role may not do this, or a department token reached for another department. */
export class ForbiddenError extends JianzhengError {
  constructor(message: string, messageEn: string) {
    super('FORBIDDEN', message, { messageEn });
  }
}

export class PayloadTooLargeError extends JianzhengError {
  constructor(maxBytes: number) {
    const mb = (maxBytes / 1024 / 1024).toFixed(maxBytes % (1024 * 1024) === 0 ? 0 : 1);
    super('PAYLOAD_TOO_LARGE', `上传内容超过 ${mb} MB 的上限`, {
      messageEn: `the request body exceeds the ${mb} MB limit`,
    });
  }
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * A dry run whose report would not fit what the caller can hold or what is left of the parse
 * budget: refused before the report is built (the files are fine; the import needs no report).
 */
export class PreviewTooLargeError extends JianzhengError {
  constructor(
    files: readonly string[],
    materials: number,
    capBytes: number,
    atLeast: boolean,
    reportBytes?: number,
  ) {
    const list = files.map((f) => `「${f}」`).join('、');
    const count = materials.toLocaleString('en-US');
    const size = reportBytes === undefined ? '' : `，报告约 ${mib(reportBytes)}`;
    super(
      'PREVIEW_TOO_LARGE',
      `${list}的预检报告过大：${atLeast ? '读到' : '共'} ${count} 条材料${atLeast ? '时已超出' : size + '，超出'}本次预检可用的 ${mib(capBytes)}，未生成报告；请拆分文件后再预检，或直接导入（导入不生成报告）`,
      {
        messageEn: `the dry-run report of ${files.join(', ')} is too large: ${atLeast ? 'at' : ''} ${count} materials${reportBytes === undefined ? '' : ` (about ${mib(reportBytes)})`} it exceeds the ${mib(capBytes)} this dry run may use; no report was built. Split the files, or import them directly (an import builds no report)`,
      },
    );
  }
}

export class RateLimitedError extends JianzhengError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super('RATE_LIMITED', `提交过于频繁，请 ${minutes} 分钟后再试`, {
      messageEn: `too many submissions; try again in ${minutes} minute(s)`,
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A public search before the first index of the visible lists is built (503, Retry-After). */
export class SearchIndexBuildingError extends JianzhengError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('INDEX_BUILDING', `服务刚刚启动，公布清单的检索索引正在建立，请 ${retryAfterSeconds} 秒后再试`, {
      messageEn: `the service has just started and is indexing the published lists; try again in ${retryAfterSeconds} s`,
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The service's parsing budget (bytes in flight, parses at once) is full: 503 with Retry-After. */
export class ServerBusyError extends JianzhengError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('SERVER_BUSY', `服务器正在处理其他上传或比对，请 ${retryAfterSeconds} 秒后再试`, {
      messageEn: `the service is busy parsing other uploads or comparisons; try again in ${retryAfterSeconds} s`,
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A comparison's worker thread ran out of its heap: the uploaded lists are too large or hostile. */
export class ComparisonMemoryExceededError extends JianzhengError {
  constructor(heapMb: number, cause?: unknown) {
    super(
      'PARSER_MEMORY_EXCEEDED',
      `比对所需内存超过上限 ${heapMb} MiB，已停止；请减少一次上传的清单数量或大小`,
      {
        messageEn: `the comparison needs more than the ${heapMb} MiB allowed and was stopped; upload fewer or smaller lists`,
        cause,
      },
    );
  }
}

/** A change of a material without `If-Match`: a blind write could overwrite someone's review. */
export class PreconditionRequiredError extends JianzhengError {
  constructor() {
    super('PRECONDITION_REQUIRED', '修改材料须带上 If-Match 头（读取材料时返回的 ETag）', {
      messageEn: 'send If-Match with the ETag returned when reading the material',
    });
  }
}

/** Re-exported from core, where the guard lives (the store checks it inside its transaction). */
export { CommentsClosedError } from '@jianzheng/core';

/** One or more uploaded workbooks had errors; each failing file imported nothing. */
export class ImportFailedError extends JianzhengError {
  readonly files: unknown[];
  constructor(failed: string[], files: unknown[]) {
    super('IMPORT_FAILED', `以下文件有错误，未导入：${failed.join('、')}（其余文件已导入）`, {
      messageEn: `these files had errors and imported nothing: ${failed.join(', ')} (the others were imported)`,
    });
    this.files = files;
  }
}

/** A workbook lists a department that is not part of the batch. */
export class UnknownDepartmentError extends JianzhengError {
  constructor(file: string, departments: string[], known: string[]) {
    super(
      'UNKNOWN_DEPARTMENT',
      `「${file}」中的部门 ${departments.join('、')} 不在本批次中（本批次部门：${known.join('、')}）`,
      { messageEn: `"${file}": departments ${departments.join(', ')} are not in this batch` },
    );
  }
}

/** A token request that makes no sense (a department token without a department …). */
export class InvalidTokenRequestError extends JianzhengError {
  constructor(message: string, messageEn: string) {
    super('TOKEN_REQUEST_INVALID', message, { messageEn });
  }
}

/** A batch needs a jurisdiction, from the request or the service configuration. */
export class JurisdictionRequiredError extends JianzhengError {
  readonly issues = [{ path: ['body', 'jurisdiction'], message: '未配置辖区，请在请求中给出 jurisdiction' }];
  constructor() {
    super('JURISDICTION_REQUIRED', '未配置辖区：请在请求中给出 jurisdiction（code、name、level）', {
      messageEn: 'no jurisdiction configured: give jurisdiction (code, name, level) in the request',
    });
  }
}

/** `DELETE /api/session` with a token that is not a login session: logging out revokes only sessions. */
export class NotASessionError extends JianzhengError {
  constructor() {
    super('NOT_A_SESSION', '当前令牌不是登录会话；要停用令牌请使用 jianzheng token revoke', {
      messageEn: 'this token is not a login session; revoke tokens with `jianzheng token revoke`',
    });
  }
}
