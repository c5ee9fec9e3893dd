// Builds the staff web app into web/dist, which the backend serves at `/`
// (services/http/web-app.ts). In development `npx vite web` proxies /api to a
// running backend on :3000.
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Element Plus is one large chunk; the pages are small
    chunkSizeWarningLimit: 1500
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } }
})
