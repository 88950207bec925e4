import { JianzhengError } from '@jianzheng/core';

/** `minCancelledElsewhere` is not a whole number of at least 1. */
export class InvalidMinCancelledError extends JianzhengError {
  readonly value: unknown;
  constructor(value: unknown) {
    super('COMPARE_MIN_CANCELLED_INVALID', `“至少几个地区已取消”应为不小于 1 的整数，收到 ${String(value)}`, {
      messageEn: `minCancelledElsewhere must be a whole number of at least 1, got ${String(value)}`,
    });
    this.value = value;
  }
}

/**
 * The same batch of the same jurisdiction was given twice (two versions of one list): its column
 * would count each material twice. Compare the latest version only.
 */
export class DuplicateBatchInComparisonError extends JianzhengError {
  readonly jurisdiction: string;
  readonly batchId: string;
  constructor(jurisdiction: string, batchId: string, versions: [number, number]) {
    super(
      'COMPARE_DUPLICATE_BATCH',
      `${jurisdiction} 的批次 ${batchId} 出现两次（第 ${versions[0]} 版和第 ${versions[1]} 版）：对标时每个批次只用最新一版`,
      {
        messageEn: `batch ${batchId} of ${jurisdiction} was given twice (versions ${versions[0]} and ${versions[1]}): compare the latest version only`,
      },
    );
    this.jurisdiction = jurisdiction;
    this.batchId = batchId;
  }
}

/** A publication was added after `finish()`. */
export class ComparisonFinishedError extends JianzhengError {
  constructor() {
    super('COMPARE_FINISHED', '对标结果已生成（已调用 finish），不能再添加发布文件', {
      messageEn: 'the comparison is finished: no publication can be added after finish()',
    });
  }
}
