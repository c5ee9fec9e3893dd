// The telemetry outbox alarm with two backends on one store: one holds the
// shipping lease, the other the alarm sweep's. Only the shipper refreshes its
// own view of the outbox's depth, so the sweep reads the depth from the store:
// with the sweep on the node that does not ship, an outbox at 85 % of its
// bound raises the alarm (it saw 0 before, and would have cleared a raised one).
import { join } from 'node:path'
import t from 'tap'
import { currentAlarms } from '../../services/alarms/alarm-repository.ts'
import { alarmTypes } from '../../services/alarms/alarm-rules.ts'
import { findLease } from '../../services/jobs/lease.ts'
import { startTestBackend } from '../helpers/backend.ts'
import { onEachBackendStore } from '../fixtures/charging-scene.ts'
import { tempDir } from '../helpers/stores.ts'
import { waitUntil } from '../helpers/wait-until.ts'

await onEachBackendStore(t, 'the outbox alarm is raised by a sweep on the node that does not ship', async (t, overrides) => {
  // nothing listens on port 9: InfluxDB stays unreachable, so the outbox only grows
  const shared = { SQLITE_PATH: join(tempDir(t), 'shared.db'), ...overrides, INFLUX_URL: 'http://127.0.0.1:9', TELEMETRY_OUTBOX_MAX_ROWS: 100 }
  const shipper = await startTestBackend(t, { ...shared, NODE_ID: 'node-ship', ALARM_SWEEP_MS: 0 })
  const { db } = shipper.store
  await waitUntil(async () => (await findLease(db, 'telemetry-shipper'))?.holder === 'node-ship', 'the first node holds the shipping lease')
  const sweeper = await startTestBackend(t, { ...shared, NODE_ID: 'node-sweep', ALARM_SWEEP_MS: 3_600_000 })
  t.match(sweeper.telemetry.health(), { enabled: true, leaseHeld: false }, 'the second node ships nothing')

  await db.insertInto('telemetry_outbox').values(Array.from({ length: 85 }, (_, i) => ({ line: `bin_fill fill_pct=${i} ${i}`, at_ms: i, created_at_ms: Date.now() }))).execute()
  t.equal(await sweeper.alarmSweep?.runOnce(), 'ran', 'a pass of the sweep on the second node')
  const alarms = await currentAlarms(db, { type: alarmTypes.outboxNearFull })
  t.match(alarms, [{ active: true, message: 'telemetry outbox 85 of 100 rows' }], 'raised from the store\'s depth')
})
