import t from 'tap'
import { topicMatches } from '../../broker/topic-match.ts'
import { isOwnTopic, parseTopic } from '../../schemas/topics.ts'

t.test('MQTT filters', async t => {
  const cases: Array<[string, string, boolean]> = [
    ['devices/k1/+', 'devices/k1/commands', true],
    ['devices/k1/+', 'devices/k1/events/swipe', false],
    ['devices/k1/#', 'devices/k1/events/swipe', true],
    ['devices/k1/commands', 'devices/k1/commands', true],
    ['devices/+/commands', 'devices/k2/commands', true],
    ['#', '$dropped/k1', false],
    ['+/k1', '$dropped/k1', false],
    ['devices/k1', 'devices/k1/commands', false]
  ]
  for (const [filter, topic, expected] of cases) t.equal(topicMatches(filter, topic), expected, `${filter} ~ ${topic}`)
})

t.test('topic parsing and ownership', async t => {
  t.same(parseTopic('devices/k1/events/deposit'), { kind: 'event', deviceId: 'k1', eventType: 'deposit' })
  t.same(parseTopic('devices/k1/status'), { kind: 'status', deviceId: 'k1' })
  t.same(parseTopic('devices/k1/events/nope'), { kind: 'unknown', deviceId: 'k1' })
  t.same(parseTopic('elsewhere/k1/status'), { kind: 'unknown', deviceId: null })
  t.ok(isOwnTopic('k1', 'devices/k1/events/swipe'))
  t.notOk(isOwnTopic('k1', 'devices/k10/events/swipe'), 'a prefix of another id is not its own')
  t.notOk(isOwnTopic('k1', 'devices/k1'))
})
