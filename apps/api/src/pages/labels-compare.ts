/** Labels of the comparison page (对标, domain.md §13), zh-CN / English. */
export const COMPARE_LABELS = {
  compare: { zh: '对标', en: 'Compare' },
  compareTitle: { zh: '对标：各地区清单比较', en: 'Comparison across jurisdictions' },
  compareIntro: {
    zh: '本库已公布的清单与上传的其他地区发布文件（v<N>.json）比较：先列出本地仍要求、而至少 k 个地区已取消的材料及其先例。',
    en: 'The lists published here, compared with other jurisdictions’ publication files (v<N>.json): first what a jurisdiction still demands while at least k others cancelled it, with their precedent.',
  },
  compareBatches: { zh: '本库已公布的批次', en: 'Published batches here' },
  compareUpload: {
    zh: '其他地区的发布文件（.json，可多选）',
    en: 'Other jurisdictions’ publications (.json, several)',
  },
  compareK: { zh: '至少几个地区已取消（k）', en: 'Cancelled by at least (k)' },
  compareDepartment: { zh: '部门', en: 'Department' },
  compareItemType: { zh: '事项类型', en: 'Item type' },
  compareAll: { zh: '全部', en: 'All' },
  compareRun: { zh: '比较', en: 'Compare' },
  compareFindings: {
    zh: '仍要求、但至少 k 个地区已取消',
    en: 'Still demanded, cancelled by at least k others',
  },
  compareNoFindings: { zh: '没有发现。', en: 'No findings.' },
  compareMatrix: { zh: '矩阵（事项 × 材料 × 地区）', en: 'Matrix (item × material × jurisdiction)' },
  compareJurisdiction: { zh: '地区', en: 'Jurisdiction' },
  compareItem: { zh: '事项', en: 'Item' },
  compareMaterial: { zh: '材料', en: 'Material' },
  comparePrecedent: { zh: '已取消的地区（类别，文件）', en: 'Cancelled by (category, document)' },
  compareDemanded: { zh: '要求', en: 'demanded' },
  compareNotListed: { zh: '未列', en: 'not listed' },
  compareShown: {
    zh: '显示前 {n} 行，共 {total} 行；可按部门、事项类型筛选',
    en: 'First {n} of {total} rows; filter by department or item type',
  },
  compareUploadInvalid: { zh: '上传的文件不是 JSON', en: 'An uploaded file is not JSON' },
} as const;
