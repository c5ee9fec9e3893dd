// The counter scenario (counter-morning.ts) in real Chromium against the real
// backend on PostgreSQL.
import tap from 'tap'
import { browserSkipReasonIfAny } from '../helpers/browser.ts'
import { createPostgresTestDatabase, postgresSkipReason, postgresSkipReasonIfAny } from '../helpers/stores.ts'
import { counterMorning } from './counter-morning.ts'

tap.test('a morning at the counter [postgres]', { skip: browserSkipReasonIfAny() || (await postgresSkipReasonIfAny()) }, async t => {
  const url = await createPostgresTestDatabase(t)
  if (url == null) throw new Error(postgresSkipReason)
  await counterMorning(t, url)
})
