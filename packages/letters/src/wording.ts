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
  /** 证明义务 of one material: what the 证明 was to prove and its 设定依据. */
  obligation: string;
  /** The same where the material carries no 设定依据. */
  obligationWithoutBasis: string;
  /** 承诺内容 of a material with no entry in `checks` and no wording read from its name. */
  commitment: string;
  /** 核查方式 of a material without a check of its own (`{way}`: the data source or 部门协查). */
  check: string;
  /** 核查时间: when the office checks. */
  checkTime: string;
  /** 承诺方式. */
  method: string;
  /** The applicant's duty to cooperate with the check. */
  cooperation: string;
  /** Liability for a false commitment. */
  liability: string;
  /** The applicant may submit the 证明 instead. */
  choice: string;
  /** Who may not use 告知承诺 until 信用修复. */
  creditCondition: string;
  /** The applicant's declaration above the signatures. */
  declaration: string;
  checks: readonly CommitmentCheckEntry[];
}

/**
 * Default zh-CN wording (domain.md §11, the elements 国办发〔2020〕42号 requires). Placeholders:
 * `{item}`, `{department}`, `{jurisdiction}`, `{material}`, `{source}`, `{legalBasis}`, `{issuer}`,
 * `{way}`, `{checkTime}`.
 */
export const DEFAULT_LETTER_WORDING: Omit<LetterWording, 'checks'> = {
  title: '证明事项告知承诺书',
  preamble:
    '申请人申请办理“{item}”（实施部门：{department}）。{jurisdiction}对下列证明事项实行告知承诺制。{department}将证明义务、证明内容、承诺方式、核查方式及不实承诺的法律责任书面告知如下；申请人阅知后，自愿以书面承诺代替提交下列证明：',
  obligation: '依据{legalBasis}，办理本事项须证明“{material}”所证明的事项。',
  obligationWithoutBasis: '办理本事项须证明“{material}”所证明的事项。',
  commitment: '本人（本单位）承诺：____________________（由申请人据实写明原需“{material}”证明的具体事实）。',
  check: '{way}',
  checkTime: '作出决定后 30 个工作日内',
  method:
    '书面承诺：申请人在本承诺书上签字（盖章）并提交，即视为作出承诺；本承诺书一式两份，申请人与{department}各执一份。',
  cooperation:
    '申请人应当配合{department}的核查，如实说明情况、提供有关材料；无正当理由拒不配合核查的，按未履行承诺处理。',
  liability:
    '承诺不实的，{department}按下列方式处理：办理过程中发现的，终止办理；已作出决定、可以整改的，责令限期整改；逾期不整改或整改后仍不符合条件的，依法撤销已作出的行政决定；违反法律法规的，依法给予行政处罚；虚假承诺情况记入申请人信用记录，依法依规实施失信惩戒；涉嫌犯罪的，移送司法机关。',
  choice:
    '是否采用告知承诺由申请人自主选择。申请人不愿或者不能承诺的，可以选择提交有关证明，{department}按规定办理。',
  creditCondition:
    '有较严重的不良信用记录，或者曾作出虚假承诺的申请人，在信用修复前不适用告知承诺，应当提交有关证明。',
  declaration: '申请人声明：已知悉以上告知内容，所作承诺真实、准确、完整，愿意承担不实承诺的法律责任。',
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
    check: '比对{source}，并实地核查经营场所',
    source: '市场主体登记信息',
  },
  {
    material: '遗失声明',
    aliases: ['登报遗失声明'],
    commitment: '本人（本单位）承诺：所申报遗失的证照确已遗失，如有找回将主动交回作废。',
    check: '在政府网站公示遗失情况，接受社会监督',
  },
];

/**
 * Applies a city's `commitmentLetter` configuration over the defaults. `checks`, when given,
 * replaces the default per-material list (as catalogs do).
 */
export function resolveLetterWording(config?: CommitmentLetterConfig): LetterWording {
  const parsed = config ? CommitmentLetterConfigSchema.parse(config) : {};
  const pick = <K extends keyof typeof DEFAULT_LETTER_WORDING>(key: K) =>
    (parsed as Partial<Record<K, string>>)[key] ?? DEFAULT_LETTER_WORDING[key];
  return {
    title: pick('title'),
    preamble: pick('preamble'),
    obligation: pick('obligation'),
    obligationWithoutBasis: pick('obligationWithoutBasis'),
    commitment: pick('commitment'),
    check: pick('check'),
    checkTime: pick('checkTime'),
    method: pick('method'),
    cooperation: pick('cooperation'),
    liability: pick('liability'),
    choice: pick('choice'),
    creditCondition: pick('creditCondition'),
    declaration: pick('declaration'),
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
