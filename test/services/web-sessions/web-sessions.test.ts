// The pure rules of web sessions: when a session is still open, how often use
// is written back, and the CSRF token's comparison.
import t from 'tap'
import { csrfTokenFor, csrfTokenMatches, hashSessionId, sessionOpen, touchIntervalMs } from '../../../services/web-sessions/web-sessions.ts'

const policy = { idleMs: 1_800_000, maxMs: 43_200_000 }

t.test('sessionOpen: idle and absolute limits, boundaries exclusive', async t => {
  const created = 1_000_000_000
  const cases: Array<{ name: string, lastSeen: number, now: number, open: boolean }> = [
    { name: 'just signed in', lastSeen: created, now: created, open: true },
    { name: 'idle one ms short of the limit', lastSeen: created, now: created + policy.idleMs - 1, open: true },
    { name: 'idle exactly the limit', lastSeen: created, now: created + policy.idleMs, open: false },
    { name: 'busy but one ms short of the maximum', lastSeen: created + policy.maxMs - 10, now: created + policy.maxMs - 1, open: true },
    { name: 'busy and at the maximum age', lastSeen: created + policy.maxMs - 10, now: created + policy.maxMs, open: false }
  ]
  for (const c of cases) t.equal(sessionOpen({ created_at_ms: created, last_seen_at_ms: c.lastSeen }, c.now, policy), c.open, c.name)
})

t.test('touchIntervalMs: a tenth of the idle time, at most a minute', async t => {
  t.equal(touchIntervalMs({ idleMs: 1_800_000, maxMs: 1 }), 60_000)
  t.equal(touchIntervalMs({ idleMs: 100_000, maxMs: 1 }), 10_000)
})

t.test('CSRF token: derived from the session id, compared exactly', async t => {
  const id = 'session-id-a'
  const token = csrfTokenFor(id)
  t.not(token, csrfTokenFor('session-id-b'))
  t.not(token, hashSessionId(id), 'the token does not reveal the stored hash')
  t.ok(csrfTokenMatches(id, token))
  t.notOk(csrfTokenMatches(id, undefined))
  t.notOk(csrfTokenMatches(id, ''))
  t.notOk(csrfTokenMatches(id, `${token}x`))
  t.notOk(csrfTokenMatches('session-id-b', token))
})
