// CONNECT authentication: client id = username = device id, password = secret.
// A client id that is not the authenticated device is refused ([MQTT-3.2.2-3]
// return code 2 or 5), so nobody can take over another device's session.
import type { Client, AuthenticateError } from 'aedes'

export type DeviceVerdict = { ok: true } | { ok: false, reason: 'unknown-device' | 'bad-secret' | 'disabled' }

export type VerifyDevice = (deviceId: string, secret: string) => Promise<DeviceVerdict>

export interface AuthFailure { clientId: string, username: string | undefined, reason: string, remoteAddress: string | undefined }

const BAD_USERNAME_OR_PASSWORD = 4
const NOT_AUTHORIZED = 5
const IDENTIFIER_REJECTED = 2

function authError (returnCode: number, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError
}

export function createAuthenticate (verifyDevice: VerifyDevice, onFailure: (failure: AuthFailure) => void) {
  return function authenticate (client: Client, username: string | undefined, password: Buffer | undefined, done: (err: AuthenticateError | null, ok: boolean | null) => void): void {
    const fail = (code: number, reason: string) => {
      onFailure({ clientId: client.id, username, reason, remoteAddress: remoteAddressOf(client) })
      done(authError(code, reason), false)
    }
    if (client.id === '' || client.id == null) return fail(IDENTIFIER_REJECTED, 'empty client id')
    if (username == null || password == null) return fail(BAD_USERNAME_OR_PASSWORD, 'username and password are required')
    if (username !== client.id) return fail(IDENTIFIER_REJECTED, 'client id must equal the username (the device id)')
    verifyDevice(username, password.toString('utf8')).then(
      verdict => verdict.ok ? done(null, true) : fail(verdict.reason === 'disabled' ? NOT_AUTHORIZED : BAD_USERNAME_OR_PASSWORD, verdict.reason),
      () => fail(3, 'server unavailable') // [MQTT-3.2.2] return code 3: the store could not answer
    )
  }
}

export function remoteAddressOf (client: Client): string | undefined {
  const conn = client.conn as { remoteAddress?: string }
  return conn.remoteAddress
}
