// The explorer's build: `npm run build:web` (run by `npm ci`) writes web/dist, which the
// service serves at / (src/http/static-files.ts). Everything is bundled: no CDN at run time.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // ECharts alone is ~600 kB minified; one chunk for it keeps the app chunk small to re-download.
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: { manualChunks: (id) => (id.includes('node_modules/echarts') || id.includes('node_modules/zrender') ? 'echarts' : undefined) },
    },
  },
  server: { proxy: { '/graphql': 'http://localhost:4000', '/export': 'http://localhost:4000' } },
});
