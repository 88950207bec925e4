import { z } from '@hono/zod-openapi';
import type { JurisdictionComparison } from '@jianzheng/compare';
import { JianzhengError } from '@jianzheng/core';
import { startParserThread } from '@jianzheng/core/node';
import { HTTPException } from 'hono/http-exception';
import { ComparisonMemoryExceededError } from '../errors';
import type { CompareReply, CompareRequest } from './compare-worker';

// From dist/ the worker is the sibling entry; from src/ (tests run the sources) the built one.
const workerUrl = () =>
  import.meta.url.endsWith('.ts')
    ? new URL('../../dist/compare-worker.js', import.meta.url)
    : new URL('./compare-worker.js', import.meta.url);

export interface CompareOffThreadInput {
  /** The raw JSON body of POST /api/comparisons, or null for GET (then `batches` and `k`). */
  body: Uint8Array | null;
  batches?: string[];
  k?: number;
  /** The stored lists to compare: the named batches, or every published one (main thread, the store's). */
  stored: (batches: string[] | undefined) => Promise<Array<{ id: string; json: string }>>;
  heapMb: number;
}

/** Thrown for a body that fails the schema: the route answers it as a validation problem (400). */
export class ComparisonBodyInvalid extends Error {
  constructor(readonly error: z.ZodError) {
    super('invalid comparison body');
  }
}

/**
 * Runs one comparison on a worker thread of its own with a heap limit: the body's JSON is
 * parsed, checked and compared there, the stored lists are read here and handed over.
 */
export async function compareOffThread(input: CompareOffThreadInput): Promise<JurisdictionComparison> {
  const thread = startParserThread<CompareRequest, CompareReply>(workerUrl(), {
    heapMb: input.heapMb,
    outOfMemory: (cause) => new ComparisonMemoryExceededError(input.heapMb, cause),
  });
  const ask = async (request: CompareRequest, transfer?: ArrayBuffer[]) =>
    check(await thread.ask(request, transfer));

  try {
    const body = input.body === null ? null : new Uint8Array(input.body);
    const start: CompareRequest = {
      type: 'start',
      body,
      ...(input.batches === undefined ? {} : { batches: input.batches }),
      ...(input.k === undefined ? {} : { k: input.k }),
    };
    const need = await ask(start, body === null ? [] : [body.buffer as ArrayBuffer]);
    if (need.type !== 'need') throw new Error(`unexpected reply ${need.type}`);
    const done = await ask({ type: 'stored', publications: await input.stored(need.batches) });
    if (done.type !== 'done') throw new Error(`unexpected reply ${done.type}`);
    return done.result as JurisdictionComparison;
  } finally {
    await thread.close();
  }
}

function check(reply: CompareReply): CompareReply {
  if (reply.type === 'invalid-json') throw new HTTPException(400, { message: 'malformed JSON' });
  if (reply.type === 'invalid')
    throw new ComparisonBodyInvalid(new z.ZodError(reply.issues as z.core.$ZodIssue[]));
  if (reply.type === 'error') {
    const error = new JianzhengError(reply.code ?? 'INTERNAL', reply.message, { messageEn: reply.messageEn });
    Object.assign(error, reply.props);
    if (reply.code === undefined) throw new Error(reply.message);
    throw error;
  }
  return reply;
}
