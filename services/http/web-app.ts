// Serves the built staff web app (web/, docs/web.md) at `/`: the same origin
// as the API, so the session cookie can be SameSite=Strict and the CSP stays
// 'self'. The pages use hash routes (/#/counter), so no server-side fallback
// is needed. Without a build (web/dist missing) the API runs alone and says so.
import { existsSync } from 'node:fs'
import { join, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import fastifyStatic from '@fastify/static'

export const defaultWebDistDir = fileURLToPath(new URL('../../web/dist', import.meta.url))

export default fp<{ distDir?: string | undefined }>(async (app: FastifyInstance, opts) => {
  const root = opts.distDir ?? defaultWebDistDir
  if (!existsSync(join(root, 'index.html'))) {
    app.log.warn({ root }, 'staff web app not built: serving the API only (npm run web:build)')
    return
  }
  const assetsDir = join(root, 'assets') + sep
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    // Vite names what it puts in assets/ by content hash: cache those for good; everything
    // else (index.html, the favicon) is looked at every time
    setHeaders: (res, path) => {
      res.header('cache-control', path.startsWith(assetsDir) ? 'public, max-age=31536000, immutable' : 'no-cache')
    }
  })
}, { name: 'web-app' })
