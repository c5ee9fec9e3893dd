// Each backend node says it is alive: a row in `backend_nodes` with the time,
// renewed every NODE_HEARTBEAT_MS. A node that stops renewing (kill -9, power
// cut, a partition) leaves devices shown online that no node holds; a pass
// that runs once across nodes (under a lease) marks the devices of every node
// not heard of for NODE_DEAD_AFTER_MS offline. A live node never loses its
// own: it renews far more often than that.
import type { Logger } from 'pino'
import { startPeriodicJob, type PeriodicJob } from '../jobs/periodic-job.ts'
import type { Executor } from '../store/executor.ts'

/** Rows of nodes gone this long are deleted (a node id reused later simply writes a new one). */
const FORGET_NODE_MS = 7 * 86_400_000

export async function beat (db: Executor, nodeId: string, nowMs = Date.now()): Promise<void> {
  await db.insertInto('backend_nodes').values({ node_id: nodeId, seen_at_ms: nowMs })
    .onConflict(oc => oc.column('node_id').doUpdateSet({ seen_at_ms: nowMs })).execute()
}

/** Devices left online by nodes not heard of for `deadAfterMs`, marked offline; how many. */
export async function clearDeadNodes (db: Executor, deadAfterMs: number, nowMs = Date.now()): Promise<number> {
  const dead = db.selectFrom('backend_nodes').select('node_id').where('seen_at_ms', '<', nowMs - deadAfterMs)
  const cleared = await db.updateTable('devices').set({ online: 0, online_node: null })
    .where('online', '=', 1).where('online_node', 'in', dead).executeTakeFirst()
  await db.deleteFrom('backend_nodes').where('seen_at_ms', '<', nowMs - FORGET_NODE_MS).execute()
  return Number(cleared.numUpdatedRows)
}

export interface NodeHeartbeat { stop: () => Promise<void> }

export interface NodeHeartbeatOptions {
  db: Executor
  log: Logger
  nodeId: string
  everyMs: number
  deadAfterMs: number
}

/** This node's heartbeat, and the clearing of dead nodes' devices (once across nodes). */
export async function startNodeHeartbeat (options: NodeHeartbeatOptions): Promise<NodeHeartbeat> {
  const { db, log, nodeId, everyMs } = options
  await beat(db, nodeId) // before any device of this node is marked online
  let beating: Promise<unknown> | undefined
  const timer = setInterval(() => {
    if (beating != null) return
    beating = beat(db, nodeId).catch((err: unknown) => log.warn({ err }, 'node heartbeat not written; the next one tries again'))
      .finally(() => { beating = undefined })
  }, everyMs)
  timer.unref()
  const reaper: PeriodicJob = startPeriodicJob({
    db,
    name: 'dead-node-presence',
    holder: nodeId,
    everyMs,
    log,
    run: async ({ nowMs }) => {
      const cleared = await clearDeadNodes(db, options.deadAfterMs, nowMs)
      if (cleared > 0) log.warn({ devices: cleared }, 'devices of backend nodes not heard of marked offline')
    }
  })
  return {
    async stop () {
      clearInterval(timer)
      await beating
      await reaper.stop()
    }
  }
}
