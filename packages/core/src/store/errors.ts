import { JianzhengError } from '../errors/jianzheng-error';

/** A batch, material, comment or publication that does not exist. */
export class NotFoundError extends JianzhengError {
  readonly entity: string;
  readonly key: string;
  constructor(entity: string, key: string, zh: string) {
    super('NOT_FOUND', `找不到${zh} “${key}”`, { messageEn: `${entity} "${key}" not found` });
    this.entity = entity;
    this.key = key;
  }
}

/** Creating something whose id is taken. */
export class AlreadyExistsError extends JianzhengError {
  constructor(entity: string, key: string, zh: string) {
    super('ALREADY_EXISTS', `${zh} “${key}” 已存在`, { messageEn: `${entity} "${key}" already exists` });
  }
}

/**
 * Optimistic concurrency: the record changed since the caller read it (ETag/If-Match mismatch, or
 * the batch left the stage the caller planned from). Nothing was written.
 */
export class VersionConflictError extends JianzhengError {
  readonly expected: number | string;
  readonly actual: number | string;
  constructor(what: string, expected: number | string, actual: number | string) {
    super(
      'VERSION_CONFLICT',
      `${what}已被他人修改（期望版本 ${expected}，当前版本 ${actual}），请刷新后重试；未做任何更改`,
      { messageEn: `${what} changed meanwhile (expected ${expected}, now ${actual}); nothing was written` },
    );
    this.expected = expected;
    this.actual = actual;
  }
}
