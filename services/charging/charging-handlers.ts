// The charging pile's row of the handler table (services/ingest/handler-table.ts).
import type { KindHandlers } from '../ingest/handler-table.ts'
import { handleChargerAck, handleChargingMeter, handleChargingStarted, handleChargingStopped, handleChargingSwipe } from './charging-events.ts'

export const chargingHandlers: KindHandlers = {
  'command-ack': handleChargerAck,
  'charging-swipe': handleChargingSwipe,
  'charging-started': handleChargingStarted,
  'charging-meter': handleChargingMeter,
  'charging-stopped': handleChargingStopped
}
