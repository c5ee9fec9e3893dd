// Network listeners for the broker: MQTT over TCP and over WebSocket. Every
// connection passes the per-IP connect limit and the packet-size guard before
// aedes sees a byte.
import { createServer as createHttpServer } from 'node:http'
import { createServer, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, createWebSocketStream } from 'ws'
import type { Aedes } from 'aedes'
import type { Logger } from 'pino'
import { guardPacketSize } from './guard/packet-size-guard.ts'
import type { IpLimits } from './guard/ip-limits.ts'
import type { BrokerLimits, GuardCounters } from './guard/limits.ts'

export interface ListenerContext {
  aedes: Aedes
  log: Logger
  limits: BrokerLimits
  counters: GuardCounters
  ipLimits: IpLimits
}

/** Admits (or refuses) one new connection and hands the guarded stream to aedes. */
function accept (ctx: ListenerContext, stream: Duplex & { remoteAddress?: string | undefined }, req?: Parameters<Aedes['handle']>[1]): void {
  const remoteAddress = stream.remoteAddress
  if (!ctx.ipLimits.admitConnection(remoteAddress)) {
    // refused before CONNACK: costs no parser, timer or CONNECT wait; the device backs off and retries
    ctx.counters.connectsRefused++
    ctx.log.debug({ remoteAddress }, 'connection refused: connect rate per address exceeded')
    stream.destroy()
    return
  }
  const guarded = guardPacketSize(stream, {
    maxPacketBytes: ctx.limits.maxPacketBytes,
    onOversize: event => {
      ctx.counters.oversizePackets++
      ctx.log.warn(event, 'connection closed: packet larger than the limit')
    }
  })
  ctx.aedes.handle(guarded as unknown as Parameters<Aedes['handle']>[0], req)
}

async function listenOn (server: Server | ReturnType<typeof createHttpServer>, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  return (server.address() as AddressInfo).port
}

export function createTcpListener (ctx: ListenerContext): { server: Server, listen: (port: number, host: string) => Promise<number> } {
  const server = createServer((socket: Socket) => {
    socket.setNoDelay(true) // replies must not wait behind Nagle for unacknowledged PUBACKs
    socket.on('error', () => { /* reported through the guard and aedes */ })
    accept(ctx, socket)
  })
  return { server, listen: (port, host) => listenOn(server, port, host) }
}

export function createWebSocketListener (ctx: ListenerContext): { server: Server, listen: (port: number, host: string) => Promise<number> } {
  const server = createHttpServer((_req, res) => { res.writeHead(426).end('MQTT over WebSocket only\n') })
  const wss = new WebSocketServer({
    server,
    maxPayload: ctx.limits.maxPacketBytes, // one frame never exceeds one packet's limit
    handleProtocols: protocols => protocols.has('mqtt') ? 'mqtt' : false
  })
  wss.on('connection', (ws, req) => {
    const socket = req.socket as Socket
    socket.setNoDelay(true)
    const stream = Object.assign(createWebSocketStream(ws), { remoteAddress: socket.remoteAddress })
    stream.on('error', () => { /* reported through the guard and aedes */ })
    accept(ctx, stream, req)
  })
  return { server: server as unknown as Server, listen: (port, host) => listenOn(server, port, host) }
}
