import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/create-engine';
import { auditEventLabel } from '../../labels/workflow';
import { assignMaterialIds } from '../../model/material-id';
import { AUDIT_ACTIONS } from '../audit';
import { AlreadyExistsError, VersionConflictError } from '../errors';
import { STORE_STATEMENTS } from '../statements';
import type { BatchRecord, NewPublication, WriteContext } from '../types';
import { planTransitionWrite } from './batch-writes';
import { planImportWrite } from './material-writes';
import { auditParams, type PlannedStatement, type WritePlan } from './write-plan';

const ctx: WriteContext = { actor: { id: 'reviewer', role: 'admin' } };
const at = '2018-09-04T02:00:00.000Z';
const batch = (stage: BatchRecord['stage'], details: BatchRecord['details'] = {}): BatchRecord => ({
  id: 'b1',
  title: '第一批',
  jurisdiction: { code: '341300', name: '宿州市', level: 'city' },
  departments: ['市场监管局'],
  stage,
  details,
  listRevision: 4,
  createdAt: at,
  updatedAt: at,
});
const publication: NewPublication = {
  version: 1,
  publishedAt: '2018-09-04',
  documentNumber: '宿政办〔2018〕1号',
  reason: null,
  sha256: 'ab'.repeat(32),
  json: '{}',
  excel: new Uint8Array([1, 2, 3]),
  diff: null,
};
const publish = {
  action: 'publish' as const,
  from: 'approved' as const,
  to: 'published' as const,
  fields: { documentNumber: '宿政办〔2018〕1号', publishedAt: '2018-09-04' },
  publishes: true,
};
const passed = { legalReview: { result: 'passed' as const, notes: '合法' } } as BatchRecord['details'];

/** Each planned statement's parameters fill exactly the placeholders of its SQL. */
function expectWellFormed(plan: WritePlan<unknown>): PlannedStatement[] {
  const statements = [...plan.statements];
  for (const step of statements) {
    expect(step.params.length, step.sql).toBe(STORE_STATEMENTS[step.sql].split('?').length - 1);
  }
  for (const entry of plan.audit) {
    expect(auditParams(entry)).toHaveLength(8);
    // Every audit action a plan writes comes from the one list and has a label for people.
    expect(auditEventLabel(entry.action)).not.toBe(entry.action);
  }
  return statements;
}

describe('planTransitionWrite', () => {
  it('plans the stage move, the transition row, the publication and their audit entries', () => {
    const read = { batch: batch('approved', passed), materialCount: 3, unansweredComments: 0 };
    const plan = planTransitionWrite(read, publish, ctx, at, publication);
    const statements = expectWellFormed(plan);
    expect(statements.map((s) => s.sql)).toEqual(['moveBatch', 'insertTransition', 'insertPublication']);
    expect(statements[2]!.conflict).toBeInstanceOf(AlreadyExistsError);
    expect(plan.audit.map((a) => a.action)).toEqual(['transition.publish', AUDIT_ACTIONS.publicationCreate]);
    expect(plan.result).toMatchObject({ stage: 'published', updatedAt: at, listRevision: 4 });
    expect(plan.result.details).toMatchObject({ publicationVersion: 1, documentNumber: '宿政办〔2018〕1号' });
  });

  it('refuses a plan made on another stage or list revision, and a publication of the wrong version', () => {
    const read = { batch: batch('approved', passed), materialCount: 3, unansweredComments: 0 };
    expect(() =>
      planTransitionWrite({ ...read, batch: batch('legal-review') }, publish, ctx, at, publication),
    ).toThrow(VersionConflictError);
    expect(() => planTransitionWrite(read, { ...publish, listRevision: 3 }, ctx, at, publication)).toThrow(
      VersionConflictError,
    );
    expect(() => planTransitionWrite(read, publish, ctx, at, { ...publication, version: 2 })).toThrow(
      VersionConflictError,
    );
  });

  it('runs the stage guards on what the transaction read', () => {
    const read = { batch: batch('draft'), materialCount: 0, unansweredComments: 0 };
    const submit = {
      action: 'submit' as const,
      from: 'draft' as const,
      to: 'centralized-review' as const,
      fields: {},
      publishes: false,
    };
    expect(() => planTransitionWrite(read, submit, ctx, at)).toThrow(/没有材料|no materials/);
    expect([...planTransitionWrite({ ...read, materialCount: 1 }, submit, ctx, at).statements]).toHaveLength(
      2,
    );
  });
});

describe('planImportWrite', () => {
  const engine = createEngine();
  const materials = assignMaterialIds(
    ['营业执照', '申请书'].map((name) => ({
      item: { department: '市场监管局', name: '个体工商户登记' },
      name,
    })),
  );
  const decisions = engine.evaluate(materials);
  const input = {
    departments: ['市场监管局'],
    entries: materials.map((material, i) => ({ material, decision: decisions[i]! })),
    source: '市场监管局.xlsx',
  };

  it('writes the rows, bumps the list revision and audits the import', () => {
    const stale = { id: 'gone', department: '市场监管局', decision: decisions[0]! };
    const plan = planImportWrite({ batch: batch('draft'), existing: [stale], maxSeq: 9 }, input, ctx, at);
    const statements = expectWellFormed(plan);
    expect(statements.map((s) => s.sql)).toEqual([
      'deleteMaterial',
      'insertMaterial',
      'insertMaterial',
      'bumpListRevision',
    ]);
    expect(statements[1]!.params.slice(0, 3)).toEqual(['b1', materials[0]!.id, 10]);
    expect(plan.audit.map((a) => a.action)).toEqual([AUDIT_ACTIONS.import]);
    expect(plan.result).toMatchObject({ added: 2, removed: 1 });
  });

  it('opens the adjustment draft on the first change after publication, audited before the import', () => {
    const plan = planImportWrite({ batch: batch('published'), existing: [], maxSeq: 0 }, input, ctx, at);
    expect(plan.audit.map((a) => a.action)).toEqual([AUDIT_ACTIONS.adjustmentOpen, AUDIT_ACTIONS.import]);
    const details = JSON.parse(String([...plan.statements].at(-1)!.params[0]));
    expect(details.adjustment).toEqual({ openedAt: at, openedBy: 'reviewer' });
  });

  it('refuses a frozen list and another department’s materials before planning any row', () => {
    expect(() =>
      planImportWrite({ batch: batch('legal-review'), existing: [], maxSeq: 0 }, input, ctx, at),
    ).toThrow(/冻结|frozen/);
    const department: WriteContext = { actor: { id: 'd', role: 'department', department: '公安局' } };
    expect(() =>
      planImportWrite({ batch: batch('draft'), existing: [], maxSeq: 0 }, input, department, at),
    ).toThrow();
  });
});
