import { normalizeName, type PublishedMaterial } from '@jianzheng/core';
import { checkIndex, fill, type LetterWording } from './wording';

/** One committed material (承诺事项) of a letter, its texts filled in (domain.md §11). */
export interface LetterMaterial {
  /** The published material id (stable across versions). */
  id: string;
  name: string;
  /** 证明义务: what the 证明 was to prove, with its 设定依据 when the material has one. */
  obligation: string;
  /** 设定依据 as published, or null. */
  legalBasis: string | null;
  /** 证明内容: what the applicant states is true, specific to the material. */
  commitment: string;
  /** Where the commitment's wording came from: the city's or default catalog, the name, or a blank. */
  commitmentFrom: 'catalog' | 'name' | 'blank';
  /** 核查方式: how the office checks (the data source it reads, or 部门协查). */
  check: string;
  /** 核查时间. */
  checkTime: string;
  /** The data source the check reads, where one exists. */
  source: string | null;
}

// A name that states a fact (无犯罪记录证明, 未再婚证明): the commitment states that fact.
const FACT = /^([无未])(.+?)(?:的)?(?:情况)?(?:证明材料|证明书|证明|承诺书|承诺|声明|说明)$/u;

/** The fact a name states, as the applicant's sentence; undefined when the name states none. */
export function commitmentFromName(name: string): string | undefined {
  const match = FACT.exec(normalizeName(name));
  if (!match) return undefined;
  return `本人（本单位）承诺：本人（本单位）${match[1]}${match[2]}。`;
}

/** Builds the materials' texts of one item's letter from the wording and the published facts. */
export function materialTexts(
  wording: LetterWording,
  values: Readonly<Record<string, string>>,
): (m: PublishedMaterial) => LetterMaterial {
  const entryOf = checkIndex(wording.checks);
  const checkTime = fill(wording.checkTime, values);
  return (m) => {
    const entry = entryOf(m.name);
    const source = entry?.source ?? null;
    const way = source
      ? `通过${source}数据比对核查`
      : m.issuer
        ? `向${m.issuer}发函协查（部门协查）`
        : '通过部门协查或实地核查';
    const own = {
      ...values,
      material: m.name,
      source: source ?? '有关信息',
      legalBasis: m.legalBasis ?? '',
      issuer: m.issuer ?? '',
      way,
      checkTime,
    };
    const fromName = entry?.commitment === undefined ? commitmentFromName(m.name) : undefined;
    const commitment = entry?.commitment ?? fromName ?? wording.commitment;
    return {
      id: m.id,
      name: m.name,
      obligation: fill(m.legalBasis ? wording.obligation : wording.obligationWithoutBasis, own),
      legalBasis: m.legalBasis,
      commitment: fill(commitment, own),
      commitmentFrom: entry?.commitment !== undefined ? 'catalog' : fromName !== undefined ? 'name' : 'blank',
      check: fill(entry?.check ?? wording.check, own),
      checkTime,
      source,
    };
  };
}
