import { packageBuild } from '../../tsup.config.base';

export default packageBuild({
  index: 'src/index.ts',
  'store-contract': 'src/store-contract.ts',
  'pg-dev': 'src/pg-dev.ts',
});
