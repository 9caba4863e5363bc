import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const protocol = (file: string) =>
  fileURLToPath(new URL(`../packages/protocol/src/${file}`, import.meta.url));

// Process-level cluster tests: real `node apps/server/dist/main.js` nodes on PostgreSQL and a
// redis-server of their own, behind HAProxy. One file at a time (each starts its own cluster
// on a 2-core machine); timeouts leave room for kill -9, outages and restarts.
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
    include: ['cluster/**/*.cluster.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
