import t from 'tap'
import { mergeChanges } from '../../../services/devices/presence-changes.ts'

t.test('a failed write goes back into pending; each device once, with its latest time', async t => {
  const cases: Array<{ name: string, failed: Array<[string, number]>, newer: Array<[string, number]>, merged: Array<[string, number]> }> = [
    { name: 'nothing failed', failed: [], newer: [['k1', 5]], merged: [['k1', 5]] },
    { name: 'nothing new', failed: [['k1', 5]], newer: [], merged: [['k1', 5]] },
    { name: 'different devices', failed: [['k1', 5]], newer: [['k2', 7]], merged: [['k1', 5], ['k2', 7]] },
    { name: 'same device, newer change', failed: [['k1', 5]], newer: [['k1', 9]], merged: [['k1', 9]] },
    { name: 'same device, clock went back', failed: [['k1', 9]], newer: [['k1', 5]], merged: [['k1', 9]] }
  ]
  for (const c of cases) {
    const merged = mergeChanges(new Map(c.failed), new Map(c.newer))
    t.same([...merged].sort(([a], [b]) => a.localeCompare(b)), c.merged, c.name)
  }
})

t.test('the inputs are left as they were', async t => {
  const failed = new Map([['k1', 5]])
  const newer = new Map([['k1', 9]])
  mergeChanges(failed, newer)
  t.same([...failed], [['k1', 5]])
  t.same([...newer], [['k1', 9]])
})
