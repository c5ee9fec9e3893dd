// Follows GET /api/events for one site: calls back with every alarm change.
// EventSource sends the same-origin session cookie; when the session ends the
// stream fails with 401 and closes, and `onClosed` lets the page make a call
// whose 401 sends it to sign-in. EventSource reconnects by itself with
// Last-Event-ID after a network blip, so no change is missed.
import type { LiveAlarmEvent } from './api/types.ts'

export interface LiveAlarms { close: () => void }

export function followAlarms (siteId: string, handlers: { onAlarm: (e: LiveAlarmEvent) => void, onOpen: () => void, onClosed: () => void }): LiveAlarms {
  const events = new EventSource(`/api/events?siteId=${encodeURIComponent(siteId)}`)
  events.onopen = handlers.onOpen
  events.addEventListener('alarm', e => { handlers.onAlarm(JSON.parse((e as MessageEvent<string>).data) as LiveAlarmEvent) })
  events.onerror = () => {
    if (events.readyState === EventSource.CLOSED) handlers.onClosed()
  }
  return { close: () => { events.close() } }
}
