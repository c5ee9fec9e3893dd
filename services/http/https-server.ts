// HTTPS for the staff API when certificate paths are configured. buildApp()
// never listens; this serves an app over TLS with fastify's own request
// handler (`app.routing`), so hooks, routes and errors are exactly those of
// the plain server. Call after the app is ready; close it before app.close().
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'

export interface HttpsMaterial { cert: string | Buffer, key: string | Buffer }

export interface HttpsListener {
  server: Server
  port: number
  close: () => Promise<void>
}

export async function listenHttps (app: FastifyInstance, tls: HttpsMaterial, port: number, host = '0.0.0.0'): Promise<HttpsListener> {
  await app.ready()
  const server = createServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, (req, res) => app.routing(req, res))
  // the same limits fastify sets on its own server
  server.headersTimeout = app.server.headersTimeout
  server.requestTimeout = app.server.requestTimeout
  server.keepAliveTimeout = app.initialConfig.keepAliveTimeout ?? 72_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => { server.off('error', reject); resolve() })
  })
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>(resolve => {
      server.close(() => resolve())
      server.closeIdleConnections()
    })
  }
}
