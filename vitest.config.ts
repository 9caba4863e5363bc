import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const protocol = (file: string) =>
  fileURLToPath(new URL(`./packages/protocol/src/${file}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@parley\/protocol\/contract$/, replacement: protocol('contract.ts') },
      { find: /^@parley\/protocol\/bridge$/, replacement: protocol('bridge.ts') },
      { find: /^@parley\/protocol\/text$/, replacement: protocol('text.ts') },
      { find: /^@parley\/protocol$/, replacement: protocol('index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.{ts,tsx}'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
