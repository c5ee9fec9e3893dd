// kill -9 the backend while a kiosk is connected and shown online, then start
// it again on the same store: before anything connects, no device is shown
// online (the crashed run could not write the disconnect). SQLite and PostgreSQL.
import { join } from 'node:path'
import t, { type Test } from 'tap'
import type { Config } from '../../services/config.ts'
import { openStore, type Store } from '../../services/store/open-database.ts'
import { aKiosk, aSite } from '../fixtures/builders.ts'
import { startTestBackend } from '../helpers/backend.ts'
import { spawnBackend } from '../helpers/backend-process.ts'
import { connectKiosk, publishOnline, waitUntil } from '../helpers/presence.ts'
import { postgresSkipReasonIfAny, postgresTestDatabaseUrl, tempDir } from '../helpers/stores.ts'

const onlineOf = async (store: Store, deviceId: string) =>
  (await store.db.selectFrom('devices').select('online').where('id', '=', deviceId).executeTakeFirstOrThrow()).online

async function crashWhileOnline (t: Test, storeConfig: Pick<Config, 'SQLITE_PATH'> & Partial<Pick<Config, 'DATABASE_URL'>>): Promise<void> {
  const observer = await openStore(storeConfig)
  t.teardown(() => observer.close())
  const site = await aSite(observer.db)
  const { device, secret } = await aKiosk(observer.db, site.id)
  const idle = await aKiosk(observer.db, site.id)

  const env: Record<string, string> = { SQLITE_PATH: storeConfig.SQLITE_PATH, ...(storeConfig.DATABASE_URL != null ? { DATABASE_URL: storeConfig.DATABASE_URL } : {}) }
  const crashed = await spawnBackend(env)
  t.teardown(() => crashed.kill())
  const kiosk = await connectKiosk(crashed.mqttUrl, device.id, secret)
  t.teardown(() => kiosk.endAsync(true))
  await publishOnline(kiosk, device.id)
  await waitUntil(async () => (await onlineOf(observer, device.id)) === 1, 'the kiosk is shown online')
  await crashed.kill()
  t.equal(await onlineOf(observer, device.id), 1, 'the crashed run left the kiosk online')

  const restarted = await startTestBackend(t, storeConfig)
  t.equal(restarted.broker.connectedCount(), 0, 'nothing has connected yet')
  t.equal(await onlineOf(observer, device.id), 0, 'no device shown online without a connection')
  t.equal(await onlineOf(observer, idle.device.id), 0, 'a device that was offline stays offline')
}

t.test('kill -9 with a kiosk online, restart: offline until it connects [sqlite]', async t => {
  await crashWhileOnline(t, { SQLITE_PATH: join(tempDir(t), 'kiosk.db') })
})

t.test('kill -9 with a kiosk online, restart: offline until it connects [postgres]', { skip: await postgresSkipReasonIfAny() }, async t => {
  await crashWhileOnline(t, { SQLITE_PATH: '', DATABASE_URL: await postgresTestDatabaseUrl(t) })
})
