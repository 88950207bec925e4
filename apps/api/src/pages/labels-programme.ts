/** Labels of the programme section on the operators' home (domain.md §16). */
export const PROGRAMME_LABELS = {
  programme: { zh: '专项清理', en: 'Programme' },
  programmeUnits: { zh: '单位报送与清理情况', en: 'Units: submission and figures' },
  unit: { zh: '单位', en: 'Unit' },
  unitState: { zh: '报送状态', en: 'Submission' },
  unitBatch: { zh: '批次', en: 'Batch' },
  unitMaterials: { zh: '申请材料', en: 'Materials' },
  unitProposed: { zh: '拟取消', en: 'Proposed' },
  unitProposedRate: { zh: '拟取消率', en: 'Proposed %' },
  unitCancelled: { zh: '已公布取消', en: 'Cancelled (published)' },
  unassigned: { zh: '未分批', en: 'not assigned' },
  programmeTotal: { zh: '合计', en: 'Total' },
  programmeTarget: { zh: '对照目标', en: 'Against the target' },
  targetMet: { zh: '已达标', en: 'met' },
  targetNotMet: { zh: '未达标', en: 'not met' },
  stateDue: { zh: '应报送', en: 'due' },
  stateSubmitted: { zh: '已报送', en: 'submitted' },
} as const;
