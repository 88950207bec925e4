import type { ComparisonNotice } from './types';

/**
 * Why a comparison can find nothing, said instead of an empty list: with fewer other
 * jurisdictions than `k`, no material can have `k` precedents (a city compared with one other
 * finds nothing at the default k = 2). The matrix is still complete; only the findings are empty.
 */
export function comparisonNotice(jurisdictions: number, k: number): ComparisonNotice | null {
  const others = Math.max(0, jurisdictions - 1);
  if (others >= k) return null;
  const retry = others > 0;
  return {
    code: 'too-few-jurisdictions',
    others,
    k,
    message: {
      zh:
        `只有 ${others} 个其他地区可比，少于 k = ${k}：没有材料能有 ${k} 个地区已取消的先例，所以没有“发现”。` +
        `各地结论仍全部列在对照表中${retry ? `；可用 k = ${others} 重新对标` : '；请再加入其他地区的发布文件'}。`,
      en:
        `only ${others} other jurisdiction${others === 1 ? '' : 's'} to compare with, fewer than k = ${k}: no material can have ${k} precedents, so there are no findings. ` +
        `The matrix still shows every jurisdiction's verdicts${retry ? `; compare again with k = ${others}` : '; add other jurisdictions’ publications'}.`,
    },
  };
}
