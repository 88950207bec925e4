// The eleven departments of 宿州's first batch (2018): what each one's service list looks like.
// Each department's items (and its sheets), the layout its office uses and how it fills in its own
// 清理意见. What each item asks for is in services.mjs; the rule engine decides every material
// from the workbook cells alone.

import { DEPARTMENTS_1 } from './departments-1.mjs';
import { DEPARTMENTS_2 } from './departments-2.mjs';

export const DEPARTMENTS = [...DEPARTMENTS_1, ...DEPARTMENTS_2];
