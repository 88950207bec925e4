// The worker thread a comparison runs on (compare-off-thread.ts starts it with `resourceLimits`):
// an 18 MB body is parsed, validated and compared here, so neither its JSON.parse nor the
// comparison holds the server's event loop, and one that exhausts this heap ends only this thread.
import { parentPort } from 'node:worker_threads';
import { createJurisdictionComparison } from '@jianzheng/compare';
import { isJianzhengError, type Publication } from '@jianzheng/core';
import { parsePublication } from '@jianzheng/json';
import { ComparisonBody } from './comparison-body';

export type CompareRequest =
  | { type: 'start'; body: Uint8Array | null; batches?: string[]; k?: number }
  | { type: 'stored'; publications: Array<{ id: string; json: string }> };

export type CompareReply =
  | { type: 'need'; batches: string[] | undefined }
  | { type: 'done'; result: unknown }
  | { type: 'invalid-json' }
  | { type: 'invalid'; issues: unknown[] }
  | { type: 'error'; code?: string; message: string; messageEn?: string; props: Record<string, unknown> };

const port = parentPort!;
let uploaded: Publication[] = [];
let k = 2;

function fail(error: unknown): CompareReply {
  if (!(error instanceof Error)) return { type: 'error', message: String(error), props: {} };
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (key === 'code' || key === 'messageEn' || key === 'name') continue;
    try {
      props[key] = structuredClone(value);
    } catch {
      // Not clonable: left behind.
    }
  }
  return isJianzhengError(error)
    ? { type: 'error', code: error.code, message: error.message, messageEn: error.messageEn, props }
    : { type: 'error', message: error.message, props };
}

port.on('message', (request: CompareRequest) => {
  try {
    if (request.type === 'start') {
      let batches = request.batches;
      k = request.k ?? 2;
      if (request.body !== null) {
        let value: unknown;
        try {
          value = JSON.parse(Buffer.from(request.body).toString('utf8'));
        } catch {
          port.postMessage({ type: 'invalid-json' } satisfies CompareReply);
          return;
        }
        const parsed = ComparisonBody.safeParse(value);
        if (!parsed.success) {
          port.postMessage({ type: 'invalid', issues: parsed.error.issues } satisfies CompareReply);
          return;
        }
        batches = parsed.data.batches;
        k = parsed.data.minCancelledElsewhere;
        uploaded = parsed.data.publications.map((publication, i) =>
          parsePublication(JSON.stringify(publication), { source: `publications[${i}]` }),
        );
      }
      port.postMessage({ type: 'need', batches } satisfies CompareReply);
      return;
    }
    const builder = createJurisdictionComparison({ minCancelledElsewhere: k });
    for (const { id, json } of request.publications)
      builder.add(parsePublication(json, { source: id, verify: false }));
    for (const publication of uploaded) builder.add(publication);
    port.postMessage({ type: 'done', result: builder.finish() } satisfies CompareReply);
  } catch (error) {
    port.postMessage(fail(error));
  }
});
