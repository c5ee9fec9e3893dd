// Builds the staff web app (web/ → web/dist) when the build is missing or
// older than any of its sources, so `npm start` on a fresh clone serves the
// pages and a second start costs nothing. `--force` always builds.
// Used by `npm start`/`npm run demo` (prestart, predemo), `npm test` and the browser tests.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const webDir = fileURLToPath(new URL('../web', import.meta.url))
const sources = ['src', 'public', 'locales', 'index.html', 'vite.config.ts', 'tsconfig.json']

function newestMtimeMs (path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false })
  if (stat == null) return 0
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(path).map(name => newestMtimeMs(join(path, name))))
}

/** True when `dir`/dist/index.html is missing or older than any source file of the app in `dir`. */
export function webBuildIsStale (dir = webDir): boolean {
  const built = statSync(join(dir, 'dist', 'index.html'), { throwIfNoEntry: false })
  if (built == null) return true
  return sources.some(s => newestMtimeMs(join(dir, s)) > built.mtimeMs)
}

/** Builds with Vite's own API when stale (or forced); returns whether it built. */
export async function ensureWebBuilt (opts: { force?: boolean, quiet?: boolean } = {}): Promise<boolean> {
  if (opts.force !== true && !webBuildIsStale()) return false
  const { build } = await import('vite')
  await build({ root: webDir, configFile: join(webDir, 'vite.config.ts'), logLevel: opts.quiet === true ? 'warn' : 'info' })
  return true
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const built = await ensureWebBuilt({ force: process.argv.includes('--force') })
  if (!built) console.log('staff web app is up to date (web/dist)')
}
