import { packageBuild } from '../../tsup.config.base';

export default packageBuild(
  { index: 'src/index.ts', bin: 'src/bin.ts' },
  // Only bin.js is run directly; the shebang on index.js is harmless for an ES module. Chunks
  // let each command load its dependencies (exceljs, the API app) only when it runs.
  { banner: { js: '#!/usr/bin/env node' }, splitting: true },
);
