import { packageBuild } from '../../tsup.config.base';

// The import worker is an entry of its own: createWorkerImporter starts it by its file name.
export default packageBuild({ index: 'src/index.ts', 'import-worker': 'src/import-worker.ts' });
