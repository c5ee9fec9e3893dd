import t from 'tap'
import { createGroupCommit } from '../../../services/ingest/group-commit.ts'

t.test('concurrent submissions share a commit, in order, up to maxBatch', async t => {
  const batches: number[][] = []
  const gc = createGroupCommit<number, number>({ maxBatch: 4, commitBatch: async items => { batches.push(items); return items.map(i => i * 10) } })
  const results = await Promise.all([1, 2, 3, 4, 5, 6].map(i => gc.submit(i)))
  t.same(results, [10, 20, 30, 40, 50, 60])
  t.same(batches, [[1, 2, 3, 4], [5, 6]])
})

t.test('items arriving during a commit wait for the next one', async t => {
  const batches: number[][] = []
  let release!: () => void
  const gate = new Promise<void>(resolve => { release = resolve })
  const gc = createGroupCommit<number, number>({ maxBatch: 100, commitBatch: async items => { batches.push(items); if (batches.length === 1) await gate; return items } })
  const first = gc.submit(1)
  await new Promise(resolve => setImmediate(resolve))
  const later = [gc.submit(2), gc.submit(3)]
  release()
  await Promise.all([first, ...later])
  t.same(batches, [[1], [2, 3]])
})

t.test('a failing batch is retried item by item: only the bad item fails', async t => {
  const gc = createGroupCommit<number, number>({
    maxBatch: 10,
    commitBatch: async items => { if (items.includes(13)) throw new Error('unlucky'); return items }
  })
  const results = await Promise.allSettled([11, 12, 13, 14].map(i => gc.submit(i)))
  t.same(results.map(r => r.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled'])
  await gc.drain()
  t.equal(gc.pending(), 0)
})

t.test('with maxInFlight 2 the next batch starts before the first finished; results stay per item', async t => {
  const started: number[][] = []
  const releases: Array<() => void> = []
  const gc = createGroupCommit<number, number>({
    maxBatch: 2,
    maxInFlight: 2,
    commitBatch: async items => { started.push(items); await new Promise<void>(resolve => releases.push(resolve)); return items.map(i => -i) }
  })
  const results = [1, 2, 3, 4, 5].map(i => gc.submit(i))
  while (started.length < 2) await new Promise(resolve => setImmediate(resolve))
  t.same(started, [[1, 2], [3, 4]], 'two batches in flight, the third waits')
  releases.shift()?.()
  while (started.length < 3) await new Promise(resolve => setImmediate(resolve))
  t.same(started[2], [5])
  while (releases.length > 0) releases.shift()?.()
  await new Promise(resolve => setImmediate(resolve))
  while (releases.length > 0) releases.shift()?.()
  t.same(await Promise.all(results), [-1, -2, -3, -4, -5])
  await gc.drain()
  t.equal(gc.pending(), 0)
})

t.test('a bounded queue refuses beyond maxQueued, and says when room appears', async t => {
  const releases: Array<() => void> = []
  const gc = createGroupCommit<number, number>({
    maxBatch: 2,
    maxQueued: 3,
    commitBatch: async items => { await new Promise<void>(resolve => releases.push(resolve)); return items }
  })
  let roomCalls = 0
  gc.onRoom(() => { roomCalls++ })
  const first = gc.submit(1)
  while (releases.length < 1) await new Promise(resolve => setImmediate(resolve))
  t.equal(gc.pending(), 0, 'the first item is in flight, not queued')
  const queued = [2, 3, 4].map(i => gc.submit(i))
  t.equal(gc.pending(), 3)
  t.equal(gc.hasRoom(), false)
  await t.rejects(gc.submit(5), { name: 'QueueFullError', code: 'INGEST_QUEUE_FULL' }, 'the fourth waiting item is refused, not buffered')
  t.equal(gc.pending(), 3, 'the refused item changed nothing')
  t.equal(roomCalls, 0)
  releases.shift()?.()
  while (releases.length < 1) await new Promise(resolve => setImmediate(resolve))
  t.equal(gc.pending(), 1, 'the next batch of two left the queue')
  t.equal(roomCalls, 1, 'room was announced once')
  t.equal(gc.hasRoom(), true)
  while (releases.length > 0 || gc.pending() > 0) {
    releases.shift()?.()
    await new Promise(resolve => setImmediate(resolve))
  }
  t.same(await Promise.all([first, ...queued]), [1, 2, 3, 4])
  t.equal(gc.peak(), 3, 'the high-water mark is the bound')
  t.equal(roomCalls, 1, 'a queue that never filled again announces nothing')
})
