// Works around a race in test/helpers/stores.ts: pg-pool's end() resolves
// before its sockets are closed, so the helper's DROP DATABASE … WITH (FORCE)
// can terminate a still-open backend, and the pool (which has no 'error'
// listener) turns that into an uncaught error. Closing the store here and
// letting the sockets finish first makes the teardown's close a no-op.
import { setTimeout as sleep } from 'node:timers/promises'
import type { Store } from '../../../services/store/open-database.ts'

export async function settleStore (store: Store): Promise<void> {
  if (store.dialect !== 'postgres') return
  await store.close()
  await sleep(100)
}
