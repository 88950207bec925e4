import { JianzhengError } from '../errors/jianzheng-error';
import { stageLabel } from '../labels/workflow';
import type { BatchStage } from '../model/batch';

/**
 * Stages in which the list is frozen: it is under legal review or was approved as it stands, so
 * an import, review or annotation would change what was reviewed. After publication the list is
 * editable again, to prepare the next version (动态调整); publications themselves never change.
 */
export const FROZEN_STAGES: readonly BatchStage[] = ['legal-review', 'approved'];

/** The list of a frozen batch cannot be changed. */
export class StageLockedError extends JianzhengError {
  readonly stage: BatchStage;
  constructor(stage: BatchStage) {
    super('STAGE_LOCKED', `批次处于“${stageLabel(stage, 'zh')}”阶段，清单已冻结，不能导入或修改材料`, {
      messageEn: `the batch is in stage "${stageLabel(stage, 'en')}": its list is frozen and cannot be imported or changed`,
    });
    this.stage = stage;
  }
}

/** Throws `StageLockedError` when the batch's list may not change in this stage. */
export function assertListEditable(stage: BatchStage): void {
  if (FROZEN_STAGES.includes(stage)) throw new StageLockedError(stage);
}
