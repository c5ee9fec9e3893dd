// GET /metrics: Prometheus text for scrapers (no token, like /health; it
// names no device, card or household). Process counters come from this
// process (each node is scraped on its own); shared state from the store.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { operatorGauges } from '../../alarms/operator-gauges.ts'
import { exposition, type Family } from '../../metrics-exposition.ts'
import type { Metrics } from '../../metrics.ts'

/** What this process knows: its counters and its live connections and queues. */
export interface ProcessFigures {
  counters: Metrics
  connectedDevices: number
  ingestPending: number
  telemetryOutboxDepth?: number | undefined
}

export interface MetricsOptions { figures?: (() => ProcessFigures) | undefined }

export function processFamilies (p: ProcessFigures): Family[] {
  const c = p.counters
  const counter = (name: string, help: string, value: number): Family => ({ name, help, type: 'counter', samples: [{ value }] })
  const gauge = (name: string, help: string, value: number): Family => ({ name, help, type: 'gauge', samples: [{ value }] })
  return [
    counter('kiosk_events_accepted_total', 'Device events applied.', c.eventsAccepted),
    counter('kiosk_events_replayed_total', 'Device events recognised as replays (applied once before).', c.eventsReplayed),
    { name: 'kiosk_events_dead_lettered_total', help: 'Device events dead-lettered, by reason code.', type: 'counter', samples: Object.entries(c.deadLettered).map(([code, value]) => ({ labels: { code }, value })) },
    counter('kiosk_points_credited_total', 'Points credited for deposits.', c.pointsCredited),
    counter('kiosk_deposits_credited_total', 'Deposits credited.', c.depositsCredited),
    counter('kiosk_deposits_review_total', 'Deposits sent to staff review.', c.depositsToReview),
    counter('kiosk_commands_sent_total', 'Commands sent to devices.', c.commandsSent),
    counter('kiosk_commands_acked_total', 'Commands devices acknowledged.', c.commandsAcked),
    counter('kiosk_mqtt_auth_failures_total', 'Failed device authentications.', c.authFailures),
    gauge('kiosk_mqtt_connected_devices', 'Devices connected to this node.', p.connectedDevices),
    gauge('kiosk_ingest_pending', 'Device publishes waiting for their commit.', p.ingestPending),
    ...(p.telemetryOutboxDepth != null ? [gauge('kiosk_telemetry_outbox_depth', 'Telemetry points waiting in the outbox.', p.telemetryOutboxDepth)] : [])
  ]
}

const plugin: FastifyPluginAsyncZod<MetricsOptions> = async (app, opts) => {
  app.get('/metrics', { config: { public: true }, schema: { tags: ['health'], description: 'Prometheus text format 0.0.4.' } }, async (_request, reply) => {
    const families = [...(opts.figures != null ? processFamilies(opts.figures()) : []), ...await operatorGauges(app.db, Date.now())]
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(exposition(families))
  })
}

export default plugin
