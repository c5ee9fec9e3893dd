// Makes the key of device secret hashes available to routes as
// `app.devicePepper` (provisioning and rotation hash new secrets with it).
// The backend passes the one it loaded; without one (tests, a node serving
// only HTTP) it is read from DEVICE_SECRET_PEPPER_FILE like the broker does.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadPepper, type Pepper } from '../devices/pepper.ts'

declare module 'fastify' {
  interface FastifyInstance { devicePepper: Pepper }
}

export default fp(async (app: FastifyInstance, opts: { pepper?: Pepper | undefined, pepperFile: string }) => {
  app.decorate('devicePepper', opts.pepper ?? loadPepper(opts.pepperFile))
}, { name: 'device-pepper' })
