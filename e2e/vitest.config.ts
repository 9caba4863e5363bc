import { defineConfig } from 'vitest/config';

// Browser tests drive the production build in Debian's Chromium; one file at a time, since
// each starts its own server and browser on a 2-core machine.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
