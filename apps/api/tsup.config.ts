import { packageBuild } from '../../tsup.config.base';

export default packageBuild({ index: 'src/index.ts', 'compare-worker': 'src/services/compare-worker.ts' });
