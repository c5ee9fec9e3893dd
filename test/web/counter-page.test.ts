// The counter in real Chromium against the real backend on SQLite (the
// scenario is in counter-morning.ts; PostgreSQL runs it in counter-page-postgres.test.ts,
// a file of its own so each browser run has the whole per-file time limit).
import tap from 'tap'
import { browserSkipReasonIfAny } from '../helpers/browser.ts'
import { counterMorning } from './counter-morning.ts'

tap.test('a morning at the counter [sqlite]', { skip: browserSkipReasonIfAny() }, async t => {
  await counterMorning(t)
})
