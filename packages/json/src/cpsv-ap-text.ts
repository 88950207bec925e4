// The zh-CN description of a service in the CPSV-AP export: what it is and what it needs after the
// clean-up, built from the published (public) fields only.
import type { PublishedItem } from '@jianzheng/core';
import { REPLACING_CATEGORIES } from './cpsv-ap-concepts';

const list = (names: string[]) => names.join('、');

/**
 * “市公安局实施的行政确认事项。清理后申请人需提交申请材料 2 项：…；改为其他方式获取 1 项：居民身份证（通过信息共享获取）；
 * 已取消 1 项：…。” `derived` is the identifier derived for an item the list gives no 事项编码.
 */
export function serviceDescription(department: string, item: PublishedItem, derived: string | null): string {
  const submitted: string[] = [];
  const replaced: string[] = [];
  const planned: string[] = [];
  const abolished: string[] = [];
  for (const material of item.materials) {
    if (material.verdict === 'retain') submitted.push(material.name);
    else if (material.effectiveFrom !== null)
      planned.push(`${material.name}（自 ${material.effectiveFrom} 起）`);
    else if (material.category && REPLACING_CATEGORIES.has(material.category.id))
      replaced.push(`${material.name}（${material.category.zh}）`);
    else abolished.push(material.name);
  }
  const parts = [
    submitted.length > 0
      ? `清理后申请人需提交申请材料 ${submitted.length} 项：${list(submitted)}`
      : '清理后申请人无需提交申请材料',
  ];
  if (planned.length > 0) parts.push(`计划取消 ${planned.length} 项：${list(planned)}`);
  if (replaced.length > 0) parts.push(`不再提交、改由其他方式获取 ${replaced.length} 项：${list(replaced)}`);
  if (abolished.length > 0) parts.push(`已取消 ${abolished.length} 项：${list(abolished)}`);
  const note = derived ? `清单未载事项编码，标识符 ${derived} 由部门与事项名称派生。` : '';
  return `${department}实施的${item.type ?? '政务服务'}事项。${parts.join('；')}。${note}`;
}
