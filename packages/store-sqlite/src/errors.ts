import { JianzhengError } from '@jianzheng/core';

/** The file was migrated by a newer version of this package; opening it could corrupt it. */
export class SchemaTooNewError extends JianzhengError {
  constructor(filename: string, found: number, known: number) {
    super(
      'STORE_SCHEMA_TOO_NEW',
      `数据库 ${filename} 的结构版本为 ${found}，高于本程序支持的 ${known}，请升级后再打开`,
      {
        messageEn: `database ${filename} has schema version ${found}, newer than the supported ${known}; upgrade first`,
      },
    );
  }
}

/** An import lists a material of a department it does not declare: it would escape the replace. */
export class ImportScopeError extends JianzhengError {
  constructor(materialId: string, department: string, declared: readonly string[]) {
    super(
      'IMPORT_SCOPE',
      `材料 ${materialId} 属于“${department}”，不在本次导入声明的部门（${declared.join('、')}）中；未做任何更改`,
      {
        messageEn: `material ${materialId} belongs to "${department}", outside the declared departments; nothing was written`,
      },
    );
  }
}
