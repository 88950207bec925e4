/** An API answer as tests read it. */
// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies as loosely as a client would
export type ApiReply = { status: number; body: any };

/** One request through whatever client a test uses (in-process app, real server, another process). */
export type ApiCall = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<ApiReply>;

/** What the legal office answers for the demo's and the synthetic lists' queued bases. */
export const SUPERIOR_DOCUMENT = {
  level: 'normative-document',
  issuedBy: 'superior',
  reason: '上级部门制定的规范性文件',
} as const;

/**
 * The legal office settles every basis the engine could not place (domain.md §14), as a test must
 * before a legal review can pass: reads the batch's queue and settles each material at its
 * version. Returns the queue it found and each answer; a refusal throws with the API's answer.
 */
export async function settleLegalQueue(
  call: ApiCall,
  batchId: string,
  resolution: Record<string, string> = SUPERIOR_DOCUMENT,
): Promise<{ pending: Array<{ material: { id: string }; version: number }>; settled: ApiReply[] }> {
  const queue = await call('GET', `/api/batches/${batchId}/legal-queue`);
  if (queue.status !== 200) throw new Error(`legal-queue: ${queue.status} ${JSON.stringify(queue.body)}`);
  const pending = queue.body.pending as Array<{ material: { id: string }; version: number }>;
  const settled: ApiReply[] = [];
  for (const row of pending) {
    const path = `/api/batches/${batchId}/materials/${row.material.id}/legal-resolution`;
    const answer = await call('POST', path, resolution, { 'if-match': `"${row.version}"` });
    if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    settled.push(answer);
  }
  return { pending, settled };
}
