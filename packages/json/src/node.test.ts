import { mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  latestPublication,
  listPublicationVersions,
  PublicationChecksumError,
  PublicationExistsError,
  PublicationInputError,
  PublicationInvalidError,
  PublicationIoError,
  readPublication,
  writePublication,
} from './node';
import { serializePublication } from './serialize';
import { sampleInputs, samplePublication } from './test-support';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jz-json-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const v2Batch = { id: '2018-01', title: '宿州市第一批取消证明材料清单', adjustmentReason: '动态调整' };

describe('writePublication', () => {
  it('writes <dir>/<batch>/v<N>.json as the canonical text, and reads it back verified', async () => {
    const pub = samplePublication();
    const path = await writePublication(dir, pub);
    expect(path).toBe(join(dir, '2018-01', 'v1.json'));
    expect(await readFile(path, 'utf8')).toBe(serializePublication(pub));
    expect(await readPublication(path)).toEqual(pub);
    expect(await readdir(join(dir, '2018-01'))).toEqual(['v1.json']);
  });

  it('never overwrites a published version and leaves no temporary file behind', async () => {
    const pub = samplePublication();
    const path = await writePublication(dir, pub);
    const before = await readFile(path, 'utf8');
    const other = samplePublication(sampleInputs().slice(0, 3));
    const error = await writePublication(dir, other).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublicationExistsError);
    expect((error as PublicationExistsError).code).toBe('PUBLICATION_EXISTS');
    expect((error as PublicationExistsError).message).toContain('已存在');
    expect(await readFile(path, 'utf8')).toBe(before);
    expect(await readdir(join(dir, '2018-01'))).toEqual(['v1.json']);
  });

  it('removes its temporary file when the final link fails after the text was written', async () => {
    // A dangling symlink passes the existence check (stat follows it) but makes link() fail with
    // EEXIST: the path where the temporary file already exists and must be cleaned up.
    const folder = join(dir, '2018-01');
    await mkdir(folder);
    await symlink(join(dir, 'nowhere.json'), join(folder, 'v1.json'));
    await expect(writePublication(dir, samplePublication())).rejects.toBeInstanceOf(PublicationExistsError);
    expect(await readdir(folder)).toEqual(['v1.json']);
    expect(await readlink(join(folder, 'v1.json'))).toBe(join(dir, 'nowhere.json'));
  });

  it('names the version only once beforeCommit resolves, with the whole text already written', async () => {
    const pub = samplePublication();
    const folder = join(dir, '2018-01');
    let during: string[] = [];
    let text = '';
    const path = await writePublication(dir, pub, {
      beforeCommit: async () => {
        during = await readdir(folder);
        text = await readFile(join(folder, during[0]!), 'utf8');
      },
    });
    // Only the temporary file, complete, while the caller decides.
    expect(during).toHaveLength(1);
    expect(during[0]).not.toBe('v1.json');
    expect(text).toBe(serializePublication(pub));
    expect(await readdir(folder)).toEqual(['v1.json']);
    expect(await readFile(path, 'utf8')).toBe(text);
  });

  it('writes no version when beforeCommit rejects, and throws its error as it is', async () => {
    const reason = new Error('the attachment failed');
    const error = await writePublication(dir, samplePublication(), {
      beforeCommit: () => Promise.reject(reason),
    }).catch((e: unknown) => e);
    expect(error).toBe(reason);
    expect(await readdir(join(dir, '2018-01'))).toEqual([]);
  });

  it('lets exactly one of several concurrent writers of the same version win', async () => {
    const candidates = [
      sampleInputs(),
      sampleInputs().slice(1),
      sampleInputs().slice(2),
      sampleInputs().slice(3),
    ].map((inputs) => samplePublication(inputs));
    const results = await Promise.allSettled(candidates.map((pub) => writePublication(dir, pub)));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    for (const r of lost) expect(r.reason).toBeInstanceOf(PublicationExistsError);
    const winner = candidates[results.indexOf(won[0]!)]!;
    expect(await readPublication(join(dir, '2018-01', 'v1.json'))).toEqual(winner);
    expect(await readdir(join(dir, '2018-01'))).toEqual(['v1.json']);
  });

  it('refuses a batch id that is not a safe folder name, and writes nothing', async () => {
    for (const id of ['../escape', 'a/b', '.hidden', 'a\\b', ' padded']) {
      const pub = samplePublication(undefined, { batch: { id, title: 't' } });
      await expect(writePublication(dir, pub)).rejects.toBeInstanceOf(PublicationInputError);
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses an invalid publication before touching the disk', async () => {
    const pub = structuredClone(samplePublication());
    (pub as { version: number }).version = 0;
    await expect(writePublication(dir, pub)).rejects.toBeInstanceOf(PublicationInvalidError);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('reading', () => {
  it('lists versions in numeric order and reads the latest', async () => {
    expect(await listPublicationVersions(dir, '2018-01')).toEqual([]);
    expect(await latestPublication(dir, '2018-01')).toBeUndefined();
    const versions = [1, 2, 10].map((version) =>
      samplePublication(sampleInputs().slice(0, version === 1 ? 9 : 5), {
        version,
        batch: version === 1 ? { id: '2018-01', title: 't' } : v2Batch,
      }),
    );
    for (const pub of versions) await writePublication(dir, pub);
    await writeFile(join(dir, '2018-01', 'notes.txt'), 'not a version');
    await writeFile(join(dir, '2018-01', '.v11.json.123.abc.tmp'), '{');
    expect((await listPublicationVersions(dir, '2018-01')).map((v) => v.version)).toEqual([1, 2, 10]);
    expect(await latestPublication(dir, '2018-01')).toEqual(versions[2]);
  });

  it('names the file in errors: missing, tampered, or holding another version', async () => {
    const missing = await readPublication(join(dir, 'nope', 'v1.json')).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(PublicationIoError);
    expect((missing as PublicationIoError).code).toBe('PUBLICATION_READ_FAILED');
    expect((missing as PublicationIoError).message).toContain('文件不存在');

    const path = await writePublication(dir, samplePublication());
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('居民身份证', '居民身份正'));
    const tampered = await readPublication(path).catch((e: unknown) => e);
    expect(tampered).toBeInstanceOf(PublicationChecksumError);
    expect((tampered as Error).message.startsWith(path)).toBe(true);

    const misplaced = join(dir, '2018-01', 'v7.json');
    await writeFile(misplaced, text);
    const wrong = await readPublication(misplaced).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(PublicationInvalidError);
    expect((wrong as Error).message).toContain('文件名为第 7 版');
  });
});
