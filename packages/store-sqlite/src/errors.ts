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
