// Summarises a V8 .cpuprofile (from `npm run bench -- --profile`): self time
// by function and by package/file, so docs/performance.md can say where the
// time goes. Usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [top]
import { readFileSync } from 'node:fs'

interface Node { id: number, callFrame: { functionName: string, url: string, lineNumber: number }, hitCount?: number, children?: number[] }
interface Profile { nodes: Node[], samples: number[], timeDeltas: number[], startTime: number, endTime: number }

const file = process.argv[2]
if (file == null) { console.error('usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [top]'); process.exit(2) }
const top = Number(process.argv[3] ?? 25)
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
const selfUs = new Map<number, number>()
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))
const total = [...selfUs.values()].reduce((a, b) => a + b, 0)

function where (url: string): string {
  if (url === '') return '(native/V8)'
  const nm = url.lastIndexOf('node_modules/')
  if (nm >= 0) { const rest = url.slice(nm + 13).split('/'); return rest[0]?.startsWith('@') === true ? `${rest[0]}/${rest[1] ?? ''}` : rest[0] ?? url }
  if (url.startsWith('node:')) return url
  const i = url.indexOf('/work/main/')
  return i >= 0 ? url.slice(i + 11) : url
}

const byFn = new Map<string, number>()
const byPlace = new Map<string, number>()
for (const n of profile.nodes) {
  const t = selfUs.get(n.id) ?? 0
  if (t === 0) continue
  const place = where(n.callFrame.url)
  const fn = `${n.callFrame.functionName || '(anonymous)'}  ${place}:${n.callFrame.lineNumber + 1}`
  byFn.set(fn, (byFn.get(fn) ?? 0) + t)
  byPlace.set(place, (byPlace.get(place) ?? 0) + t)
}
const show = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top)
  .forEach(([k, v]) => console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`))
console.log(`profile ${file}: ${(total / 1000).toFixed(0)} ms sampled\n\nby package / file (self time):`)
show(byPlace)
console.log('\nby function (self time):')
show(byFn)
