import {
  type Actor,
  assignMaterialIds,
  createEngine,
  isJianzhengError,
  type JianzhengStore,
  type MaterialInput,
  type NewPublication,
  planTransition,
  type WriteContext,
} from '@jianzheng/core';

export const engine = createEngine();
export const jurisdiction = { code: '341300', name: '宿州市', level: 'city' as const };
export const admin: Actor = { id: 'admin-1', role: 'admin' };
export const reviewer: Actor = { id: 'reviewer-1', role: 'reviewer' };
export const publicActor: Actor = { id: 'anonymous', role: 'anonymous' };
export const departmentActor = (department: string): Actor => ({
  id: `dept:${department}`,
  role: 'department',
  department,
});
export const as = (actor: Actor, at?: string): WriteContext => (at ? { actor, at } : { actor });

/** Evaluated entries of one department for `importMaterials`. */
export function entries(department: string, names: readonly string[], item = '个体工商户登记') {
  const inputs: MaterialInput[] = names.map((name) => ({
    item: { department, name: item },
    name,
    legalBasis: name.includes('无依据') ? '无' : '《个体工商户条例》',
    departmentProposal: 'retain',
  }));
  const materials = assignMaterialIds(inputs);
  const decisions = engine.evaluate(materials);
  return materials.map((material, i) => ({ material, decision: decisions[i]! }));
}

export async function importDept(
  store: JianzhengStore,
  batchId: string,
  department: string,
  names: readonly string[],
  actor: Actor = admin,
) {
  return store.importMaterials(
    batchId,
    { departments: [department], entries: entries(department, names), source: `${department}.xlsx` },
    as(actor),
  );
}

/** The stable code of what a promise rejects with (`undefined` when it resolves). */
export async function code(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return isJianzhengError(error) ? error.code : `not a JianzhengError: ${String(error)}`;
  }
  return undefined;
}

export const DEPARTMENTS = ['市场监管局', '公安局', '民政局'];

export async function newBatch(store: JianzhengStore, id = 'b1') {
  return store.createBatch({ id, title: '第一批', jurisdiction, departments: DEPARTMENTS }, as(admin));
}

/** A stand-in publication: the store keeps bytes, it does not read them. */
export function fakePublication(version: number, extra: Partial<NewPublication> = {}): NewPublication {
  return {
    version,
    publishedAt: '2018-09-04T00:00:00+08:00',
    documentNumber: '宿政办秘〔2018〕100号',
    reason: version > 1 ? '动态调整' : null,
    sha256: String(version).repeat(64).slice(0, 64),
    json: `{"version":${version}}`,
    excel: new Uint8Array([0x50, 0x4b, version]),
    diff: version > 1 ? '{}' : null,
    ...extra,
  };
}

const STEPS: Record<string, Record<string, string>> = {
  submit: { action: 'submit' },
  confirm: { action: 'confirm', signer: '张三', signedAt: '2018-08-01' },
  'open-comment': { action: 'open-comment', start: '2018-08-02', end: '2018-08-12', channel: '市政府网站' },
  'legal-review': { action: 'legal-review', result: 'passed', notes: '合法' },
  approve: { action: 'approve', meetingDate: '2018-08-30' },
  publish: { action: 'publish', documentNumber: '宿政办秘〔2018〕100号', publishedAt: '2018-09-04' },
};

/** Plans an action as a caller would (context read from the store) and writes it. */
export async function step(
  store: JianzhengStore,
  batchId: string,
  input: Record<string, string>,
  options: { actor?: Actor; publication?: NewPublication; today?: string } = {},
) {
  const batch = (await store.getBatch(batchId))!;
  const plan = planTransition(
    {
      stage: batch.stage,
      materialCount: (await store.listMaterials(batchId, { limit: 1 })).total,
      unansweredComments: await store.countUnansweredComments(batchId),
      legalReview: batch.details.legalReview ?? null,
      details: batch.details,
      listRevision: batch.listRevision,
      ...(options.today ? { today: options.today } : {}),
    },
    input,
  );
  const publication =
    options.publication ??
    (plan.publishes ? fakePublication((batch.details.publicationVersion ?? 0) + 1) : undefined);
  return store.transitionBatch(batchId, plan, as(options.actor ?? admin), publication);
}

/** Walks a batch through the stages up to and including `until`. */
export async function walk(store: JianzhengStore, batchId: string, until: keyof typeof STEPS) {
  for (const [name, input] of Object.entries(STEPS)) {
    await step(store, batchId, input);
    if (name === until) return;
  }
}
