import { describe, expect, it } from 'vitest';
import { allowedActions, TRANSITIONS } from '../batch/transitions';
import { BATCH_STAGES } from '../model/batch';
import { AUDIT_ACTIONS } from '../store/audit';
import {
  ACTION_LABELS,
  AUDIT_EVENTS,
  actionLabel,
  actionOutcome,
  auditEventLabel,
  stageLabel,
  stageStatus,
} from './workflow';

// What a raw id looks like on a page: `close-comment`, `session.create`.
const RAW_ID = /\b[a-z]+(?:[-.][a-z]+)+\b/;

describe('workflow labels', () => {
  it('names every stage, action and audit event in both languages, never by its id', () => {
    const texts: string[] = [];
    for (const lang of ['zh', 'en'] as const) {
      for (const stage of BATCH_STAGES) texts.push(stageLabel(stage, lang));
      for (const t of TRANSITIONS) texts.push(actionLabel(t.action, lang), actionOutcome(t.action, lang));
      for (const event of [...Object.values(AUDIT_ACTIONS), ...AUDIT_EVENTS])
        texts.push(auditEventLabel(event, lang));
    }
    for (const text of texts) {
      expect(text).not.toBe('');
      expect(text).not.toMatch(RAW_ID);
    }
    expect(Object.keys(ACTION_LABELS).sort()).toEqual(TRANSITIONS.map((t) => t.action).sort());
  });

  it('labels transitions in the audit log as their action', () => {
    expect(auditEventLabel('transition.close-comment', 'zh')).toBe('提前结束征求意见');
    expect(auditEventLabel('session.create', 'en')).toBe('signed in (session created)');
    expect(auditEventLabel('future.event', 'zh')).toBe('future.event');
  });

  it('says a comment period closed early is closed, and no longer offers to close it', () => {
    const period = { start: '2026-11-01', end: '2026-11-30', channel: '政府网站' };
    expect(stageStatus('public-comment', { commentPeriod: period }, 'zh')).toBe(
      '公开征求意见（2026-11-01 至 2026-11-30）',
    );
    const closed = {
      commentPeriod: { ...period, closedEarly: { reason: '提前', at: '2026-11-10T01:00:00Z' } },
    };
    expect(stageStatus('public-comment', closed, 'zh')).toBe('公开征求意见（已提前结束）');
    expect(allowedActions('public-comment', { commentPeriod: period })).toEqual([
      'close-comment',
      'legal-review',
    ]);
    expect(allowedActions('public-comment', closed)).toEqual(['legal-review']);
    expect(allowedActions('published', {})).toEqual(['adjust']);
    expect(allowedActions('published')).toEqual(['review-adjustment', 'adjust']);
  });
});
