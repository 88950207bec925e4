import type { Agreement, Verdict } from '../model/decision';
import type { Proposal } from '../model/material';

/** Compares the engine's verdict with the department's own 清理意见 (domain.md §2). */
export function agreementOf(verdict: Verdict, proposal: Proposal): Agreement {
  if (proposal === 'unknown') return 'no-proposal';
  if (verdict === proposal) return 'agree';
  return verdict === 'cancel' ? 'engine-cancels' : 'department-cancels';
}
