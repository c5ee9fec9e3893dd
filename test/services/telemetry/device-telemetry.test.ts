// Which gate events become telemetry points: one per visit. An access request
// and the offline decision that replaced it (the answer came too late,
// services/gate/replaced-request.ts) make one point, whichever was recorded
// first, from the summaries the gate handlers store.
import t from 'tap'
import { eventTelemetry, type AppliedEvent } from '../../../services/telemetry/device-telemetry.ts'
import type { Executor } from '../../../services/store/executor.ts'

const now = 1_700_000_000_000
const device = { id: 'gate-1', site_id: 'site-1', kind: 'gate' as const }
const credential = { kind: 'card', card: 'CARD0001' }
const request = { eventId: 'r1', ts: now - 2000, credential, reader: 0, direction: 'in' }
const decision = { eventId: 'o1', ts: now - 500, credential, reader: 0, direction: 'in', decision: { result: 'allow' }, allowListVersion: 3, clockSynced: true, requestEventId: 'r1' }
// gate events read nothing from the store
const db = undefined as unknown as Executor
const points = async (type: 'access-request' | 'offline-decision', event: unknown, summary: Record<string, unknown>) =>
  (await eventTelemetry(db, { device, type, event, summary, receivedAtMs: now, maxAgeMs: 86_400_000 } satisfies AppliedEvent)).length

t.test('the request answered first: its point stands, the replacing decision adds none', async t => {
  t.equal(await points('access-request', request, { decision: 'allow', cmdId: 'c1' }), 1)
  t.equal(await points('offline-decision', decision, { decision: 'allow', offline: true, allowListVersion: 3, replacedRequest: 'r1', requestAnswered: true }), 0)
})

t.test('the decision first: its point stands, the request arriving after adds none', async t => {
  t.equal(await points('offline-decision', decision, { decision: 'allow', offline: true, allowListVersion: 3, replacedRequest: 'r1', requestAnswered: false }), 1)
  t.equal(await points('access-request', request, { replacedBy: 'o1' }), 0)
})

t.test('decisions that replace nothing keep their point', async t => {
  const { requestEventId: _, ...alone } = decision
  t.equal(await points('offline-decision', alone, { decision: 'allow', offline: true, allowListVersion: 3 }), 1)
})
