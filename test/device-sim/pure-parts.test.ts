// Inbox parsing, bad payload builders and CLI options: pure functions.
import t from 'tap'
import { depositEventSchema } from '../../schemas/device-events.ts'
import { makeBadPayload } from '../../device-sim/bad-payloads.ts'
import { parseInbox } from '../../device-sim/inbox.ts'
import { parseCliArgs } from '../../device-sim/cli-args.ts'

t.test('inbox: commands, bad commands, errors, the rest ignored', async t => {
  const display = { cmdId: 'c1', ts: 1, type: 'display', sessionId: 's1', depositEventId: 'e1', pointsEarned: 5, balancePoints: 9, outcome: 'credited', message: '' }
  t.match(parseInbox('k1', 'devices/k1/commands', JSON.stringify(display)), { kind: 'command', command: { type: 'display', pointsEarned: 5 } })
  t.match(parseInbox('k1', 'devices/k1/commands', '{"cmdId":"c2","type":"reboot"}'), { kind: 'bad-command', cmdId: 'c2' })
  t.match(parseInbox('k1', 'devices/k1/commands', '{oops'), { kind: 'bad-command', cmdId: undefined, error: /not valid JSON/ })
  t.match(parseInbox('k1', 'devices/k1/errors', JSON.stringify({ errorId: 'dl_1', ts: 1, topic: 't', code: 'SESSION_UNKNOWN', message: 'm', eventId: 'e9' })), { kind: 'error', error: { errorId: 'dl_1', code: 'SESSION_UNKNOWN', eventId: 'e9' } })
  t.match(parseInbox('k1', 'devices/k1/status', '{"online":true}'), { kind: 'ignored' })
  t.match(parseInbox('k1', 'devices/k2/commands', JSON.stringify(display)), { kind: 'ignored' }, 'not addressed to this kiosk')
})

t.test('bad payloads are bad in the way they claim', async t => {
  const ctx = { eventId: 'k1-b-7', ts: 1000, lines: [{ category: 'paper' as const, grams: 500 }] }
  t.throws(() => JSON.parse(makeBadPayload('malformed-json', ctx).payload))
  const missing = JSON.parse(makeBadPayload('missing-event-id', ctx).payload)
  t.equal(missing.eventId, undefined)
  t.notOk(depositEventSchema.safeParse(missing).success)
  const gramsString = makeBadPayload('grams-as-string', ctx)
  t.equal(JSON.parse(gramsString.payload).lines[0].grams, '500')
  t.notOk(depositEventSchema.safeParse(JSON.parse(gramsString.payload)).success)
  const unknown = makeBadPayload('unknown-session', { ...ctx, eventId: 'a~b' })
  t.ok(depositEventSchema.safeParse(JSON.parse(unknown.payload)).success, 'valid, only the session is unknown')
  t.equal(unknown.expectedError, 'SESSION_UNKNOWN')
  const replay = makeBadPayload('replay', ctx, { type: 'deposit', payload: '{"eventId":"old"}', eventId: 'old' })
  t.same([replay.payload, replay.eventId, replay.expectedError], ['{"eventId":"old"}', 'old', undefined])
})

t.test('CLI options', async t => {
  t.same(parseCliArgs(['--help']), { help: true })
  const c = parseCliArgs(['--token', 'tok', '--kiosks', '20', '--residents', '500', '--minutes', '1', '--bad-rate', '0.05'])
  t.match(c, { help: false, token: 'tok', kiosks: 20, residents: 500, minutes: 1, badRate: 0.05, offlineRate: 0, rate: 5, seed: 1, http: 'http://127.0.0.1:3000' })
  t.throws(() => parseCliArgs(['--kiosks', '2']), /--token .* or --fleet/)
  t.throws(() => parseCliArgs(['--fleet', 'f.json', '--bad-rate', '2']), /badRate/)
  t.throws(() => parseCliArgs(['--fleet', 'f.json', '--nope']), /Unknown option/)
})
