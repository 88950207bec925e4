import { indexByNames } from '../catalogs/name-index';
import { defineRule } from '../engine/define-rule';
import type { RuleOutcome } from '../engine/types';

/** 原则2: 凡能够通过个人现有证照、凭证证明的，一律取消. */
export const provenByLicence = defineRule({
  id: 'proven-by-licence',
  category: 'duplicate',
  principle: 2,
  title: { zh: '现有证照可证明', en: 'proven by a licence the item already requires' },
  compile: ({ catalogs, normalize }) => {
    const proofs = indexByNames(catalogs.licenceProofs, (e) => [e.material, ...(e.aliases ?? [])], normalize);
    const licenceNames = new Map(
      catalogs.licenceProofs.map((e) => [
        e,
        [e.licence, ...(e.licenceAliases ?? [])].map((n) => normalize(n)),
      ]),
    );
    return ({ name, itemMaterialNames }): RuleOutcome => {
      const proof = proofs.get(name);
      if (proof === undefined) {
        return { matched: false, reason: '不在证照可证明目录中', facts: { normalizedName: name } };
      }
      const licence = licenceNames.get(proof)!.find((n) => itemMaterialNames.has(n));
      return licence
        ? {
            matched: true,
            reason: `可由本事项已要求的“${proof.licence}”证明`,
            facts: { normalizedName: name, licence: proof.licence, licenceRequired: true },
            replacement: `以${proof.licence}证明`,
          }
        : {
            matched: false,
            reason: `本事项未要求“${proof.licence}”`,
            facts: { normalizedName: name, licence: proof.licence, licenceRequired: false },
          };
    };
  },
});
