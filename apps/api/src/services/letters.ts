import { type CommitmentLetterConfig, type JianzhengStore, NotFoundError } from '@jianzheng/core';
import { parsePublication } from '@jianzheng/json';
import { type CommitmentLetter, commitmentLetters, lettersZip } from '@jianzheng/letters';

export interface VersionLetters {
  batchId: string;
  version: number;
  /** Every version of the batch, newest first: older letters stay downloadable. */
  versions: number[];
  letters: CommitmentLetter[];
}

/**
 * The commitment letters of published versions. A version is immutable, so its letters and its
 * zip are made once and kept (the few most recent versions only; a zip of a city's list is a few MB).
 */
export function createLetterService(
  store: JianzhengStore,
  wording?: CommitmentLetterConfig,
  keep = 4,
  timeZone?: string,
) {
  const letters = new Map<string, Promise<VersionLetters>>();
  const zips = new Map<string, Promise<Uint8Array>>();
  const remember = <T>(map: Map<string, Promise<T>>, key: string, make: () => Promise<T>) => {
    let value = map.get(key);
    if (!value) {
      value = make();
      map.set(key, value);
      value.catch(() => map.delete(key));
      if (map.size > keep) map.delete(map.keys().next().value as string);
    }
    return value;
  };

  async function resolveVersion(batchId: string, version: number | 'latest') {
    const metas = (await store.listPublications(batchId)).filter((m) => m.batchId === batchId);
    const versions = metas.map((m) => m.version).sort((a, b) => b - a);
    const wanted = version === 'latest' ? versions[0] : version;
    if (wanted === undefined || !versions.includes(wanted))
      throw new NotFoundError('publication', `${batchId} v${version}`, '发布版本');
    return { wanted, versions };
  }

  async function forVersion(batchId: string, version: number | 'latest'): Promise<VersionLetters> {
    const { wanted, versions } = await resolveVersion(batchId, version);
    const made = await remember(letters, `${batchId}\u0000${wanted}`, async () => {
      const record = await store.getPublication(batchId, wanted);
      if (!record) throw new NotFoundError('publication', `${batchId} v${wanted}`, '发布版本');
      const publication = parsePublication(record.json);
      return {
        batchId,
        version: wanted,
        versions,
        letters: commitmentLetters(publication, { wording, timeZone }),
      };
    });
    // A newer version may have appeared since the letters were made: the list of versions is fresh.
    return { ...made, versions };
  }

  return {
    forVersion,
    async zip(batchId: string, version: number | 'latest') {
      const found = await forVersion(batchId, version);
      const bytes = await remember(zips, `${batchId}\u0000${found.version}`, () => lettersZip(found.letters));
      return { ...found, bytes };
    },
  };
}

export type LetterService = ReturnType<typeof createLetterService>;
