// A replayed event (same eventId and body) changes nothing, but its commands
// may never have reached the device: the device resends an event whose PUBACK
// it missed, and the reply may have been lost with it (a dropped connection,
// an ingest worker that died between commit and reply). So a replay sends the
// event's commands again while they are pending (not acked, not expired).
import { commandMessage, pendingCommands, type OutgoingMessage } from '../devices/command-delivery.ts'
import type { Executor } from '../store/executor.ts'

export async function replayedCommands (db: Executor, deviceId: string, eventId: string, nowMs: number): Promise<OutgoingMessage[]> {
  const commands = await pendingCommands(db, deviceId, nowMs, eventId)
  return commands.map(c => commandMessage(deviceId, c))
}
