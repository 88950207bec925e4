/** The page language: zh-CN by default, English labels with `?lang=en`. */
export type Lang = 'zh' | 'en';

export function langOf(query: string | undefined): Lang {
  return query === 'en' ? 'en' : 'zh';
}

const TEXT = {
  siteTitle: { zh: '减证便民 · 证明材料清理清单', en: 'Fewer certificates · cleaned-up material lists' },
  skip: { zh: '跳到正文', en: 'Skip to content' },
  publicLists: { zh: '公布的清单', en: 'Published lists' },
  operator: { zh: '审核人员入口', en: 'Operators' },
  search: { zh: '搜索事项或材料', en: 'Search items or materials' },
  searchHint: {
    zh: '输入事项或材料名称，例如“身份证”“户口迁移”（全角、半角均可）',
    en: 'An item or material name, e.g. 身份证 (full-width input is fine)',
  },
  department: { zh: '部门', en: 'Department' },
  allDepartments: { zh: '全部部门', en: 'All departments' },
  submitSearch: { zh: '查询', en: 'Search' },
  noPublished: { zh: '尚未公布清单。', en: 'No list has been published yet.' },
  noResults: { zh: '没有找到符合条件的事项或材料。', en: 'No item or material matches.' },
  results: { zh: '条结果', en: 'results' },
  materials: { zh: '项材料', en: 'materials' },
  items: { zh: '个事项', en: 'items' },
  version: { zh: '版本', en: 'Version' },
  docNumber: { zh: '文号', en: 'Document no.' },
  publishedAt: { zh: '公布日期', en: 'Published' },
  downloadJson: { zh: '下载 JSON', en: 'JSON' },
  downloadExcel: { zh: '下载 Excel 附件', en: 'Excel attachment' },
  stillRequired: { zh: '仍需提交的材料', en: 'Still required' },
  cancelled: { zh: '已取消的材料（无需再提交）', en: 'Cancelled (no longer needed)' },
  howNow: { zh: '现在如何获取', en: 'How the office now gets it' },
  none: { zh: '无', en: 'none' },
  commentPeriod: { zh: '公开征求意见中', en: 'Open for public comment' },
  commentPeriodDates: { zh: '意见征集期', en: 'Comment period' },
  channel: { zh: '公告渠道', en: 'Announced via' },
  draftNotice: {
    zh: '以下为拟取消/保留的材料清单（征求意见稿），尚未正式公布。',
    en: 'Draft list for comment; not yet published.',
  },
  openItem: { zh: '查看事项', en: 'Open item' },
  back: { zh: '返回清单', en: 'Back to the lists' },
  item: { zh: '事项', en: 'Item' },
  itemCode: { zh: '事项编码', en: 'Item code' },
  itemType: { zh: '事项类型', en: 'Item type' },
  issuer: { zh: '开具单位', en: 'Issuer' },
  legalBasis: { zh: '设定依据', en: 'Legal basis' },
  material: { zh: '材料', en: 'Material' },
  comment: { zh: '对该材料的意见', en: 'Your comment on this material' },
  commentAuthor: { zh: '姓名或联系方式（选填）', en: 'Name or contact (optional)' },
  commentOpen: { zh: '对该材料提出意见', en: 'Comment on this material' },
  commentSubmit: { zh: '提交意见', en: 'Send comment' },
  commentThanks: { zh: '意见已提交，感谢您的参与。', en: 'Thank you, your comment was received.' },
  notFound: { zh: '找不到这个页面。', en: 'Page not found.' },
  login: { zh: '登录', en: 'Log in' },
  logout: { zh: '退出登录', en: 'Log out' },
  token: { zh: '访问令牌', en: 'Access token' },
  tokenHint: {
    zh: '由管理员用 jianzheng token create 生成；仅保存在本浏览器的 HttpOnly Cookie 中。',
    en: 'Created with `jianzheng token create`; kept only in an HttpOnly cookie.',
  },
  batches: { zh: '批次', en: 'Batches' },
  stage: { zh: '当前阶段', en: 'Stage' },
  consultation: { zh: '分歧材料（征询清单）', en: 'Disagreements (consultation list)' },
  statistics: { zh: '统计', en: 'Statistics' },
  nextSteps: { zh: '下一步流转', en: 'Next transition' },
  noNextSteps: { zh: '当前阶段没有可执行的流转。', en: 'No transition from this stage.' },
  comments: { zh: '未答复的公众意见', en: 'Unanswered public comments' },
  answer: { zh: '答复', en: 'Answer' },
  noComments: { zh: '没有未答复的意见。', en: 'No unanswered comments.' },
  filter: { zh: '筛选', en: 'Filter' },
  category: { zh: '取消类别', en: 'Category' },
  allCategories: { zh: '全部类别', en: 'All categories' },
  agreement: { zh: '分歧类型', en: 'Disagreement' },
  allDisagreements: { zh: '全部分歧', en: 'All disagreements' },
  engineCancels: { zh: '引擎建议取消、部门拟保留', en: 'Engine cancels, department retains' },
  departmentCancels: { zh: '部门拟取消、引擎建议保留', en: 'Department cancels, engine retains' },
  engine: { zh: '引擎建议', en: 'Engine' },
  departmentProposal: { zh: '部门意见', en: 'Department' },
  status: { zh: '状态', en: 'Status' },
  reason: { zh: '理由', en: 'Reason' },
  note: { zh: '审核意见（必填）', en: 'Note (required)' },
  confirm: { zh: '确认引擎建议', en: 'Confirm' },
  override: { zh: '改判', en: 'Override' },
  verdict: { zh: '结论', en: 'Verdict' },
  retain: { zh: '保留', en: 'Retain' },
  cancel: { zh: '取消', en: 'Cancel' },
  replacement: { zh: '替代方式（选填）', en: 'Replacement (optional)' },
  showing: { zh: '显示', en: 'Showing' },
  of: { zh: '共', en: 'of' },
  total: { zh: '合计', en: 'Total' },
  cancellationRate: { zh: '取消率', en: 'Rate' },
  retained: { zh: '保留', en: 'Retained' },
  cancelledCount: { zh: '取消', en: 'Cancelled' },
  byCategory: { zh: '按取消类别', en: 'By category' },
  chartTitle: { zh: '各取消类别的材料数', en: 'Cancelled materials per category' },
  apply: { zh: '执行', en: 'Apply' },
  history: { zh: '流转记录', en: 'History' },
  itemsCol: { zh: '事项数', en: 'Items' },
  materialsCol: { zh: '材料数', en: 'Materials' },
} as const;

export type TextKey = keyof typeof TEXT;

export function t(lang: Lang, key: TextKey): string {
  return TEXT[key][lang];
}

const STAGES: Record<string, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'draft' },
  'centralized-review': { zh: '集中审核', en: 'centralized review' },
  'department-confirmed': { zh: '协商确认', en: 'confirmed by departments' },
  'public-comment': { zh: '公开征求意见', en: 'public comment' },
  'legal-review': { zh: '合法性审查', en: 'legal review' },
  approved: { zh: '常务会议审议通过', en: 'approved' },
  published: { zh: '已公布', en: 'published' },
};

export function stageLabel(lang: Lang, stage: string): string {
  return STAGES[stage]?.[lang] ?? stage;
}

const STATUS: Record<string, { zh: string; en: string }> = {
  proposed: { zh: '待审核', en: 'proposed' },
  confirmed: { zh: '已确认', en: 'confirmed' },
  overridden: { zh: '已改判', en: 'overridden' },
};

export function statusLabel(lang: Lang, status: string): string {
  return STATUS[status]?.[lang] ?? status;
}

/** Field labels of the transition forms (the fields themselves come from core's schema). */
const FIELDS: Record<string, { zh: string; en: string }> = {
  signer: { zh: '签字人', en: 'Signer' },
  signedAt: { zh: '签字日期', en: 'Signed on' },
  start: { zh: '开始日期', en: 'Start' },
  end: { zh: '结束日期', en: 'End' },
  channel: { zh: '公告渠道', en: 'Channel' },
  result: { zh: '审查结果', en: 'Result' },
  notes: { zh: '审查意见', en: 'Notes' },
  meetingDate: { zh: '常务会议日期', en: 'Meeting date' },
  documentNumber: { zh: '文号', en: 'Document no.' },
  publishedAt: { zh: '公布日期', en: 'Publication date' },
  reason: { zh: '调整理由', en: 'Reason' },
};

export function fieldLabel(lang: Lang, field: string): string {
  return FIELDS[field]?.[lang] ?? field;
}

/** Full-width punctuation reads right between Chinese words; English text wants ASCII. */
export function colon(lang: Lang): string {
  return lang === 'zh' ? '：' : ': ';
}

export function paren(lang: Lang, text: string | number): string {
  return lang === 'zh' ? `（${text}）` : ` (${text})`;
}
