import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The chat connects over WebSocket with long-polling as the fallback; engine.io-client's
 * default transport table also carries WebTransport, which Parley's server does not offer.
 * Leaving it out keeps about 1 KB (gzip) out of every chat.
 */
const withoutWebTransport: Plugin = {
  name: 'parley:without-webtransport',
  enforce: 'pre',
  load(id) {
    if (!/engine\.io-client[\\/]build[\\/]esm[\\/]transports[\\/]index\.js$/.test(id)) return null;
    return [
      'import { XHR } from "./polling-xhr.node.js";',
      'import { WS } from "./websocket.node.js";',
      'export const transports = { websocket: WS, polling: XHR };',
    ].join('\n');
  },
};

/**
 * The frame's one lazy chunk (Extras) needs nothing but the frame's own script, already
 * loaded, so Vite's preload helper always gets an empty list and only wraps the import. A
 * plain call to the import keeps about 0.5 KB (gzip) out of every chat; the build fails if a
 * lazy chunk ever comes with dependencies to preload.
 */
const withoutPreloadHelper: Plugin = {
  name: 'parley:without-preload-helper',
  enforce: 'pre',
  load(id) {
    return id === '\0vite/preload-helper.js'
      ? 'export const __vitePreload = (load) => load();'
      : null;
  },
  generateBundle(_options, bundle) {
    for (const file of Object.values(bundle))
      if (file.type === 'chunk' && file.code.includes('__vite__mapDeps'))
        this.error(
          `${file.fileName} preloads dependencies, which parley:without-preload-helper drops`,
        );
  },
};

/**
 * The frame app: `dist/frame.html` + `dist/assets/*`, served by the Parley server under
 * `/widget/`. It only loads after the visitor opens the chat (or has one going), so it may
 * be larger than the loader, but must stay under 50 KB gzip (page, JS, CSS and the largest
 * language chunk) in total: see scripts/size.mjs.
 */
export default defineConfig({
  root: here,
  base: '/widget/',
  plugins: [preact(), withoutWebTransport, withoutPreloadHelper],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    // Browsers with logical properties (inset-inline, border-start-start-radius...), which
    // mirror the layout for Arabic. Lower targets get them rewritten into long :lang() rules
    // that follow the language rather than the direction.
    cssTarget: ['chrome89', 'edge89', 'firefox89', 'safari15'],
    // Languages are fetched as JSON (see language.ts); never inlined into the bundle.
    assetsInlineLimit: 0,
    // frame.html has no modulepreload links for the polyfill to fetch: it would be dead code.
    modulePreload: { polyfill: false },
    rollupOptions: { input: { frame: fileURLToPath(new URL('frame.html', import.meta.url)) } },
  },
});
