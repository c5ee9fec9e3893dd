// The ingest caches devices, sites and cards across batches; registry writes
// made through another connection (HTTP and CLI on the main thread, while
// SQLite batches run in the worker; another node on PostgreSQL) take effect
// at the next batch. Two connections to one real store, both store kinds.
import t, { type Test } from 'tap'
import { defaultRateTable } from '../../../schemas/rate-table.ts'
import { topics } from '../../../schemas/topics.ts'
import { disableDevice, enableDevice, noDeviceSessions } from '../../../services/devices/credentials.ts'
import { setCardStatus } from '../../../services/households/card-registry.ts'
import { setSiteRates } from '../../../services/sites/site-registry.ts'
import { createBatchCommitter } from '../../../services/ingest/commit-device-batch.ts'
import { openStore, type Store } from '../../../services/store/open-database.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../../fixtures/builders.ts'
import { createPostgresTestDatabase, postgresSkipReasonIfAny, tempDir } from '../../helpers/stores.ts'
import { join } from 'node:path'

const settings = { sessionOpenWindowMs: 120_000, sessionDepositWindowMs: 86_400_000 }

async function twoConnections (t: Test, kind: 'sqlite' | 'postgres'): Promise<[Store, Store]> {
  const url = kind === 'postgres' ? await createPostgresTestDatabase(t) : undefined
  const config = { DATABASE_URL: url, SQLITE_PATH: join(tempDir(t), 'test.db') }
  const ingest = await openStore(config)
  t.teardown(() => ingest.close())
  const registry = await openStore(config)
  t.teardown(() => registry.close())
  return [ingest, registry]
}

async function scenario (t: Test, kind: 'sqlite' | 'postgres') {
  const [ingest, registry] = await twoConnections(t, kind)
  const site = await aSite(registry.db, { rateTable: { ...defaultRateTable, dailyCapPoints: 0 } })
  const { device } = await aKiosk(registry.db, site.id)
  const { card } = await aHouseholdWithCard(registry.db, site.id)
  const commit = createBatchCommitter(ingest.db, settings, undefined)
  let seq = 0
  const send = async (type: 'swipe' | 'deposit', body: Record<string, unknown>, deviceId = device.id) => {
    const [processed] = await commit([{ deviceId, topic: topics.event(deviceId, type), payload: Buffer.from(JSON.stringify({ eventId: `e${++seq}`, ts: Date.now(), ...body })), qos: 1, receivedAtMs: Date.now() }])
    return processed!
  }
  const swipe = async () => JSON.parse((await send('swipe', { card: card.uid })).outgoing[0]!.payload) as { type: string, reason?: string, sessionId?: string }

  t.match(await swipe(), { type: 'open' }, 'the card opens (and is cached now)')
  t.match(await swipe(), { type: 'open' }, 'and again, from the cache')

  await setCardStatus(registry.db, card.uid, 'blocked')
  t.match(await swipe(), { type: 'deny', reason: 'CARD_BLOCKED' }, 'a card blocked elsewhere is denied at the next swipe')
  await setCardStatus(registry.db, card.uid, 'active')
  t.match(await swipe(), { type: 'open' }, 'unblocked: opens again')
  await setCardStatus(registry.db, card.uid, 'lost')
  t.match(await swipe(), { type: 'deny', reason: 'CARD_LOST' }, 'a card reported lost is denied at the next swipe')
  await setCardStatus(registry.db, card.uid, 'active')

  await disableDevice(registry.db, noDeviceSessions, device.id)
  t.match(await swipe(), { type: 'deny', reason: 'DEVICE_DISABLED' }, 'a disabled kiosk opens for no one')
  await enableDevice(registry.db, device.id)
  const open = await swipe()
  t.match(open, { type: 'open' }, 'enabled again')

  await setSiteRates(registry.db, site.id, { ...defaultRateTable, dailyCapPoints: 0, rates: { ...defaultRateTable.rates, paper: { mode: 'per_kg', pointsPerKg: 100 } } })
  const deposited = await send('deposit', { sessionId: open.sessionId, lines: [{ category: 'paper', grams: 1000 }] })
  t.match(deposited, { result: 'applied', pointsCredited: 100 }, 'new rates apply to the next deposit (was 40 points per kg)')

  const newcomer = `${device.id}-new`
  t.match(await send('swipe', { card: card.uid }, newcomer), { result: 'dead-lettered', deadLetterCode: 'DEVICE_UNKNOWN' })
  await aKiosk(registry.db, site.id, newcomer)
  t.match(await send('swipe', { card: card.uid }, newcomer), { result: 'applied' }, 'a device provisioned after it was refused is known at the next batch')
}

t.test('registry writes through another connection reach the ingest cache [sqlite]', t => scenario(t, 'sqlite'))
t.test('registry writes through another connection reach the ingest cache [postgres]', { skip: await postgresSkipReasonIfAny() }, t => scenario(t, 'postgres'))
