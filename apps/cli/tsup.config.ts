import { packageBuild } from '../../tsup.config.base';

export default packageBuild(
  { index: 'src/index.ts', bin: 'src/bin.ts' },
  // Only bin.js is run directly; the shebang on index.js is harmless for an ES module.
  { banner: { js: '#!/usr/bin/env node' } },
);
