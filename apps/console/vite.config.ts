import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

export default defineConfig(({ mode }) => {
  // In production the server serves these files under /console/ on the same origin as the API
  // and socket; in dev the Vite server proxies them to a running Parley server instead.
  const target = loadEnv(mode, '.', 'PARLEY_').PARLEY_DEV_SERVER ?? 'http://localhost:3000';
  return {
    base: '/console/',
    plugins: [react()],
    build: { outDir: 'dist', emptyOutDir: true },
    server: {
      proxy: {
        '/api': target,
        '/socket.io': { target, ws: true },
      },
    },
  };
});
