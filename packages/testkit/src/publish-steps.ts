// The stage transitions that take a batch from draft to its first published version (domain.md
// §5), as the API's and the CLI's tests walk them: the legal office records the legal review.

/** Dated 2018, around the 宿州 first batch: for tests on the real clock. */
export const PUBLISH_STEPS = [
  { action: 'submit' },
  { action: 'confirm', signer: '王局长', signedAt: '2018-08-10' },
  { action: 'open-comment', start: '2018-08-11', end: '2018-08-20', channel: '宿州市人民政府网' },
  { action: 'legal-review', result: 'passed', notes: '未发现违法设定' },
  { action: 'approve', meetingDate: '2018-08-30' },
  { action: 'publish', documentNumber: '宿政办秘〔2018〕100号', publishedAt: '2018-09-04' },
] as const;

/** Dated November 2026, for tests whose clock stands at 2026-11-27 (after the comment period). */
export const PUBLISH_STEPS_2026 = [
  { action: 'submit' },
  { action: 'confirm', signer: '王局长', signedAt: '2026-11-01' },
  { action: 'open-comment', start: '2026-11-02', end: '2026-11-09', channel: '政府网站' },
  { action: 'legal-review', result: 'passed', notes: '合法' },
  { action: 'approve', meetingDate: '2026-11-20' },
  { action: 'publish', documentNumber: '宿政办秘〔2026〕1号', publishedAt: '2026-11-25' },
] as const;
