import { z } from 'zod';
import { BatchStageSchema } from '../model/batch';

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, '编号只能包含字母、数字、点、下划线和连字符');
const Count = z.number().int().nonnegative();
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD');

/**
 * A unit (单位) of the programme: a department that must submit its inventory (应报送). `name` is the
 * 实施部门 exactly as its workbook writes it. `batch` is the batch its list is (or will be) reviewed
 * and published in; null while it is not assigned to one.
 */
export const ProgrammeUnitSchema = z
  .object({
    name: z.string().trim().min(1, '单位名称不能为空'),
    batch: Id.nullable().default(null),
  })
  .strict();
export type ProgrammeUnit = z.infer<typeof ProgrammeUnitSchema>;

/** A batch of the programme (第一批 …) and, when it lives outside a store, its stage. */
export const ProgrammeBatchSchema = z
  .object({
    id: Id,
    title: z.string().trim().min(1, '批次名称不能为空'),
    /** The batch's review stage (domain.md §5) where no store records it; default draft. */
    stage: BatchStageSchema.default('draft'),
  })
  .strict();
export type ProgrammeBatch = z.infer<typeof ProgrammeBatchSchema>;

/**
 * A round (轮次) of the clean-up, measured against a baseline: the materials counted at its start
 * and the day they were counted, and the reduction the city aimed for, if it set one (percent).
 * Its cut is what its batches published, plus `recordedCancelled` — cancellations published outside
 * this tool (an earlier clean-up's published figure, e.g. 砀山县 2018: 3,425).
 */
export const ProgrammeRoundSchema = z
  .object({
    id: Id,
    title: z.string().trim().min(1, '轮次名称不能为空'),
    baseline: z.object({ materials: Count, date: IsoDate }).strict(),
    /** Percent to reach (60 = “减少60%以上”); null when the round sets none. */
    targetRate: z.number().min(0).max(100).nullable().default(null),
    batches: z.array(Id).default([]),
    recordedCancelled: Count.default(0),
  })
  .strict();
export type ProgrammeRound = z.infer<typeof ProgrammeRoundSchema>;

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const value of values) (seen.has(value) ? twice : seen).add(value);
  return [...twice];
}

const programmeShape = {
  id: Id,
  title: z.string().trim().min(1, '专项清理名称不能为空'),
  units: z.array(ProgrammeUnitSchema).min(1, '专项清理至少要有一个单位'),
  batches: z.array(ProgrammeBatchSchema).default([]),
  rounds: z.array(ProgrammeRoundSchema).default([]),
};

type ProgrammeShape = {
  units: readonly ProgrammeUnit[];
  batches: readonly { id: string }[];
  rounds: readonly ProgrammeRound[];
};

/** Unique names and ids; a unit or round names only batches of the programme (zh-CN messages). */
function checkProgramme(programme: ProgrammeShape, ctx: z.RefinementCtx): void {
  const batchIds = new Set(programme.batches.map((b) => b.id));
  for (const name of duplicates(programme.units.map((u) => u.name)))
    ctx.addIssue({ code: 'custom', path: ['units'], message: `单位“${name}”重复列出` });
  for (const id of duplicates(programme.batches.map((b) => b.id)))
    ctx.addIssue({ code: 'custom', path: ['batches'], message: `批次“${id}”重复列出` });
  for (const id of duplicates(programme.rounds.map((r) => r.id)))
    ctx.addIssue({ code: 'custom', path: ['rounds'], message: `轮次“${id}”重复列出` });
  programme.units.forEach((unit, i) => {
    if (unit.batch !== null && !batchIds.has(unit.batch))
      ctx.addIssue({
        code: 'custom',
        path: ['units', i, 'batch'],
        message: `单位“${unit.name}”所列批次“${unit.batch}”不在本专项清理的批次中`,
      });
  });
  programme.rounds.forEach((round, i) => {
    round.batches.forEach((id, j) => {
      if (!batchIds.has(id))
        ctx.addIssue({
          code: 'custom',
          path: ['rounds', i, 'batches', j],
          message: `轮次“${round.title}”所列批次“${id}”不在本专项清理的批次中`,
        });
    });
  });
}

/**
 * 专项清理 (domain.md §16): every unit that must submit, the batches their lists are published in,
 * and the rounds whose reduction is measured against a baseline.
 */
export const ProgrammeSchema = z.object(programmeShape).strict().superRefine(checkProgramme);
export type Programme = z.infer<typeof ProgrammeSchema>;
export type ProgrammeInput = z.input<typeof ProgrammeSchema>;

/** 应报送 (due, nothing submitted yet) or 已报送 (its inventory holds materials). */
export const UNIT_STATES = ['due', 'submitted'] as const;
export type UnitState = (typeof UNIT_STATES)[number];
export const UNIT_STATE_LABELS_ZH: Readonly<Record<UnitState, string>> = {
  due: '应报送',
  submitted: '已报送',
};

/**
 * A programme kept in files (`jianzheng report --programme`): the programme, plus where the units'
 * inventories are — `workbooks`, files or directories (every workbook in it) — and, for a
 * published batch, its publication JSON (`publication`). Paths are relative to the programme file.
 */
export const ProgrammeFileSchema = z
  .object({
    ...programmeShape,
    batches: z
      .array(ProgrammeBatchSchema.extend({ publication: z.string().min(1).optional() }).strict())
      .default([]),
    workbooks: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .superRefine(checkProgramme);
export type ProgrammeFile = z.infer<typeof ProgrammeFileSchema>;

/** The programme a programme file describes (its paths dropped). */
export function programmeOfFile(file: ProgrammeFile): Programme {
  return {
    id: file.id,
    title: file.title,
    units: file.units,
    batches: file.batches.map(({ id, title, stage }) => ({ id, title, stage })),
    rounds: file.rounds,
  };
}
