// Presence with two backend nodes on one store, on each store: node A is a
// real process, node B runs here. A kiosk connected to A is shown online as
// A's. Node B starting (a restart, a deploy) leaves it online: it clears only
// its own devices. A kiosk connected to B is B's. Then A is killed with
// SIGKILL: no disconnect is ever written for its kiosk, and B marks it
// offline once A's last heartbeat is older than NODE_DEAD_AFTER_MS; B's kiosk
// stays online throughout.
import t from 'tap'
import { aKiosk, aSite } from '../fixtures/builders.ts'
import { connectDevice, startTestBackend } from '../helpers/backend.ts'
import { spawnBackend } from '../helpers/backend-process.ts'
import { eachSharedStore } from '../helpers/stores.ts'
import { waitUntil } from '../helpers/wait-until.ts'

const timing = { NODE_HEARTBEAT_MS: 100, NODE_DEAD_AFTER_MS: 1500 }

await eachSharedStore(t, 'each node owns its devices\' online flag; a dead node\'s devices go offline', async (t, shared) => {
  const nodeA = await spawnBackend({ ...shared, NODE_ID: 'node-a', NODE_HEARTBEAT_MS: String(timing.NODE_HEARTBEAT_MS), NODE_DEAD_AFTER_MS: String(timing.NODE_DEAD_AFTER_MS) })
  t.teardown(() => nodeA.kill())
  const nodeB = await startTestBackend(t, { ...shared, NODE_ID: 'node-b', ...timing })
  const { db } = nodeB.store
  const site = await aSite(db)
  const atA = await aKiosk(db, site.id)
  const atB = await aKiosk(db, site.id)
  const ownerOf = async (id: string) => await db.selectFrom('devices').select(['online', 'online_node']).where('id', '=', id).executeTakeFirstOrThrow()

  await connectDevice(t, nodeA.mqttUrl, atA.device.id, atA.secret)
  await waitUntil(async () => (await ownerOf(atA.device.id)).online === 1, 'the kiosk at node A shown online')
  t.match(await ownerOf(atA.device.id), { online: 1, online_node: 'node-a' })

  // another node starting clears only its own devices
  const nodeC = await startTestBackend(t, { ...shared, NODE_ID: 'node-c', ...timing })
  t.match(await ownerOf(atA.device.id), { online: 1, online_node: 'node-a' }, 'node C starting leaves node A\'s kiosk online')
  await nodeC.close()

  await connectDevice(t, nodeB.mqttUrl, atB.device.id, atB.secret)
  await waitUntil(async () => (await ownerOf(atB.device.id)).online === 1, 'the kiosk at node B shown online')
  t.match(await ownerOf(atB.device.id), { online: 1, online_node: 'node-b' })

  await nodeA.kill() // no disconnect is written for its kiosk
  await waitUntil(async () => (await ownerOf(atA.device.id)).online === 0, 'node A\'s kiosk marked offline by node B', 20_000)
  // measured from node A's last heartbeat, not from the kill: on a loaded machine A may have
  // beaten last well before it was killed, and B is right to count from that beat
  const seenAt = async () => Number((await db.selectFrom('backend_nodes').select('seen_at_ms').where('node_id', '=', 'node-a').executeTakeFirstOrThrow()).seen_at_ms)
  t.ok(Date.now() - await seenAt() > timing.NODE_DEAD_AFTER_MS, 'only once node A\'s heartbeat is old enough')
  t.match(await ownerOf(atB.device.id), { online: 1, online_node: 'node-b' }, 'node B\'s own kiosk stays online')
})
