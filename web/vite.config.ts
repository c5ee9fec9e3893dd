// Builds the staff web app into web/dist, which the backend serves at `/`
// (services/http/web-app.ts). In development `npx vite web` proxies /api to a
// running backend on :3000.
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  // Element Plus components (and v-loading) imported where a page uses them, with their own
  // styles: the first page fetches and parses a fraction of the whole library (bench row
  // "first page usable"). No .d.ts: vue-tsc knows the components from element-plus/global.
  plugins: [vue(), components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 600
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } }
})
