import * as core from '@jianzheng/core';
import { isJianzhengError, JianzhengError } from '@jianzheng/core';
import { SchemaTooNewError } from './errors';

/** An error as it crosses from the writer thread: what callers switch on, nothing else. */
export interface ThreadError {
  name: string;
  message: string;
  code?: string;
  messageEn?: string;
  jianzheng: boolean;
  /** The error's own data (a conflict's current record, a guard's stage …), structured-cloned. */
  props: Record<string, unknown>;
  stack?: string;
}

const SKIP = new Set(['name', 'message', 'code', 'messageEn', 'stack', 'cause']);

/** Everything of `error` that a structured clone keeps and a caller may read. */
export function toThreadError(error: unknown): ThreadError {
  if (!(error instanceof Error)) {
    return { name: 'Error', message: String(error), jianzheng: false, props: {} };
  }
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (SKIP.has(key) || typeof value === 'function') continue;
    try {
      structuredClone(value);
      props[key] = value;
    } catch {
      // A value that cannot cross threads (a handle, a class instance with methods) is left behind.
    }
  }
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(isJianzhengError(error) && error.messageEn !== undefined ? { messageEn: error.messageEn } : {}),
    jianzheng: isJianzhengError(error),
    props,
    ...(error.stack !== undefined ? { stack: error.stack } : {}),
  };
}

type ErrorClass = new (...args: never[]) => JianzhengError;

// The classes a store may throw, by name, so that a revived error is `instanceof` the same class
// the inline store would have thrown (callers and tests may check either the class or the code).
let classes: Map<string, ErrorClass> | undefined;
function errorClasses(): Map<string, ErrorClass> {
  if (classes) return classes;
  classes = new Map<string, ErrorClass>([[SchemaTooNewError.name, SchemaTooNewError]]);
  for (const value of Object.values(core)) {
    if (typeof value === 'function' && value.prototype instanceof JianzhengError)
      classes.set(value.name, value as ErrorClass);
  }
  return classes;
}

/** The error again, on the caller's thread: same class, code, texts and data. */
export function fromThreadError(error: ThreadError): Error {
  if (error.jianzheng && error.code !== undefined) {
    const Class = errorClasses().get(error.name) ?? JianzhengError;
    const revived = Reflect.construct(
      JianzhengError,
      [error.code, error.message, error.messageEn === undefined ? {} : { messageEn: error.messageEn }],
      Class,
    ) as JianzhengError;
    Object.assign(revived, error.props);
    if (error.stack !== undefined) revived.stack = error.stack;
    return revived;
  }
  const revived = new Error(error.message);
  revived.name = error.name;
  Object.assign(revived, error.props, error.code === undefined ? {} : { code: error.code });
  if (error.stack !== undefined) revived.stack = error.stack;
  return revived;
}
