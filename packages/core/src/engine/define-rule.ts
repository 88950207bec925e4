import { InvalidRuleDefinitionError } from '../errors/config-errors';
import type { RuleDefinition } from './types';

const RULE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * Declares a rule. The definition is checked now, so that a typo surfaces where the rule is
 * written, not in the middle of a city's list.
 *
 * ```ts
 * const noPhotos = defineRule({
 *   id: 'no-photos',
 *   category: 'not-necessary',
 *   title: { zh: '不再索要照片', en: 'photos no longer required' },
 *   explanation: { zh: '照片由窗口现场采集', en: 'the office takes the photo itself' },
 *   compile: () => (m) => {
 *     const matched = m.name.includes('照片');
 *     return {
 *       matched,
 *       reason: matched ? '照片可现场采集' : '不是照片',
 *       facts: { name: m.name },
 *       publicReason: '窗口现场采集照片',
 *     };
 *   },
 * });
 * ```
 */
export function defineRule(definition: RuleDefinition): RuleDefinition {
  if (!definition || typeof definition !== 'object') {
    throw new InvalidRuleDefinitionError('规则定义必须是对象', 'a rule definition must be an object');
  }
  if (typeof definition.id !== 'string' || !RULE_ID.test(definition.id)) {
    throw new InvalidRuleDefinitionError(
      `规则编号 “${String(definition.id)}” 无效：应为小写字母、数字和连字符`,
      `invalid rule id "${String(definition.id)}": use lowercase letters, digits and hyphens`,
    );
  }
  if (typeof definition.category !== 'string' || definition.category === '') {
    throw new InvalidRuleDefinitionError(
      `规则 “${definition.id}” 缺少取消类别`,
      `rule "${definition.id}" has no category`,
    );
  }
  if (typeof definition.compile !== 'function') {
    throw new InvalidRuleDefinitionError(
      `规则 “${definition.id}” 缺少 compile 函数`,
      `rule "${definition.id}" has no compile function`,
    );
  }
  if (!definition.title?.zh || !definition.title?.en) {
    throw new InvalidRuleDefinitionError(
      `规则 “${definition.id}” 缺少中英文标题`,
      `rule "${definition.id}" needs a zh and en title`,
    );
  }
  for (const key of ['principleText', 'explanation', 'publicWording'] as const) {
    const text = definition[key];
    if (text !== undefined && (typeof text?.zh !== 'string' || typeof text?.en !== 'string' || !text.zh)) {
      throw new InvalidRuleDefinitionError(
        `规则 “${definition.id}” 的 ${key} 须为 {zh, en} 文字`,
        `rule "${definition.id}": ${key} must be a {zh, en} text`,
      );
    }
  }
  return Object.freeze({ ...definition });
}
