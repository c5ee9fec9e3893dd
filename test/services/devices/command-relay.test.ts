// The relay pass on both stores: a marked command of a device connected here
// is sent once and its marker dropped; a device not connected here keeps its
// marker for the node that holds it, until the relay window passes; markers of
// commands acked or expired meanwhile are dropped unsent; a marker dropped by
// the recording process (it sent the command itself) is never sent again.
import t from 'tap'
import type { DeviceCommand } from '../../../schemas/device-commands.ts'
import type { OutgoingMessage } from '../../../services/devices/command-delivery.ts'
import { ackCommand } from '../../../services/devices/command-delivery.ts'
import { RELAY_WINDOW_MS, recordRelayedCommand, relayed, relayPass } from '../../../services/devices/command-relay.ts'
import { aKiosk, aSite } from '../../fixtures/builders.ts'
import { eachStore } from '../../helpers/stores.ts'

let n = 0
const display = (nowMs: number): DeviceCommand => ({ type: 'deny', cmdId: `cmd-relay-${process.pid}-${++n}`, ts: nowMs, swipeEventId: `s${n}`, reason: 'CARD_UNKNOWN', message: 'Card not known' })

await eachStore(t, 'a relay pass sends what is marked for devices connected here, once', async (t, { db }) => {
  const site = await aSite(db)
  const here = (await aKiosk(db, site.id)).device.id
  const elsewhere = (await aKiosk(db, site.id)).device.id
  const now = Date.now()
  const forHere = display(now)
  const acked = display(now)
  const expired = display(now)
  const sentByRecorder = display(now)
  const forElsewhere = display(now)
  await recordRelayedCommand(db, here, forHere, now + 60_000)
  await recordRelayedCommand(db, here, acked, now + 60_000)
  await recordRelayedCommand(db, here, expired, now + 10)
  await recordRelayedCommand(db, here, sentByRecorder, now + 60_000)
  await recordRelayedCommand(db, elsewhere, forElsewhere, now + 600_000)
  await ackCommand(db, here, { cmdId: acked.cmdId, ok: true }, now)
  await relayed(db, [sentByRecorder.cmdId])

  const sent: OutgoingMessage[] = []
  const options = { db, isConnected: (id: string) => id === here, send: (m: OutgoingMessage) => { sent.push(m); return true } }
  const markers = async () => (await db.selectFrom('command_relay').select('cmd_id').orderBy('cmd_id').execute()).map(r => r.cmd_id)

  t.same(await relayPass(options, now + 100), { sent: 1, dropped: 2 })
  t.same(sent.map(m => [m.deviceId, m.cmdId, JSON.parse(m.payload).cmdId]), [[here, forHere.cmdId, forHere.cmdId]], 'only the live command of the device connected here')
  t.equal(sent[0]!.topic, `devices/${here}/commands`)
  t.same(await markers(), [forElsewhere.cmdId], 'the other node\'s marker stays for it')

  t.same(await relayPass(options, now + 200), { sent: 0, dropped: 0 }, 'nothing twice')
  t.same(await relayPass(options, now + RELAY_WINDOW_MS + 1), { sent: 0, dropped: 1 }, 'no node took it within the window: the device is offline')
  t.same(await markers(), [])
  t.equal(sent.length, 1)

  // a marker whose command was pruned meanwhile goes too
  const pruned = display(now)
  await recordRelayedCommand(db, here, pruned, now + 60_000)
  await db.deleteFrom('commands').where('cmd_id', '=', pruned.cmdId).execute()
  t.same(await relayPass(options, now + 300), { sent: 0, dropped: 1 })
  t.same(await markers(), [])
  t.equal(sent.length, 1)
})
