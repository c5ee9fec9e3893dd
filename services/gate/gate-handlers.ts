// The gate's row of the handler table (services/ingest/handler-table.ts):
// its own command-ack (list versions move with it) replaces the common one.
import type { KindHandlers } from '../ingest/handler-table.ts'
import { handleGateCommandAck } from './gate-acks.ts'
import { handleAccessRequest, handleOfflineDecision } from './gate-events.ts'

export const gateHandlers: KindHandlers = { 'access-request': handleAccessRequest, 'offline-decision': handleOfflineDecision, 'command-ack': handleGateCommandAck }
