// Makes the broker's "close this device's connection" available to routes as
// `app.deviceSessions`. Without a broker (tests, a node without MQTT) it does
// nothing; the credential sweep of the broker's process closes such
// connections within its interval.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { noDeviceSessions, type DeviceSessions } from '../devices/credentials.ts'

declare module 'fastify' {
  interface FastifyInstance { deviceSessions: DeviceSessions }
}

export default fp(async (app: FastifyInstance, opts: { deviceSessions?: DeviceSessions | undefined }) => {
  app.decorate('deviceSessions', opts.deviceSessions ?? noDeviceSessions)
}, { name: 'device-sessions' })
