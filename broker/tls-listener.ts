// MQTT over TLS (port 8883 by default), and per-device client certificates
// as an alternative to secrets. The listener terminates TLS, applies the same
// connection guards as the plain listener (connect rate per address, packet
// size before anything is buffered) and hands the stream to aedes. With a CA
// configured it asks every client for a certificate but does not require one:
// a device without a certificate authenticates with its secret as before. A
// certificate that verifies against the CA names its device in the subject CN;
// `withClientCertificates` lets that device in without a password, as long as
// the CN equals the client id and the device is active.
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { createServer, type Server, type TLSSocket } from 'node:tls'
import type { Duplex } from 'node:stream'
import type { Aedes, AuthenticateError, Client } from 'aedes'
import type { Logger } from 'pino'
import { guardPacketSize, type OversizePacket } from './guard/packet-size-guard.ts'

export interface TlsFiles {
  /** PEM server certificate (chain). */
  certPath: string
  keyPath: string
  /** PEM CA that signs device client certificates; unset = no client certificates. */
  caPath?: string | undefined
}

export interface TlsMaterial { cert: string | Buffer, key: string | Buffer, ca?: string | Buffer | undefined }

export function readTlsFiles (files: TlsFiles): TlsMaterial {
  return {
    cert: readFileSync(files.certPath),
    key: readFileSync(files.keyPath),
    ca: files.caPath != null ? readFileSync(files.caPath) : undefined
  }
}

export interface TlsListenerOptions {
  log: Logger
  /** Packet-size limit, as on the plain listener. Default 64 KiB. */
  maxPacketBytes?: number
  /** The per-address connect limit of the broker guard; false closes the new connection at once. */
  admitConnection?: (remoteAddress: string | undefined) => boolean
  onConnectRefused?: (remoteAddress: string | undefined) => void
  onOversize?: (event: OversizePacket) => void
  /** Longest TLS handshake, ms. Default 10 s. */
  handshakeTimeoutMs?: number
}

export interface TlsListener {
  server: Server
  listen: (port: number, host?: string) => Promise<number>
  close: () => Promise<void>
}

/** Device id proven by a client certificate, per connection stream aedes was given. */
const certifiedIds = new WeakMap<object, string>()

/** The device id a verified client certificate names (its CN), or undefined for a connection without one. */
export function certificateDeviceId (client: Pick<Client, 'conn'>): string | undefined {
  return certifiedIds.get(client.conn as object)
}

function verifiedCommonName (socket: TLSSocket): string | undefined {
  if (!socket.authorized) return undefined // no certificate, or one the CA did not sign: password authentication
  const cn = socket.getPeerCertificate().subject?.CN
  const name = Array.isArray(cn) ? undefined : cn // several CNs: ambiguous, not an identity
  return name != null && name.length > 0 ? name : undefined
}

export function createTlsListener (aedes: Pick<Aedes, 'handle'>, tls: TlsMaterial, options: TlsListenerOptions): TlsListener {
  const { log } = options
  const server = createServer({
    cert: tls.cert,
    key: tls.key,
    ...(tls.ca != null ? { ca: tls.ca, requestCert: true, rejectUnauthorized: false } : {}),
    minVersion: 'TLSv1.2',
    handshakeTimeout: options.handshakeTimeoutMs ?? 10_000
  }, (socket: TLSSocket) => {
    socket.setNoDelay(true)
    socket.on('error', () => { /* reported through the guard and aedes */ })
    const remoteAddress = socket.remoteAddress
    if (options.admitConnection != null && !options.admitConnection(remoteAddress)) {
      options.onConnectRefused?.(remoteAddress)
      socket.destroy()
      return
    }
    const stream: Duplex = guardPacketSize(socket, {
      maxPacketBytes: options.maxPacketBytes ?? 64 * 1024,
      onOversize: event => {
        if (options.onOversize != null) options.onOversize(event)
        else log.warn(event, 'connection closed: packet larger than the limit')
      }
    })
    const certified = tls.ca != null ? verifiedCommonName(socket) : undefined
    if (certified != null) certifiedIds.set(stream, certified)
    aedes.handle(stream as unknown as Parameters<Aedes['handle']>[0])
  })
  server.on('tlsClientError', (err, socket) => log.debug({ err: err.message, remoteAddress: socket.remoteAddress }, 'TLS handshake failed'))
  return {
    server,
    async listen (port, host = '0.0.0.0') {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, host, () => { server.off('error', reject); resolve() })
      })
      return (server.address() as AddressInfo).port
    },
    close: () => new Promise<void>(resolve => server.close(() => resolve()))
  }
}

// ---- authentication by client certificate ----------------------------------

type Authenticate = (client: Client, username: Readonly<string | undefined>, password: Readonly<Buffer | undefined>, done: (err: AuthenticateError | null, success: boolean | null) => void) => void

/** Active, disabled, or unknown (undefined): the same store read the secret check makes. */
export type DeviceStatusLookup = (deviceId: string) => Promise<'active' | 'disabled' | undefined>

export interface CertificateAuthFailure { clientId: string, certificateId: string, reason: 'certificate-mismatch' | 'unknown-device' | 'disabled' | 'store-unavailable', remoteAddress: string | undefined }

const SERVER_UNAVAILABLE = 3
const BAD_USERNAME_OR_PASSWORD = 4
const NOT_AUTHORIZED = 5

function refuse (returnCode: number, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError
}

/**
 * Wraps the broker's authenticate step: a connection with a verified client
 * certificate is decided here (CN must equal the client id, and the username
 * if one is sent; the device must be active; no password needed); every other
 * connection goes to `authenticate` (the secret check) unchanged.
 */
export function withClientCertificates (authenticate: Authenticate, deviceStatus: DeviceStatusLookup, onFailure?: (failure: CertificateAuthFailure) => void): Authenticate {
  return function authenticateWithCertificate (client, username, password, done) {
    const certificateId = certificateDeviceId(client)
    if (certificateId == null) return authenticate(client, username, password, done)
    const fail = (code: number, reason: CertificateAuthFailure['reason']) => {
      onFailure?.({ clientId: client.id, certificateId, reason, remoteAddress: (client.conn as { remoteAddress?: string }).remoteAddress })
      done(refuse(code, reason), false)
    }
    // [MQTT-3.2.2-3] a certificate for one device does not open another device's session
    if (client.id !== certificateId || (username != null && username !== certificateId)) return fail(NOT_AUTHORIZED, 'certificate-mismatch')
    deviceStatus(certificateId).then(
      status => status === 'active' ? done(null, true) : fail(status == null ? BAD_USERNAME_OR_PASSWORD : NOT_AUTHORIZED, status == null ? 'unknown-device' : 'disabled'),
      () => fail(SERVER_UNAVAILABLE, 'store-unavailable')
    )
  }
}

