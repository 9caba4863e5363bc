import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The frame app: `dist/frame.html` + `dist/assets/*`, served by the Parley server under
 * `/widget/`. It only loads after the visitor opens the chat (or has one going), so it may
 * be larger than the loader, but must stay under 45 KB gzip (JS + CSS) in total.
 */
export default defineConfig({
  root: here,
  base: '/widget/',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    rollupOptions: { input: { frame: fileURLToPath(new URL('frame.html', import.meta.url)) } },
  },
});
