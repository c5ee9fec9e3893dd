// Failed device authentications: writes are coalesced per device, but every
// failure is counted (53 failures read "53×", not the number of writes).
import t from 'tap'
import { pino } from 'pino'
import { createAuthFailureRecorder, lastAuthFailures } from '../../../services/devices/auth-failures.ts'
import type { AuthFailure } from '../../../broker/device-authentication-hook.ts'
import { aKiosk, aSite } from '../../fixtures/builders.ts'
import { eachStore } from '../../helpers/stores.ts'
import { waitUntil } from '../../helpers/wait-until.ts'

const silent = pino({ level: 'silent' })
const failureOf = (deviceId: string, i: number): AuthFailure =>
  ({ clientId: deviceId, username: deviceId, reason: i % 2 === 0 ? 'bad-secret' : 'disabled', remoteAddress: `198.51.100.${i % 250}` })

void eachStore(t, 'a burst of failures is counted one by one, in few writes', async (t, store) => {
  const site = await aSite(store.db)
  const { device } = await aKiosk(store.db, site.id)
  const record = createAuthFailureRecorder(store.db, silent, 200)
  const failuresNow = async () => (await lastAuthFailures(store.db, [device.id])).get(device.id)?.failures ?? 0

  for (let i = 1; i <= 53; i++) record(failureOf(device.id, i))
  await waitUntil(async () => await failuresNow() >= 53, 'the 53 failures are written')
  const row = (await lastAuthFailures(store.db, [device.id])).get(device.id)
  t.match(row, { device_id: device.id, failures: 53, reason: 'disabled', remote_address: '198.51.100.53' }, 'the count of all failures, the details of the last')

  for (let i = 54; i <= 60; i++) record(failureOf(device.id, i))
  await waitUntil(async () => await failuresNow() >= 60, 'the next 7 failures are written')
  t.equal(await failuresNow(), 60, 'a later burst adds to the count')
  t.equal((await lastAuthFailures(store.db, [device.id])).get(device.id)?.reason, 'bad-secret')

  record(failureOf('no-such-device', 1))
  record(failureOf(device.id, 61))
  await waitUntil(async () => await failuresNow() >= 61, 'the 61st failure is written')
  t.same([...(await lastAuthFailures(store.db, ['no-such-device'])).keys()], [], 'made-up device ids are not stored')
})
