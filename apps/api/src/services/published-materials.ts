import type { JianzhengStore } from '@jianzheng/core';
import { parsePublication } from '@jianzheng/json';

export interface PublishedMaterialRef {
  department: string;
  item: string;
  name: string;
  verdict: 'retain' | 'cancel';
}

/**
 * The materials of each batch's latest publication by id, for the supervision form: a report
 * names a published material, and its department is the one the list published. Indexed once
 * per version (versions are immutable).
 */
export function createPublishedMaterials(store: JianzhengStore) {
  const indexes = new Map<string, Map<string, PublishedMaterialRef>>();
  return {
    async find(batchId: string, materialId: string): Promise<PublishedMaterialRef | undefined> {
      const metas = (await store.listPublications(batchId)).filter((m) => m.batchId === batchId);
      const latest = Math.max(0, ...metas.map((m) => m.version));
      if (latest === 0) return undefined;
      const key = `${batchId}\u0000${latest}`;
      let index = indexes.get(key);
      if (!index) {
        const record = await store.getPublication(batchId, latest);
        if (!record) return undefined;
        index = new Map();
        for (const d of parsePublication(record.json).departments)
          for (const item of d.items)
            for (const m of item.materials)
              index.set(m.id, { department: d.name, item: item.name, name: m.name, verdict: m.verdict });
        indexes.set(key, index);
        if (indexes.size > 16) indexes.delete(indexes.keys().next().value as string);
      }
      return index.get(materialId);
    },
  };
}

export type PublishedMaterials = ReturnType<typeof createPublishedMaterials>;
