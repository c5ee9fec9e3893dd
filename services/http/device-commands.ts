// Makes the broker's "send this to the device's connection" available to
// routes as `app.deviceCommands` (remote open). Without a broker (tests, a
// node without MQTT) nothing is sent: the recorded command waits for the
// device's next subscribe, or expires.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { OutgoingMessage } from '../devices/command-delivery.ts'

export interface DeviceCommandSender { send: (message: OutgoingMessage) => boolean }

declare module 'fastify' {
  interface FastifyInstance { deviceCommands: DeviceCommandSender }
}

export const noDeviceCommands: DeviceCommandSender = { send: () => false }

export default fp(async (app: FastifyInstance, opts: { deviceCommands?: DeviceCommandSender | undefined }) => {
  app.decorate('deviceCommands', opts.deviceCommands ?? noDeviceCommands)
}, { name: 'device-commands' })
