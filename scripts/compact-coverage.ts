// Runs after the test files (.taprc `after`), before `tap report`: keeps only
// this project's own files in the V8 coverage dumps. Node writes a dump of
// every script for each thread and child process (NODE_V8_COVERAGE, see
// .taprc): node internals and node_modules make them hundreds of megabytes
// over the suite, which c8 would otherwise load into memory all at once.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

interface V8Coverage { result: Array<{ url: string }>, 'source-map-cache'?: Record<string, unknown> }

const projectUrl = pathToFileURL(resolve('.')).href + '/'
const ours = (url: string) => url.startsWith(projectUrl) && !url.includes('/node_modules/')

const dir = resolve('.tap/coverage')
let files: string[] = []
try { files = readdirSync(dir).filter(name => name.endsWith('.json')) } catch { /* no coverage collected */ }
for (const name of files) {
  const path = join(dir, name)
  const dump = JSON.parse(readFileSync(path, 'utf8')) as V8Coverage
  const result = dump.result.filter(script => ours(script.url))
  if (result.length === 0) { rmSync(path); continue }
  const maps = Object.entries(dump['source-map-cache'] ?? {}).filter(([url]) => result.some(script => script.url === url))
  writeFileSync(path, JSON.stringify({ ...dump, result, 'source-map-cache': Object.fromEntries(maps) }))
}
