// One list change for many gates of a site at once (the sync round after a
// card is blocked), on both stores: each gate gets what it needs from the
// version it acknowledged: a delta while that snapshot is kept, the full list
// when it holds none or one no longer kept, nothing when it holds the current
// version or its command for it is still pending; the superseded list
// commands expire and each gate row points at its own new command.
import t from 'tap'
import { allowListDeltaSchema } from '../../../schemas/gate.ts'
import { recordCommand, recordCommands } from '../../../services/devices/command-delivery.ts'
import { applyAllowListDelta } from '../../../services/gate/allow-list-delta.ts'
import { LIST_ACK_WAIT_MS, listCommandFor, listCommandsFor } from '../../../services/gate/allow-list-delivery.ts'
import { decodeAllowList } from '../../../services/gate/allow-list-image.ts'
import { currentAllowList } from '../../../services/gate/allow-list-store.ts'
import { setCardStatus } from '../../../services/households/card-registry.ts'
import { provisionDevice } from '../../../services/devices/device-registry.ts'
import { aHouseholdWithCard, aSite, testPepper } from '../../fixtures/builders.ts'
import { aGate } from '../../fixtures/gate-builders.ts'
import { eachStore } from '../../helpers/stores.ts'

await eachStore(t, 'a list change for many gates: delta, full or nothing by what each acknowledged', async (t, { db }) => {
  const site = await aSite(db)
  const resident = await aHouseholdWithCard(db, site.id)
  await aHouseholdWithCard(db, site.id)
  const v1 = await currentAllowList(db, site.id)
  const now = Date.now()

  const atBase = (await aGate(db, site.id)).device.id
  const stale = (await aGate(db, site.id)).device.id
  const current = (await aGate(db, site.id)).device.id
  const waiting = (await aGate(db, site.id)).device.id
  const expired = (await aGate(db, site.id)).device.id
  // provisioned without gate settings: its row is made with the defaults
  const bare = (await provisionDevice(db, testPepper(), { id: `bare${process.pid}`, siteId: site.id, kind: 'gate' })).device.id

  // every gate but `bare` holds v1 through a delivered list command
  for (const id of [atBase, stale, current, waiting, expired]) {
    const sent = await listCommandFor(db, id, v1, now)
    await recordCommand(db, id, sent!.command, sent!.expiresAtMs)
    await db.updateTable('gates').set({ list_acked_version: v1.version }).where('device_id', '=', id).execute()
  }
  await setCardStatus(db, resident.card.uid, 'blocked')
  const v2 = await currentAllowList(db, site.id)
  t.equal(v2.version, v1.version + 1)
  // `stale` acknowledged a version no longer kept; `current` already holds v2;
  // `waiting` and `expired` were sent v2: one command still pending, one expired unacknowledged
  await db.updateTable('gates').set({ list_acked_version: 999 }).where('device_id', '=', stale).execute()
  await db.updateTable('gates').set({ list_acked_version: v2.version }).where('device_id', '=', current).execute()
  for (const id of [waiting, expired]) {
    const sent = await listCommandFor(db, id, v2, now)
    await recordCommands(db, [{ deviceId: id, ...sent! }])
  }
  await db.updateTable('commands').set({ expires_at_ms: now - 1 }).where('device_id', '=', expired).where('type', '=', 'allow-list-delta').execute()
  const pendingBefore = await db.selectFrom('commands').select(['cmd_id', 'device_id']).where('status', '=', 'pending').where('type', 'in', ['allow-list-full', 'allow-list-delta']).execute()

  const later = now + 1000
  const out = await listCommandsFor(db, [atBase, stale, current, waiting, expired, bare], v2, later)
  t.same([...out.keys()].sort(), [atBase, stale, expired, bare].sort(), 'nothing for the gate at v2 nor the one whose v2 command is pending')
  t.equal(out.get(atBase)!.command.type, 'allow-list-delta', 'a delta from the kept base')
  t.equal(out.get(expired)!.command.type, 'allow-list-delta', 'an expired command is replaced (still a delta from v1)')
  const delta = allowListDeltaSchema.parse((out.get(atBase)!.command as { delta: unknown }).delta)
  t.match(delta, { baseVersion: v1.version, version: v2.version })
  const applied = applyAllowListDelta(v1, delta)
  t.ok(applied.ok && JSON.stringify(applied.list.entries) === JSON.stringify(v2.entries), 'the delta turns v1 into v2')
  for (const id of [stale, bare]) {
    const command = out.get(id)!.command as { type: string, image: string }
    t.equal(command.type, 'allow-list-full', `${id === bare ? 'no list yet' : 'base not kept'}: the full list`)
    t.same(decodeAllowList(Buffer.from(command.image, 'base64url')).entries, v2.entries)
  }
  t.equal(new Set([...out.values()].map(c => c.command.cmdId)).size, 4, 'each gate its own command id')

  const rows = await db.selectFrom('gates').select(['device_id', 'list_sent_version', 'list_cmd_id']).where('device_id', 'in', [...out.keys()]).execute()
  t.equal(rows.length, 4, 'the bare gate got its row')
  for (const row of rows) t.same({ version: row.list_sent_version, cmdId: row.list_cmd_id }, { version: v2.version, cmdId: out.get(row.device_id)!.command.cmdId })
  const statusOf = async (cmdId: string) => (await db.selectFrom('commands').select('status').where('cmd_id', '=', cmdId).executeTakeFirstOrThrow()).status
  for (const { cmd_id: cmdId, device_id: deviceId } of pendingBefore) {
    t.equal(await statusOf(cmdId), out.has(deviceId) ? 'expired' : 'pending', `${deviceId}: ${out.has(deviceId) ? 'superseded' : 'kept'}`)
  }
})

await eachStore(t, 'a gate whose list command awaits its ack gets nothing newer until it acks, or until the wait is over', async (t, { db }) => {
  const site = await aSite(db)
  const a = await aHouseholdWithCard(db, site.id)
  const b = await aHouseholdWithCard(db, site.id)
  const now = Date.now()
  const v1 = await currentAllowList(db, site.id)
  const gate = (await aGate(db, site.id)).device.id
  const first = await listCommandFor(db, gate, v1, now)
  await recordCommands(db, [{ deviceId: gate, ...first! }])
  await db.updateTable('gates').set({ list_acked_version: v1.version }).where('device_id', '=', gate).execute()
  await setCardStatus(db, a.card.uid, 'blocked')
  const v2 = await currentAllowList(db, site.id)
  const toV2 = await listCommandFor(db, gate, v2, now)
  await recordCommands(db, [{ deviceId: gate, ...toV2! }])
  await setCardStatus(db, b.card.uid, 'blocked')
  const v3 = await currentAllowList(db, site.id)

  t.equal(await listCommandFor(db, gate, v3, now + 1000), null, 'v2 is on its way: v3 waits for its ack')
  const late = await listCommandFor(db, gate, v3, now + LIST_ACK_WAIT_MS + 1)
  t.match(late?.command, { type: 'allow-list-delta', delta: { baseVersion: v1.version, version: v3.version } }, 'no ack within the wait: from the version it last acknowledged')
})
