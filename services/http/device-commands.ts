// Makes "send this stored command to the device's live connection" available
// to routes as `app.sendToDevice` (scan-to-charge starts a pile). Without a
// broker (tests, a node without MQTT) nothing is sent now: the command stays
// pending and is delivered when the device (re)subscribes (docs/protocol.md §6).
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

export type SendToDevice = (deviceId: string, topic: string, payload: string) => boolean

declare module 'fastify' {
  interface FastifyInstance { sendToDevice: SendToDevice }
}

export default fp(async (app: FastifyInstance, opts: { sendToDevice?: SendToDevice | undefined }) => {
  app.decorate('sendToDevice', opts.sendToDevice ?? (() => false))
}, { name: 'device-commands' })
