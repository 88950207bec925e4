import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite, resolveSqliteDriver, type SqliteConnection } from './driver';
import { UnknownSqliteDriverError } from './errors';
import { availableDrivers } from './test-drivers';

const dirs: string[] = [];
const opened: SqliteConnection[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function open(driver: 'libsql' | 'better-sqlite3') {
  const dir = mkdtempSync(join(tmpdir(), 'jz-driver-'));
  dirs.push(dir);
  const db = openSqlite(join(dir, 'j.db'), 1000, driver);
  opened.push(db);
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE, n INTEGER)');
  return db;
}

describe.each(availableDrivers())('the %s connection the store runs on', (driver) => {
  it('binds a lone null or string positionally, a plain object by name, and returns bare rows', () => {
    const db = open(driver);
    expect(db.driver).toBe(driver);
    const insert = db.prepare('INSERT INTO t (v, n) VALUES (?, ?)');
    expect(insert.run('a', null)).toMatchObject({ changes: 1, lastInsertRowid: 1 });
    expect(db.prepare('SELECT ? AS x').get(null)).toEqual({ x: null });
    expect(db.prepare('SELECT v FROM t WHERE v = ?').get('a')).toEqual({ v: 'a' });
    expect(db.prepare('SELECT @v AS v, @n AS n').get({ v: 'b', n: 2 })).toEqual({ v: 'b', n: 2 });
    expect(db.prepare('SELECT v FROM t').all()).toEqual([{ v: 'a' }]);
    expect(db.prepare('SELECT v FROM t WHERE v = ?').get('missing')).toBeUndefined();
  });

  it('rolls back a failed transaction, and only the inner part of a failed nested one', () => {
    const db = open(driver);
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    expect(() =>
      db
        .transaction(() => {
          insert.run('kept only if committed');
          insert.run('kept only if committed');
        })
        .immediate(),
    ).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 0 });
    db.transaction(() => {
      insert.run('outer');
      expect(() =>
        db.transaction(() => {
          insert.run('inner');
          throw new Error('inner fails');
        })(),
      ).toThrow('inner fails');
    }).immediate();
    expect(db.prepare('SELECT v FROM t').all()).toEqual([{ v: 'outer' }]);
  });

  it('keeps WAL on the file', () => {
    const db = open(driver);
    expect(db.pragma('journal_mode = WAL')).toEqual([{ journal_mode: 'wal' }]);
  });
});

describe('choosing the driver', () => {
  it('resolves auto to an installed driver and refuses a name it does not know', () => {
    expect(['libsql', 'better-sqlite3']).toContain(resolveSqliteDriver('auto'));
    expect(resolveSqliteDriver('libsql')).toBe('libsql');
    expect(() => resolveSqliteDriver('sqlite3' as 'libsql')).toThrow(UnknownSqliteDriverError);
  });
});
