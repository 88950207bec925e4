import type { Publication } from '@jianzheng/core';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { commitmentLetters } from './build-letters';
import { renderLetterDocx } from './docx';
import { commitmentFromName } from './material-text';
import { demoPublication } from './testing/demo-publication';

let publication: Publication;
beforeAll(async () => {
  publication = await demoPublication();
});

/** The body text of a .docx as mammoth — a maintained reader, not the writer — extracts it. */
async function bodyText(docx: Uint8Array): Promise<string> {
  return (await mammoth.extractRawText({ buffer: Buffer.from(docx) })).value;
}

// domain.md §11: every element 国办发〔2020〕42号 requires of a 告知承诺书, read back from the .docx.
describe('a commitment letter carries every element of 42号文', () => {
  it('states obligation, content, method, check, cooperation, liability, choice, credit and two signatures', async () => {
    const letter = commitmentLetters(publication).find((l) => l.materials.some((m) => m.source))!;
    const text = await bodyText(await renderLetterDocx(letter));
    const required = [
      '证明义务（设定依据）',
      '承诺内容',
      '承诺方式：书面承诺',
      '核查时间：作出决定后 30 个工作日内',
      '数据比对核查',
      '配合核查：申请人应当配合',
      '终止办理',
      '责令限期整改',
      '撤销已作出的行政决定',
      '行政处罚',
      '记入申请人信用记录',
      '可以选择提交有关证明',
      '曾作出虚假承诺的申请人，在信用修复前不适用告知承诺',
      '申请人（签字或盖章）：',
      `告知机关（盖章）：${letter.department}`,
      '经办人（签字）：',
    ];
    for (const element of required) expect(text, element).toContain(element);
    for (const m of letter.materials) {
      expect(text).toContain(m.obligation);
      expect(text).toContain(m.commitment);
    }
  });

  it('words the commitment from the catalog entry, else from a fact the name states, else leaves a line', () => {
    const letters = commitmentLetters(publication);
    const materials = letters.flatMap((l) => l.materials);
    const catalog = materials.find((m) => m.name.includes('无房证明'))!;
    expect(catalog).toMatchObject({
      commitmentFrom: 'catalog',
      commitment: '本人承诺：本人及家庭成员在本地无自有住房。',
      source: '不动产登记信息平台',
    });
    expect(catalog.check).toBe('通过不动产登记信息平台数据比对核查');
    expect(commitmentFromName('3、无违章建筑证明')).toBe('本人（本单位）承诺：本人（本单位）无违章建筑。');
    expect(commitmentFromName('未参加基本养老保险的证明')).toBe(
      '本人（本单位）承诺：本人（本单位）未参加基本养老保险。',
    );
    expect(commitmentFromName('无重大违法记录说明')).toBe(
      '本人（本单位）承诺：本人（本单位）无重大违法记录。',
    );
    expect(commitmentFromName('场所安全承诺书')).toBeUndefined();
    const blank = materials.find((m) => m.commitmentFrom === 'blank');
    if (blank) expect(blank.commitment).toContain(`由申请人据实写明原需“${blank.name}”证明的具体事实`);
  });

  it('asks 部门协查 of the issuer where no data source checks the material', async () => {
    const [letter] = commitmentLetters(publication, { wording: { checks: [] } });
    for (const m of letter!.materials) {
      expect(m.source).toBeNull();
      expect(m.check).toMatch(/发函协查（部门协查）|部门协查或实地核查/);
    }
  });

  it('lets a city override every element in commitmentLetter', async () => {
    const [letter] = commitmentLetters(publication, {
      wording: {
        checkTime: '受理后 5 个工作日内',
        choice: '申请人可以不承诺而提交证明。',
        creditCondition: '失信被执行人不适用。',
        method: '在政务服务网在线勾选承诺。',
        cooperation: '申请人配合{department}核查。',
        declaration: '以上承诺属实。',
        obligation: '按{legalBasis}须提交“{material}”。',
      },
    });
    const text = await bodyText(await renderLetterDocx(letter!));
    expect(text).toContain('核查时间：受理后 5 个工作日内');
    expect(text).toContain('申请人的选择：申请人可以不承诺而提交证明。');
    expect(text).toContain('适用条件：失信被执行人不适用。');
    expect(text).toContain('承诺方式：在政务服务网在线勾选承诺。');
    expect(text).toContain(`配合核查：申请人配合${letter!.department}核查。`);
    expect(text).toContain('以上承诺属实。');
    expect(text).toContain(`按${letter!.materials[0]!.legalBasis}须提交`);
  });
});
