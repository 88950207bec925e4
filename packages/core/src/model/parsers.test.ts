import { describe, expect, it } from 'vitest';
import { isLegalBasisNone, parseProposal, parseSource, parseSuperiorCancelled } from './material';
import { parseItemType } from './service-item';
import { formatYesNo, parseYesNo } from './yes-no';

describe('parseYesNo', () => {
  it.each([
    ['是', 'yes'],
    ['可以', 'yes'],
    ['能', 'yes'],
    ['必要', 'yes'],
    ['Y', 'yes'],
    ['ｙ', 'yes'],
    ['√', 'yes'],
    ['否', 'no'],
    ['不可以', 'no'],
    ['不能', 'no'],
    ['非必要', 'no'],
    ['N', 'no'],
    ['×', 'no'],
    [' 否 ', 'no'],
    ['', 'unknown'],
    [null, 'unknown'],
    ['也许', undefined],
  ])('%j → %s', (text, expected) => {
    expect(parseYesNo(text)).toBe(expected);
  });

  it('writes back what it reads', () => {
    for (const value of ['yes', 'no', 'unknown'] as const) expect(parseYesNo(formatYesNo(value))).toBe(value);
  });
});

describe('other cell parsers', () => {
  it('reads sources, with 申请人提供 as 申请人自备', () => {
    expect(parseSource('申请人提供')).toBe('申请人自备');
    expect(parseSource('政府部门核发')).toBe('政府部门核发');
    expect(parseSource('外星人')).toBeUndefined();
  });

  it('reads proposals', () => {
    expect(parseProposal('保留')).toBe('retain');
    expect(parseProposal('拟取消')).toBe('cancel');
    expect(parseProposal('不予取消')).toBe('retain');
    expect(parseProposal('')).toBe('unknown');
    expect(parseProposal('再研究')).toBeUndefined();
  });

  it('reads 上级已取消: a document is yes and the reference; blank, no-words and negations are no; other text unknown', () => {
    // A blank cell is no (domain.md §8); only a missing cell (no such column) says nothing.
    for (const blank of ['', '  ', '\n']) expect(parseSuperiorCancelled(blank)).toEqual({ value: 'no' });
    expect(parseSuperiorCancelled(undefined)).toEqual({ value: 'unknown' });
    expect(parseSuperiorCancelled(null)).toEqual({ value: 'unknown' });
    for (const no of [
      '否',
      '×',
      'N',
      '无',
      '/',
      '—',
      '-',
      '未取消',
      '不适用',
      '没有',
      '暂无',
      '上级未取消',
      '尚未取消',
    ])
      expect(parseSuperiorCancelled(no), no).toEqual({ value: 'no' });
    for (const yes of ['是', '√', 'Y']) expect(parseSuperiorCancelled(yes), yes).toEqual({ value: 'yes' });
    expect(parseSuperiorCancelled('皖政办秘〔2018〕247号')).toEqual({
      value: 'yes',
      reference: '皖政办秘〔2018〕247号',
    });
    expect(parseSuperiorCancelled('《国务院关于取消一批行政许可事项的决定》')).toEqual({
      value: 'yes',
      reference: '《国务院关于取消一批行政许可事项的决定》',
    });
    expect(parseSuperiorCancelled('国发[2018]28号')).toMatchObject({ value: 'yes' });
    for (const other of ['待定', '已取消', '省里说可以不要'])
      expect(parseSuperiorCancelled(other), other).toEqual({ value: 'unknown', unrecognised: true });
  });

  it('recognises an absent legal basis', () => {
    expect(isLegalBasisNone('无')).toBe(true);
    expect(isLegalBasisNone('《行政许可法》')).toBe(false);
  });

  it('reads item types', () => {
    expect(parseItemType('行政 许可')).toBe('行政许可');
    expect(parseItemType('行政审批')).toBeUndefined();
  });
});
