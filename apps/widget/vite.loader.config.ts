import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * loader.js: one small classic script (IIFE) that host pages embed. Runs after the frame
 * build, so it must not empty dist/.
 */
export default defineConfig({
  root: here,
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2018',
    minify: true,
    sourcemap: false,
    lib: {
      entry: fileURLToPath(new URL('src/loader/loader.ts', import.meta.url)),
      formats: ['iife'],
      name: 'ParleyLoader',
      fileName: () => 'loader.js',
    },
  },
});
