// Item → materials: what each kind of government service asks for, as city 办事指南 list it.
//
// A service family lists its 设定依据 (`b`: the laws and regulations its guides cite) and its
// materials (`m`), each written `K:name@issuer#reference`:
//   R  a material the service needs (retained unless the department says otherwise)
//   S  a licence a shared database holds (居民身份证, 营业执照 … — the sharedData catalog)
//   G  a certificate another department issues
//   O  a record or certificate the implementing department issues itself
//   C  a statement the applicant can replace by a written commitment
//   V  a certificate asked of a 村(居)委会 that 民发〔2020〕20号 says it may not issue
//   U  a material the department marks as not needed (是否必要：否)
//   N  a material with no legal basis (设定依据 blank or 无)
//   X  a material a superior authority already cancelled (#reference: its 文号)
//   L  a certificate a licence the item also asks for already proves (户籍证明 beside 户口簿 …)
// A leading `?` marks a material only some cities' guides list: the generator takes some of
// them, never one from another family.

import { ITEM_FAMILY_1 } from './services/items-1.mjs';
import { ITEM_FAMILY_2 } from './services/items-2.mjs';
import { LICENSING_1 } from './services/licensing-1.mjs';
import { LICENSING_2 } from './services/licensing-2.mjs';
import { LICENSING_3 } from './services/licensing-3.mjs';
import { LICENSING_4 } from './services/licensing-4.mjs';
import { LICENSING_5 } from './services/licensing-5.mjs';
import { LICENSING_6 } from './services/licensing-6.mjs';
import { LICENSING_7 } from './services/licensing-7.mjs';
import { LICENSING_8 } from './services/licensing-8.mjs';
import { LICENSING_9 } from './services/licensing-9.mjs';
import { LICENSING_10 } from './services/licensing-10.mjs';
import { LICENSING_11 } from './services/licensing-11.mjs';
import { PEOPLE_1 } from './services/people-1.mjs';
import { PEOPLE_2 } from './services/people-2.mjs';
import { PEOPLE_3 } from './services/people-3.mjs';
import { PEOPLE_4 } from './services/people-4.mjs';
import { PEOPLE_5 } from './services/people-5.mjs';
import { POLICE_1 } from './services/police-1.mjs';
import { POLICE_2 } from './services/police-2.mjs';
import { POLICE_3 } from './services/police-3.mjs';
import { POLICE_4 } from './services/police-4.mjs';
import { PROGRAMME_A_1 } from './services/programme-a-1.mjs';
import { PROGRAMME_A_2 } from './services/programme-a-2.mjs';
import { PROGRAMME_A_3 } from './services/programme-a-3.mjs';
import { PROGRAMME_A_4 } from './services/programme-a-4.mjs';
import { PROGRAMME_B_1 } from './services/programme-b-1.mjs';
import { PROGRAMME_B_2 } from './services/programme-b-2.mjs';
import { PROGRAMME_B_3 } from './services/programme-b-3.mjs';
import { PROGRAMME_B_4 } from './services/programme-b-4.mjs';
import { PROGRAMME_C_1 } from './services/programme-c-1.mjs';
import { PROGRAMME_C_2 } from './services/programme-c-2.mjs';
import { PROGRAMME_C_3 } from './services/programme-c-3.mjs';
import { PROGRAMME_C_4 } from './services/programme-c-4.mjs';
import { PROGRAMME_C_5 } from './services/programme-c-5.mjs';
import { PROGRAMME_D_1 } from './services/programme-d-1.mjs';

/** Which family each item of the first batch belongs to (by item name). */
export const ITEM_FAMILY = { ...ITEM_FAMILY_1, ...ITEM_FAMILY_2 };

const PARTS = [
  POLICE_1,
  POLICE_2,
  POLICE_3,
  POLICE_4,
  PEOPLE_1,
  PEOPLE_2,
  PEOPLE_3,
  PEOPLE_4,
  PEOPLE_5,
  LICENSING_1,
  LICENSING_2,
  LICENSING_3,
  LICENSING_4,
  LICENSING_5,
  LICENSING_6,
  LICENSING_7,
  LICENSING_8,
  LICENSING_9,
  LICENSING_10,
  LICENSING_11,
  PROGRAMME_A_1,
  PROGRAMME_A_2,
  PROGRAMME_A_3,
  PROGRAMME_A_4,
  PROGRAMME_B_1,
  PROGRAMME_B_2,
  PROGRAMME_B_3,
  PROGRAMME_B_4,
  PROGRAMME_C_1,
  PROGRAMME_C_2,
  PROGRAMME_C_3,
  PROGRAMME_C_4,
  PROGRAMME_C_5,
  PROGRAMME_D_1,
];
export const FAMILIES = Object.assign({}, ...PARTS);
const count = PARTS.reduce((n, f) => n + Object.keys(f).length, 0);
if (Object.keys(FAMILIES).length !== count) throw new Error('a service family is defined twice');

/** Parses one material spec of a family. */
export function parseMaterial(spec) {
  const optional = spec.startsWith('?');
  const body = optional ? spec.slice(1) : spec;
  const kind = body[0];
  let rest = body.slice(2);
  let reference;
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    reference = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  const at = rest.indexOf('@');
  const name = at >= 0 ? rest.slice(0, at) : rest;
  const issuer = at >= 0 ? rest.slice(at + 1) : '';
  return { optional, kind, name, issuer, reference };
}
