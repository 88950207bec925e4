import { packageBuild } from '../../tsup.config.base';

export default packageBuild({
  index: 'src/index.ts',
  'whole-worker': 'src/whole-worker.ts',
  'import-worker': 'src/import-worker.ts',
  'attachment-worker': 'src/attachment-worker.ts',
});
