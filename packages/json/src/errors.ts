import { JianzhengError } from '@jianzheng/core';

/** One problem in a publication, at a JSON path such as `$.departments[0].items[2].materials[1].verdict`. */
export interface PublicationIssue {
  path: string;
  /** zh-CN. */
  message: string;
  messageEn: string;
}

function where(source: string | undefined): string {
  return source ? `${source}：` : '';
}

/** `createPublication` was given inputs it cannot publish (a material without a decision …). */
export class PublicationInputError extends JianzhengError {
  readonly issues: readonly PublicationIssue[];
  constructor(issues: readonly PublicationIssue[]) {
    super('PUBLICATION_INPUT_INVALID', `无法生成发布文件 — ${list(issues, 'zh')}`, {
      messageEn: `cannot create the publication — ${list(issues, 'en')}`,
    });
    this.issues = issues;
  }
}

/**
 * A publication builder was used after `finish()`: its rows now belong to the sealed publication.
 * Start a new builder (`createPublicationBuilder`) for another publication.
 */
export class PublicationBuilderFinishedError extends JianzhengError {
  /** What was called after `finish()`. */
  readonly action: 'add' | 'finish';
  constructor(action: 'add' | 'finish') {
    super(
      'PUBLICATION_BUILDER_FINISHED',
      action === 'add'
        ? '发布文件已生成（已调用 finish），不能再添加材料；请新建一个发布构建器'
        : '发布文件已生成（已调用 finish），不能再次生成；请新建一个发布构建器',
      {
        messageEn:
          action === 'add'
            ? 'the publication builder is finished (finish() was called): no more materials can be added; start a new builder'
            : 'the publication builder is already finished (finish() was called once); start a new builder',
      },
    );
    this.action = action;
  }
}

/**
 * The text is not a valid publication: not JSON (then `line` and `column` say where the parser
 * stopped — a truncated file stops at its end), or JSON that does not match the schema.
 */
export class PublicationInvalidError extends JianzhengError {
  readonly issues: readonly PublicationIssue[];
  /** 1-based line of a JSON syntax error. */
  readonly line: number | undefined;
  /** 1-based column (in UTF-16 code units) of a JSON syntax error. */
  readonly column: number | undefined;
  readonly source: string | undefined;
  constructor(
    issues: readonly PublicationIssue[],
    options: { source?: string; line?: number; column?: number; cause?: unknown } = {},
  ) {
    super('PUBLICATION_INVALID', `${where(options.source)}发布文件无效 — ${list(issues, 'zh')}`, {
      cause: options.cause,
      messageEn: `${options.source ? `${options.source}: ` : ''}invalid publication — ${list(issues, 'en')}`,
    });
    this.issues = issues;
    this.line = options.line;
    this.column = options.column;
    this.source = options.source;
  }
}

/** The document declares a `schemaVersion` this reader does not know (written by a newer release?). */
export class PublicationSchemaVersionError extends JianzhengError {
  readonly schemaVersion: unknown;
  constructor(schemaVersion: unknown, supported: string, source?: string) {
    super(
      'PUBLICATION_SCHEMA_UNSUPPORTED',
      `${where(source)}不支持的发布文件格式版本 ${JSON.stringify(schemaVersion)}，本程序支持 ${supported}`,
      {
        messageEn: `${source ? `${source}: ` : ''}unsupported publication schemaVersion ${JSON.stringify(schemaVersion)}; this reader supports ${supported}`,
      },
    );
    this.schemaVersion = schemaVersion;
  }
}

/** The embedded `sha256` does not match the content: the file was edited or damaged after publication. */
export class PublicationChecksumError extends JianzhengError {
  readonly expected: string;
  readonly actual: string;
  constructor(expected: string, actual: string, source?: string) {
    super(
      'PUBLICATION_CHECKSUM_MISMATCH',
      `${where(source)}校验和不符：文件记载 sha256 ${expected}，内容计算得 ${actual}。文件在发布后被修改或已损坏`,
      {
        messageEn: `${source ? `${source}: ` : ''}checksum mismatch: the file says sha256 ${expected}, its content hashes to ${actual}; it was edited or damaged after publication`,
      },
    );
    this.expected = expected;
    this.actual = actual;
  }
}

/** A version of a batch is already published; versions are immutable, publish v<N+1> instead. */
export class PublicationExistsError extends JianzhengError {
  readonly path: string;
  constructor(path: string, cause?: unknown) {
    super('PUBLICATION_EXISTS', `发布文件 ${path} 已存在：已发布的版本不可覆盖，请以新版本号发布动态调整`, {
      cause,
      messageEn: `publication ${path} already exists: published versions are never overwritten; publish the adjustment as a new version`,
    });
    this.path = path;
  }
}

/** A publication file or folder could not be read or written (missing, permissions, disk full …). */
export class PublicationIoError extends JianzhengError {
  readonly path: string;
  constructor(path: string, action: 'read' | 'write', cause: unknown) {
    const reason = (cause as NodeJS.ErrnoException | undefined)?.code ?? String(cause);
    super(
      action === 'read' ? 'PUBLICATION_READ_FAILED' : 'PUBLICATION_WRITE_FAILED',
      `${action === 'read' ? '无法读取' : '无法写入'}发布文件 ${path}（${reason === 'ENOENT' ? '文件不存在' : reason}）`,
      { cause, messageEn: `cannot ${action} publication ${path} (${reason})` },
    );
    this.path = path;
  }
}

function list(issues: readonly PublicationIssue[], lang: 'zh' | 'en'): string {
  const shown = issues
    .slice(0, 5)
    .map((i) => `${i.path}: ${lang === 'zh' ? i.message : i.messageEn}`)
    .join(lang === 'zh' ? '；' : '; ');
  const more = issues.length - 5;
  if (more <= 0) return shown;
  return lang === 'zh' ? `${shown}；另有 ${more} 处问题` : `${shown}; and ${more} more`;
}

/** Another run is publishing the same batch right now (its lock file names the process). */
export class PublicationLockedError extends JianzhengError {
  readonly batchId: string;
  readonly lockPath: string;
  constructor(
    batchId: string,
    lockPath: string,
    owner: { pid: number; host: string; since: string } | undefined,
  ) {
    const who = owner ? `进程 ${owner.pid}（${owner.host}，自 ${owner.since} 起）` : '另一个进程';
    const whoEn = owner ? `process ${owner.pid} on ${owner.host} (since ${owner.since})` : 'another process';
    super(
      'PUBLICATION_LOCKED',
      `批次 ${batchId} 正由${who}发布，本次未发布任何文件；请等它完成后重试（锁文件 ${lockPath}）`,
      {
        messageEn: `batch ${batchId} is being published by ${whoEn}; nothing was published, retry when it is done (lock ${lockPath})`,
      },
    );
    this.batchId = batchId;
    this.lockPath = lockPath;
  }
}
