import { packageBuild } from '../../tsup.config.base';

export default packageBuild({ index: 'src/index.ts', node: 'src/node.ts', 'store-sql': 'src/store-sql.ts' });
