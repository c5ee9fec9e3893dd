// scripts/build-web.ts decides whether `npm start` must build the pages: a
// missing build, or a source newer than the build, means build.
import t from 'tap'
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { webBuildIsStale } from '../../scripts/build-web.ts'
import { tempDir } from '../helpers/stores.ts'

t.test('stale when missing or older than a source, fresh otherwise', async t => {
  const dir = tempDir(t)
  mkdirSync(join(dir, 'src', 'views'), { recursive: true })
  mkdirSync(join(dir, 'locales'))
  const at = (path: string, s: number) => utimesSync(path, s, s)
  writeFileSync(join(dir, 'src', 'views', 'Page.vue'), '<template />')
  writeFileSync(join(dir, 'locales', 'en.json'), '{}')
  for (const p of [join(dir, 'src', 'views', 'Page.vue'), join(dir, 'src', 'views'), join(dir, 'src'), join(dir, 'locales', 'en.json'), join(dir, 'locales')]) at(p, 1_000)
  t.ok(webBuildIsStale(dir), 'no build yet')
  mkdirSync(join(dir, 'dist'))
  writeFileSync(join(dir, 'dist', 'index.html'), '')
  at(join(dir, 'dist', 'index.html'), 2_000)
  t.notOk(webBuildIsStale(dir), 'built after every source')
  at(join(dir, 'src', 'views', 'Page.vue'), 3_000)
  t.ok(webBuildIsStale(dir), 'a page changed after the build')
  at(join(dir, 'src', 'views', 'Page.vue'), 1_000)
  at(join(dir, 'locales', 'en.json'), 3_000)
  t.ok(webBuildIsStale(dir), 'a locale changed after the build')
})
