// The gate's row of the handler table (services/ingest/handler-table.ts).
import type { KindHandlers } from '../ingest/handler-table.ts'
import { handleAccessRequest, handleOfflineDecision } from './gate-events.ts'

export const gateHandlers: KindHandlers = { 'access-request': handleAccessRequest, 'offline-decision': handleOfflineDecision }
