import {
  type CommitmentCheckEntry,
  type CommitmentLetterConfig,
  CommitmentLetterConfigSchema,
  normalizeName,
} from '@jianzheng/core';

/** The texts of a letter after a city's overrides are applied (placeholders still in place). */
export interface LetterWording {
  title: string;
  preamble: string;
  commitment: string;
  check: string;
  liability: string;
  checks: readonly CommitmentCheckEntry[];
}

/**
 * Default zh-CN wording (domain.md §11). Placeholders: `{item}`, `{department}`,
 * `{jurisdiction}`, `{material}`, `{source}`.
 */
export const DEFAULT_LETTER_WORDING: Omit<LetterWording, 'checks'> = {
  title: '告知承诺书',
  preamble:
    '申请人申请办理“{item}”（实施部门：{department}）。根据{jurisdiction}“减证便民”清理结果，下列申请材料已改为申请人书面承诺，申请时不再提交。实施部门已告知申请人承诺事项、承诺内容、核查方式及违诺责任，申请人自愿作出如下承诺：',
  commitment: '本人（本单位）承诺：所申请事项符合“{material}”所要证明的条件，所述情况真实、准确、完整。',
  check: '事中事后核查：{department}在受理后或办结后核查承诺内容，必要时实地核查。',
  liability:
    '申请人知悉：承诺不实或违反承诺的，{department}将依法撤销已作出的决定，申请人依法承担相应法律责任；虚假承诺情况记入申请人信用记录，依法依规实施失信惩戒。',
};

/**
 * Default per-material wording for the default commitment catalog (core's catalogs), with the
 * data source the office checks against where one exists.
 */
export const DEFAULT_COMMITMENT_CHECKS: readonly CommitmentCheckEntry[] = [
  {
    material: '无违法犯罪记录承诺',
    aliases: ['无违法犯罪记录证明', '无犯罪记录证明'],
    commitment: '本人承诺：本人无违法犯罪记录。',
    source: '公安机关违法犯罪记录信息',
  },
  {
    material: '未再婚证明',
    aliases: ['未婚证明', '单身证明'],
    commitment: '本人承诺：本人目前未再婚（未婚），婚姻状况如实申报。',
    source: '民政部门婚姻登记信息系统',
  },
  {
    material: '无房证明',
    aliases: ['无住房证明'],
    commitment: '本人承诺：本人及家庭成员在本地无自有住房。',
    source: '不动产登记信息平台',
  },
  {
    material: '居住证明',
    aliases: ['实际居住证明'],
    commitment: '本人承诺：本人实际居住在申报的地址。',
    source: '公安机关人口信息（居住登记）',
  },
  {
    material: '经营场所证明',
    aliases: ['住所使用证明', '场地使用证明'],
    commitment: '本单位承诺：对申报的经营场所拥有合法使用权。',
    check: '事中事后核查：{department}比对{source}，并在一定期限内实地核查经营场所。',
    source: '市场主体登记信息',
  },
  {
    material: '遗失声明',
    aliases: ['登报遗失声明'],
    commitment: '本人（本单位）承诺：所申报遗失的证照确已遗失，如有找回将主动交回作废。',
    check: '事中事后核查：{department}在政府网站公示遗失情况，接受社会监督。',
  },
];

/**
 * Applies a city's `commitmentLetter` configuration over the defaults. `checks`, when given,
 * replaces the default per-material list (as catalogs do).
 */
export function resolveLetterWording(config?: CommitmentLetterConfig): LetterWording {
  const parsed = config ? CommitmentLetterConfigSchema.parse(config) : {};
  return {
    title: parsed.title ?? DEFAULT_LETTER_WORDING.title,
    preamble: parsed.preamble ?? DEFAULT_LETTER_WORDING.preamble,
    commitment: parsed.commitment ?? DEFAULT_LETTER_WORDING.commitment,
    check: parsed.check ?? DEFAULT_LETTER_WORDING.check,
    liability: parsed.liability ?? DEFAULT_LETTER_WORDING.liability,
    checks: parsed.checks ?? DEFAULT_COMMITMENT_CHECKS,
  };
}

/** Finds a material's own entry by normalized name (entry name or alias). */
export function checkIndex(
  checks: readonly CommitmentCheckEntry[],
): (name: string) => CommitmentCheckEntry | undefined {
  const index = new Map<string, CommitmentCheckEntry>();
  for (const entry of checks)
    for (const name of [entry.material, ...(entry.aliases ?? [])]) {
      const key = normalizeName(name);
      if (key && !index.has(key)) index.set(key, entry);
    }
  return (name) => index.get(normalizeName(name));
}

/** Fills `{placeholder}`s; an unknown placeholder stays as written so a typo is visible. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
