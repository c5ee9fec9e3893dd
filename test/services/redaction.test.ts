// One rule for what never reaches the logs in clear (services/redaction.ts),
// checked through the real logger: card numbers masked to their last 4
// characters, secrets replaced, at the top level and nested.
import t from 'tap'
import { maskCard, redactUrl, sensitivity } from '../../services/redaction.ts'
import { capturedLog } from '../helpers/captured-log.ts'

t.test('card numbers show their last 4 characters, short ones nothing', async t => {
  t.equal(maskCard('04A1B2C3D4E5'), '****D4E5')
  t.equal(maskCard('12345678'), '****5678')
  t.equal(maskCard('1234567'), '****', 'shorter than 8: the last 4 would be most of it')
  t.equal(sensitivity('cardUid'), 'card')
  t.equal(sensitivity('CARDUID'), 'card', 'names compare case-insensitively')
  t.equal(sensitivity('Authorization'), 'secret')
  t.equal(sensitivity('householdId'), undefined)
})

t.test('the logger masks cards and removes secrets wherever they are logged', async t => {
  const { log, records, text } = capturedLog()
  log.info({ uid: 'CARDAAAA1111', status: 'blocked' }, 'top level')
  log.info({ event: { card: 'CARDBBBB2222', eventId: 'e1' } }, 'nested')
  log.info({ card: { uid: 'CARDCCCC3333', status: 'lost', householdId: 'hh1' } }, 'a card row')
  log.info({ upstream: { headers: { authorization: 'Bearer tok-secret-1' } }, token: 'tok-secret-2', body: { secret: 's3', newSecret: 's4', password: 'p5' } }, 'secrets')
  log.child({ cardUid: 'CARDDDDD4444' }).info('bindings')
  const [top, nested, row, secrets, bindings] = records()
  t.match(top, { uid: '****1111', status: 'blocked' })
  t.match(nested, { event: { card: '****2222', eventId: 'e1' } })
  t.match(row, { card: { uid: '****3333', status: 'lost', householdId: 'hh1' } }, 'a card row keeps its other fields')
  t.match(secrets, { upstream: { headers: { authorization: '[redacted]' } }, token: '[redacted]', body: { secret: '[redacted]', newSecret: '[redacted]', password: '[redacted]' } })
  t.match(bindings, { cardUid: '****4444' })
  for (const clear of ['CARDAAAA', 'CARDBBBB', 'CARDCCCC', 'CARDDDDD', 'tok-secret', 's3', 's4', 'p5']) t.notMatch(text(), clear)
})

t.test('request URLs are logged with card numbers masked', async t => {
  t.equal(redactUrl('/api/cards/CARD12345678/block', { uid: 'CARD12345678' }), '/api/cards/****5678/block')
  t.equal(redactUrl('/api/cards/CARD12345678/no-such-action'), '/api/cards/****5678/no-such-action', 'an unmatched route too')
  t.equal(redactUrl('/api/x/CARD%2012345678', { cardUid: 'CARD 12345678' }), '/api/x/****5678', 'a route parameter named like a card field')
  t.equal(redactUrl('/api/households?cardUid=CARD12345678&limit=5'), '/api/households?cardUid=****5678&limit=5')
  t.equal(redactUrl('/api/x?token=abc&limit=5'), '/api/x?token=%5Bredacted%5D&limit=5')
  t.equal(redactUrl('/api/households/hh1/cards?limit=5'), '/api/households/hh1/cards?limit=5', 'nothing sensitive: unchanged')
})
