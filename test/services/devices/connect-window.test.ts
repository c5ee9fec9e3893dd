// The gate sync's direct sends to a device whose connect is being prepared
// wait for the connect's re-send, which carries them at most once
// (services/devices/connect-window.ts). The clock is the window's own.
import t from 'tap'
import { createConnectWindows, RECENTLY_RESENT_MS } from '../../../services/devices/connect-window.ts'
import type { OutgoingMessage } from '../../../services/devices/command-delivery.ts'

const message = (deviceId: string, cmdId: string): OutgoingMessage => ({ deviceId, topic: `devices/${deviceId}/commands`, payload: JSON.stringify({ type: 'time-sync', cmdId }) })

t.test('nothing is held for a device that is not connecting', async t => {
  const windows = createConnectWindows()
  t.equal(windows.absorbs(message('g1', 'c1')), false)
  t.same(windows.closed('g1', []), [], 'closing a window never opened gives nothing')
})

t.test('a send during the connect is held; the re-send carries it, so it is not sent again', async t => {
  const windows = createConnectWindows()
  windows.opened('g1')
  const list = message('g1', 'list')
  t.equal(windows.absorbs(list), true, 'held')
  t.equal(windows.absorbs(message('g2', 'other')), false, 'another device is not held')
  t.same(windows.closed('g1', [list, message('g1', 'config')]), [], 'the re-send carried it')
})

t.test('a held send the re-send did not carry is handed back once, in order', async t => {
  const windows = createConnectWindows()
  windows.opened('g1')
  const [a, b] = [message('g1', 'a'), message('g1', 'b')]
  windows.absorbs(a)
  windows.absorbs(b)
  windows.absorbs(a)
  t.same(windows.closed('g1', [message('g1', 'config')]), [a, b], 'each once, in the order held')
  t.equal(windows.absorbs(message('g1', 'c')), false, 'after the connect, sends go straight out')
})

t.test('a failed re-send hands back everything held', async t => {
  const windows = createConnectWindows()
  windows.opened('g1')
  const a = message('g1', 'a')
  windows.absorbs(a)
  t.same(windows.closed('g1', []), [a])
})

t.test('a second SUBSCRIBE during the connect: held until the last re-send, deduplicated against both', async t => {
  const windows = createConnectWindows()
  windows.opened('g1')
  windows.opened('g1')
  const [a, b, c] = [message('g1', 'a'), message('g1', 'b'), message('g1', 'c')]
  for (const m of [a, b, c]) windows.absorbs(m)
  t.same(windows.closed('g1', [a]), [], 'the first re-send ends nothing: the second is still to come')
  t.equal(windows.absorbs(message('g1', 'd')), true, 'still held')
  t.same(windows.closed('g1', [b]), [c, message('g1', 'd')], 'what neither re-send carried')
})

t.test('a direct send of what the re-send just carried is skipped, for a while', async t => {
  let nowMs = 1_000_000
  const windows = createConnectWindows({ now: () => nowMs })
  windows.opened('g1')
  const list = message('g1', 'list')
  windows.closed('g1', [list])
  // the round committed before the re-send read it, and sends only now
  t.equal(windows.absorbs(list), true, 'the same command right after the re-send: a repeat')
  t.equal(windows.absorbs(message('g1', 'newer')), false, 'a command the re-send did not carry goes out')
  nowMs += RECENTLY_RESENT_MS
  t.equal(windows.absorbs(list), false, 'long after, it is not taken for a repeat')
})

t.test('expired re-sends are forgotten as other connects end', async t => {
  let nowMs = 0
  const windows = createConnectWindows({ now: () => nowMs, recentlyResentMs: 100 })
  const old = message('g1', 'old')
  windows.opened('g1')
  windows.closed('g1', [old])
  nowMs = 50
  windows.opened('g2')
  windows.closed('g2', [message('g2', 'x')])
  t.equal(windows.absorbs(old), true, 'g1 still within its while')
  nowMs = 120
  windows.opened('g3')
  windows.closed('g3', [message('g3', 'y')])
  t.equal(windows.absorbs(old), false, 'g1 expired')
  t.equal(windows.absorbs(message('g2', 'x')), true, 'g2 has 30 ms left')
  // a reconnect moves a device to the back: it is not pruned with the entries older than it
  windows.opened('g2')
  windows.closed('g2', [message('g2', 'z')])
  nowMs = 200
  windows.opened('g4')
  windows.closed('g4', [])
  t.equal(windows.absorbs(message('g2', 'z')), true, 'g2\'s latest re-send counts from its reconnect')
  t.equal(windows.absorbs(message('g3', 'y')), true, 'g3 has 20 ms left')
})

t.test('what the sync wrote to a connection is left out of that connection\'s re-send, for a while', async t => {
  let nowMs = 0
  const windows = createConnectWindows({ now: () => nowMs, recentlyResentMs: 100 })
  const [first, second] = [{}, {}]
  const list = message('g1', 'list')
  windows.written(list, first)
  windows.written(message('g1', 'time'), first)
  t.same([...windows.writtenTo('g1', first)].sort(), [list.payload, message('g1', 'time').payload].sort(), 'both writes to this connection')
  t.same([...windows.writtenTo('g1', second)], [], 'another connection never got them')
  t.same([...windows.writtenTo('g1', undefined)], [], 'no connection: nothing to leave out')
  t.same([...windows.writtenTo('g2', first)], [], 'another device')
  nowMs = 100
  t.same([...windows.writtenTo('g1', first)], [], 'long after, it is sent again')
  windows.written(list, second)
  t.same([...windows.writtenTo('g1', second)], [list.payload], 'a write to the new connection starts afresh')
  t.same([...windows.writtenTo('g1', first)], [], 'the old connection\'s writes are forgotten')
})
