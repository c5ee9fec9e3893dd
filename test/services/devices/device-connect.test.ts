// A connect's steps and the gate sync's sends around it
// (services/devices/device-connect.ts), with the connection, the store's
// pending commands and the writes kept in memory: the orderings of a sync round
// and a SUBSCRIBE that the real broker does not let a test choose. The hog run
// found the first one: the broker puts a subscription in place before it
// reports the SUBSCRIBE, and a round's list written in between came again in
// the re-send.
import t from 'tap'
import type { OutgoingMessage } from '../../../services/devices/command-delivery.ts'
import { createDeviceConnect } from '../../../services/devices/device-connect.ts'
import type { Executor } from '../../../services/store/executor.ts'
import { pino } from 'pino'

const message = (cmdId: string): OutgoingMessage => ({ deviceId: 'g1', topic: 'devices/g1/commands', payload: JSON.stringify({ type: cmdId, cmdId }) })

function scene () {
  let connection: object | undefined = {}
  const pending: OutgoingMessage[] = []
  const received: string[] = []
  const write = (m: OutgoingMessage) => { if (connection == null) return false; received.push(m.payload); return true }
  const connect = createDeviceConnect({
    db: undefined as unknown as Executor, // nothing is held in these orderings: the store is never read
    log: pino({ level: 'silent' }),
    prepare: async () => { pending.push(message('time-sync'), message('gate-config')) },
    resendPending: async (_deviceId, except) => {
      const sent = pending.filter(m => !except.has(m.payload))
      for (const m of sent) write(m)
      return sent
    },
    write,
    connectionOf: () => connection
  })
  return { connect, pending, received: () => received.map(p => (JSON.parse(p) as { cmdId: string }).cmdId), reconnect: () => { connection = {} } }
}

t.test('a round writes the list to the new subscription before the SUBSCRIBE is reported: the re-send leaves it out', async t => {
  const s = scene()
  const list = message('allow-list-full')
  s.pending.push(list) // the round recorded it …
  s.connect.sendFromSync(list) // … and wrote it to the subscription already in place
  await s.connect.commandsSubscribed('g1')
  t.same(s.received(), ['allow-list-full', 'time-sync', 'gate-config'], 'each command once, the settings among the first three')
})

t.test('written to a connection that is gone: the new connection\'s re-send carries it', async t => {
  const s = scene()
  const list = message('allow-list-full')
  s.pending.push(list)
  s.connect.sendFromSync(list)
  s.reconnect()
  await s.connect.commandsSubscribed('g1')
  t.same(s.received(), ['allow-list-full', 'allow-list-full', 'time-sync', 'gate-config'], 'the old connection\'s copy is not counted for the new one')
})

t.test('a round during the connect: held, and the re-send carries it once', async t => {
  const s = scene()
  const list = message('allow-list-full')
  const subscribed = s.connect.commandsSubscribed('g1')
  // the window is open from the report of the SUBSCRIBE; the round commits and sends meanwhile
  s.pending.push(list)
  s.connect.sendFromSync(list)
  await subscribed
  t.same(s.received(), ['allow-list-full', 'time-sync', 'gate-config'], 'once, in the re-send (oldest first)')
})
