// Pure parts of the site overview: local midnight in a zone, nearly full bins.
import t from 'tap'
import { localMidnightMs } from '../../../services/overview/local-midnight.ts'
import { binsNearlyFull } from '../../../services/overview/bins.ts'

t.test('localMidnightMs: the instant the zone\'s day began', async t => {
  const cases = [
    { name: 'Shanghai afternoon', now: Date.UTC(2026, 10, 26, 7, 30, 15, 250), zone: 'Asia/Shanghai', midnight: Date.UTC(2026, 10, 25, 16, 0, 0) },
    { name: 'Shanghai just after midnight (still the UTC day before)', now: Date.UTC(2026, 10, 25, 16, 0, 0, 1), zone: 'Asia/Shanghai', midnight: Date.UTC(2026, 10, 25, 16, 0, 0) },
    { name: 'Shanghai just before midnight', now: Date.UTC(2026, 10, 26, 15, 59, 59, 999), zone: 'Asia/Shanghai', midnight: Date.UTC(2026, 10, 25, 16, 0, 0) },
    { name: 'UTC', now: Date.UTC(2026, 0, 1, 23, 0, 0), zone: 'UTC', midnight: Date.UTC(2026, 0, 1) }
  ]
  for (const c of cases) t.equal(localMidnightMs(c.now, c.zone), c.midnight, c.name)
})

t.test('binsNearlyFull: at or above the threshold, from a valid status only', async t => {
  const status = (bins: unknown) => JSON.stringify({ online: true, bins })
  const cases: Array<{ name: string, json: string | null, expected: Array<{ category: string, fillPct: number }> }> = [
    { name: 'no report', json: null, expected: [] },
    { name: 'not JSON', json: '{', expected: [] },
    { name: 'not a status', json: JSON.stringify({ online: 'yes' }), expected: [] },
    { name: 'no bins', json: JSON.stringify({ online: true }), expected: [] },
    { name: 'one at 80, one at 79.9', json: status([{ category: 'paper', fillPct: 80 }, { category: 'glass', fillPct: 79.9 }]), expected: [{ category: 'paper', fillPct: 80 }] },
    { name: 'full', json: status([{ category: 'metal', fillPct: 100 }]), expected: [{ category: 'metal', fillPct: 100 }] }
  ]
  for (const c of cases) t.same(binsNearlyFull(c.json), c.expected, c.name)
})
