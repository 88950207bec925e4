import type { JianzhengStore } from './port';

/** The reads of batches, lists, publications, comments and the audit log an adapter answers. */
export type StoreReadMethods = Pick<
  JianzhengStore,
  | 'getBatch'
  | 'listBatches'
  | 'listMaterials'
  | 'allMaterials'
  | 'getMaterial'
  | 'listTransitions'
  | 'listPublications'
  | 'getPublication'
  | 'listComments'
  | 'countUnansweredComments'
  | 'listAudit'
>;

/** The writes of a batch and its list, each one transaction running a plan of core. */
export type BatchWriteMethods = Pick<
  JianzhengStore,
  'createBatch' | 'importMaterials' | 'updateMaterial' | 'transitionBatch' | 'addComment' | 'answerComment'
>;
