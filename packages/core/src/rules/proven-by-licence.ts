import { indexByNames } from '../catalogs/name-index';
import { defineRule } from '../engine/define-rule';
import { sharedOutcome } from '../engine/outcome';
import type { RuleOutcome } from '../engine/types';

/** 原则2: 凡能够通过个人现有证照、凭证证明的，一律取消. */
export const provenByLicence = defineRule({
  id: 'proven-by-licence',
  category: 'duplicate',
  principle: 2,
  title: { zh: '现有证照可证明', en: 'proven by a licence the item already requires' },
  principleText: {
    zh: '凡能够通过个人现有证照、凭证证明的，一律取消',
    en: 'what a licence or certificate the applicant already holds proves is cancelled',
  },
  explanation: {
    zh: '本事项已要求的证照能够证明的（如户口簿证明户籍；“三证合一”后营业执照证明组织机构代码、税务登记），不再另行索要证明',
    en: 'a certificate proven by a licence the same item already requires (e.g. 户口簿 for 户籍) is no longer demanded',
  },
  publicWording: {
    zh: '以现有证照证明',
    en: 'proven by a licence already submitted',
  },
  compile: ({ catalogs, normalize, perName }) => {
    interface Proof {
      licenceNames: string[];
      proven: RuleOutcome;
      licenceMissing: RuleOutcome;
    }
    const proofs = new Map<string, Proof>();
    for (const [name, entry] of indexByNames(
      catalogs.licenceProofs,
      (e) => [e.material, ...(e.aliases ?? [])],
      normalize,
    )) {
      proofs.set(name, {
        licenceNames: [entry.licence, ...(entry.licenceAliases ?? [])].map((n) => normalize(n)),
        proven: sharedOutcome({
          matched: true,
          reason: entry.effectiveFrom
            ? `可由本事项已要求的“${entry.licence}”证明，自 ${entry.effectiveFrom} 起`
            : `可由本事项已要求的“${entry.licence}”证明`,
          facts: {
            licence: entry.licence,
            licenceRequired: true,
            effectiveFrom: entry.effectiveFrom ?? null,
          },
          replacement: `以${entry.licence}证明`,
          publicReason: `可由本事项已提交的${entry.licence}证明`,
          ...(entry.effectiveFrom ? { effectiveFrom: entry.effectiveFrom } : {}),
        }),
        licenceMissing: sharedOutcome({
          matched: false,
          reason: `本事项未要求“${entry.licence}”`,
          facts: { licence: entry.licence, licenceRequired: false },
        }),
      });
    }
    const notListed = sharedOutcome({
      matched: false,
      reason: '不在证照可证明目录中',
      facts: { licence: null },
    });
    const proofOf = perName((name) => proofs.get(name));
    return (context) => {
      const proof = proofOf(context);
      if (proof === undefined) return notListed;
      const { itemMaterialNames } = context;
      return proof.licenceNames.some((n) => itemMaterialNames.has(n)) ? proof.proven : proof.licenceMissing;
    };
  },
});
