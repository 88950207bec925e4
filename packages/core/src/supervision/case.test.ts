import { describe, expect, it } from 'vitest';
import type { Actor } from '../store/types';
import {
  type CaseRecord,
  caseDueOn,
  caseIdOf,
  caseNumber,
  caseState,
  DEFAULT_SUPERVISION,
  planCaseAnswer,
  planCaseClose,
} from './case';
import { caseStatistics } from './case-stats';

const police: Actor = { id: 'tok-police', role: 'department', department: '市公安局' };
const market: Actor = { id: 'tok-market', role: 'department', department: '市市场监督管理局' };
const reviewer: Actor = { id: 'tok-rev', role: 'reviewer' };

function record(overrides: Partial<CaseRecord> = {}): CaseRecord {
  return {
    id: 7,
    number: caseNumber(7, '2026-11-27T02:00:00.000Z'),
    batchId: 'b1',
    materialId: 'm1',
    materialName: '居住证明',
    itemName: '户口迁移',
    department: '市公安局',
    place: '市民中心 3 号窗口',
    happenedOn: '2026-11-26',
    description: '窗口仍要求提交居住证明',
    status: 'assigned',
    dueOn: '2026-12-04',
    createdAt: '2026-11-27T02:00:00.000Z',
    answer: null,
    closed: null,
    ...overrides,
  };
}

describe('supervision cases', () => {
  it('numbers cases so the number leads back to the id', () => {
    expect(caseNumber(7, '2026-11-27T02:00:00.000Z')).toBe('DC2026000007');
    expect(caseIdOf('DC2026000007')).toBe(7);
    expect(caseIdOf('dc2026000007 ')).toBe(7);
    expect(caseIdOf('DC7')).toBeUndefined();
  });

  it('is due after the configured working days and overdue the day after', () => {
    const reported = new Date('2026-11-27T02:00:00Z'); // Friday in 北京时间
    expect(caseDueOn(reported, DEFAULT_SUPERVISION)).toBe('2026-12-04');
    const c = record();
    expect(caseState(c, new Date('2026-12-04T15:59:00Z'), 'Asia/Shanghai')).toBe('assigned');
    expect(caseState(c, new Date('2026-12-04T16:00:00Z'), 'Asia/Shanghai')).toBe('overdue');
    expect(caseState({ ...c, status: 'answered' }, new Date('2027-01-01'), 'Asia/Shanghai')).toBe('answered');
  });

  it('lets only the case’s own department answer, once, and a reviewer close an answered case', () => {
    expect(() => planCaseAnswer(record(), { outcome: 'rectified', note: '已整改' }, market, 'x')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    const answered = planCaseAnswer(
      record(),
      { outcome: 'rectified', note: '已约谈窗口' },
      police,
      '2026-11-30T01:00:00Z',
    );
    expect(answered).toEqual({
      status: 'answered',
      answer: { outcome: 'rectified', note: '已约谈窗口', by: 'tok-police', at: '2026-11-30T01:00:00Z' },
    });
    const after = record(answered);
    expect(() => planCaseAnswer(after, { outcome: 'rectified', note: '' }, police, 'x')).toThrow(
      expect.objectContaining({ code: 'CASE_STATE' }),
    );
    expect(() => planCaseClose(record(), null, reviewer, 'x')).toThrow(
      expect.objectContaining({ code: 'CASE_STATE' }),
    );
    expect(planCaseClose(after, '核实无误', reviewer, 'y')).toEqual({
      status: 'closed',
      closed: { by: 'tok-rev', at: 'y', note: '核实无误' },
    });
  });

  it('counts reports, outcomes, overdue and the median days to answer per department', () => {
    const now = new Date('2026-12-10T02:00:00Z');
    const cases = [
      record({
        id: 1,
        status: 'closed',
        answer: { outcome: 'rectified', note: '', by: 'a', at: '2026-11-28T02:00:00.000Z' },
      }),
      record({
        id: 2,
        status: 'answered',
        answer: { outcome: 'not-applicable', note: '法定', by: 'a', at: '2026-11-30T02:00:00.000Z' },
      }),
      record({
        id: 3,
        status: 'answered',
        answer: { outcome: 'rectified', note: '', by: 'a', at: '2026-12-07T02:00:00.000Z' },
      }), // late
      record({ id: 4 }), // unanswered, past due
      record({ id: 5, department: '市民政局', dueOn: '2026-12-15' }),
    ];
    const stats = caseStatistics(cases, now, 'Asia/Shanghai');
    expect(stats.byDepartment.map((r) => r.department)).toEqual(['市公安局', '市民政局']);
    expect(stats.byDepartment[0]).toEqual({
      department: '市公安局',
      reports: 4,
      rectified: 2,
      notApplicable: 1,
      overdue: 2,
      open: 1,
      closed: 1,
      medianDaysToAnswer: 3,
    });
    expect(stats.total).toMatchObject({ reports: 5, overdue: 2, open: 2, medianDaysToAnswer: 3 });
    expect(stats.byDepartment[1]!.medianDaysToAnswer).toBeNull();
  });
});
