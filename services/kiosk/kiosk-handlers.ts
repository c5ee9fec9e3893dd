// The kiosk's row of the handler table (services/ingest/handler-table.ts).
import type { KindHandlers } from '../ingest/handler-table.ts'
import { handleDeposit, handleDoor, handleSwipe } from './kiosk-events.ts'

export const kioskHandlers: KindHandlers = { swipe: handleSwipe, door: handleDoor, deposit: handleDeposit }
