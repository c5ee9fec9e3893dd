// Back-pressure on the embedded store: capacity held at zero by taking the
// SQLite write lock from the test (the ingest worker waits for it), then
// released; the scenario and its assertions are in test/helpers/overload.ts.
import t from 'tap'
import { overload } from '../helpers/overload.ts'

t.test('overload on SQLite: bounded queue, bounded heap, nothing acked lost, latency recovers', async t => {
  await overload(t, {}, async backend => {
    const lock = backend.store.writeLock
    if (lock == null) throw new Error('SQLite store without a write lock')
    await lock.acquire()
    return async () => { lock.release() }
  })
})
