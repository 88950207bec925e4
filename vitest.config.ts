import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Every workspace folder with a src/ is a project; tests live beside the code.
const roots = ['packages', 'apps'].flatMap((dir) =>
  readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((path) => existsSync(join(path, 'src'))),
);

export default defineConfig({
  test: {
    projects: roots.map((root) => ({
      test: {
        name: root.split('/')[1],
        root,
        include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
        testTimeout: 60_000,
        hookTimeout: 120_000,
      },
    })),
  },
});
