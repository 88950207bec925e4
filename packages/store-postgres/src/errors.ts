import { JianzhengError } from '@jianzheng/core';

/** The database was migrated by a newer version of this package; using it could corrupt it. */
export class SchemaTooNewError extends JianzhengError {
  constructor(where: string, found: number, known: number) {
    const place = where.replace(/\/\/[^@/]*@/, '//');
    super(
      'STORE_SCHEMA_TOO_NEW',
      `数据库 ${place} 的结构版本为 ${found}，高于本程序支持的 ${known}，请升级后再打开`,
      {
        messageEn: `database ${place} has schema version ${found}, newer than the supported ${known}; upgrade first`,
      },
    );
  }
}
