import { defineConfig, type Options } from 'tsup';

/**
 * The one build configuration every package shares: ESM, declarations, source maps,
 * Node 20 as the floor. A package names only its entries.
 */
export function packageBuild(entry: Record<string, string>, overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    dts: true,
    sourcemap: true,
    clean: true,
    // Shared chunks between entries (index, node): one copy of each error class per package.
    splitting: true,
    treeshake: true,
    ...overrides,
  });
}
