import { describe, expect, it } from 'vitest';
import { UnknownRuleError } from './config-errors';
import { isJianzhengError, JianzhengError } from './jianzheng-error';

describe('JianzhengError', () => {
  it('carries a stable code, the cause and an English message', () => {
    const cause = new Error('disk');
    const error = new JianzhengError('SOMETHING', '出错了', { cause, messageEn: 'it failed' });
    expect(error).toMatchObject({ code: 'SOMETHING', message: '出错了', messageEn: 'it failed', cause });
    expect(error.name).toBe('JianzhengError');
    expect(new UnknownRuleError('x', ['y']).name).toBe('UnknownRuleError');
  });

  it('recognises errors from another copy of the package by brand, not instanceof', () => {
    const foreign = Object.assign(new Error('别的副本'), {
      [Symbol.for('jianzheng.error')]: true,
      code: 'X',
    });
    expect(isJianzhengError(foreign)).toBe(true);
    expect(isJianzhengError(new Error('plain'))).toBe(false);
    expect(isJianzhengError(null)).toBe(false);
    expect(isJianzhengError({ code: 'X' })).toBe(false);
  });
});
