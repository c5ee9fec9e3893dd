// The one table from (device kind, event type) to the handler that applies
// the event. Each domain owns its handlers (services/<domain>/); a new device
// kind registers its row here and the processor stays as it is. An event
// type missing from a kind's row is refused (dead letter UNKNOWN_TOPIC).
import type { z } from 'zod'
import type { eventSchemas } from '../../schemas/device-events.ts'
import type { EventType } from '../../schemas/topics.ts'
import { deviceHandlers } from '../devices/device-handlers.ts'
import { kioskHandlers } from '../kiosk/kiosk-handlers.ts'
import { gateHandlers } from '../gate/gate-handlers.ts'
import { chargingHandlers } from '../charging/charging-handlers.ts'
import type { DeviceKind } from '../store/database.ts'
import type { EventContext, HandlerResult } from './event-context.ts'

export type EventOf<T extends EventType> = z.infer<(typeof eventSchemas)[T]>
export type EventHandler<T extends EventType> = (ctx: EventContext, event: EventOf<T>) => Promise<HandlerResult>
/** One device kind's handlers, by event type. */
export type KindHandlers = { [T in EventType]?: EventHandler<T> }

const handlerTable: Record<DeviceKind, KindHandlers> = {
  kiosk: { ...deviceHandlers, ...kioskHandlers },
  gate: { ...deviceHandlers, ...gateHandlers },
  charger: { ...deviceHandlers, ...chargingHandlers }
}

export function handlerFor<T extends EventType> (kind: DeviceKind, type: T): EventHandler<T> | undefined {
  return handlerTable[kind][type] as EventHandler<T> | undefined
}
