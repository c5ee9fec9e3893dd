// CONNECT authentication: client id = username = device id, password = secret.
// A client id that is not the authenticated device is refused ([MQTT-3.2.2-3]
// return code 2 or 5), so nobody can take over another device's session.
// An address that failed too often lately gets in only with a secret this
// process already verified; anything else is refused with return code 3
// ("server unavailable": try again later) without checking the secret.
import type { Client, AuthenticateError } from 'aedes'

/** `pepper-mismatch`: the stored hash was made with another server pepper; the device needs a new secret. */
export type DeviceVerdict = { ok: true } | { ok: false, reason: 'unknown-device' | 'bad-secret' | 'pepper-mismatch' | 'disabled' | 'throttled' }

export interface VerifyOptions {
  /** Answer only from secrets verified before; `throttled` instead of checking the secret. */
  cachedOnly?: boolean
}

export type VerifyDevice = (deviceId: string, secret: string, options?: VerifyOptions) => Promise<DeviceVerdict>

export interface AuthFailure { clientId: string, username: string | undefined, reason: string, remoteAddress: string | undefined }

/** What authentication asks of the broker guard. */
export interface AuthGuard {
  hadEmptyClientId: (client: Client) => boolean
  authThrottled: (remoteAddress: string | undefined) => boolean
}

const IDENTIFIER_REJECTED = 2
const SERVER_UNAVAILABLE = 3
const BAD_USERNAME_OR_PASSWORD = 4
const NOT_AUTHORIZED = 5

const codeFor: Record<Exclude<DeviceVerdict, { ok: true }>['reason'], number> = {
  'unknown-device': BAD_USERNAME_OR_PASSWORD,
  'bad-secret': BAD_USERNAME_OR_PASSWORD,
  'pepper-mismatch': BAD_USERNAME_OR_PASSWORD,
  disabled: NOT_AUTHORIZED,
  throttled: SERVER_UNAVAILABLE
}

function authError (returnCode: number, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError
}

const noGuard: AuthGuard = { hadEmptyClientId: () => false, authThrottled: () => false }

export function createAuthenticate (verifyDevice: VerifyDevice, onFailure: (failure: AuthFailure) => void, guard: AuthGuard = noGuard) {
  return function authenticate (client: Client, username: string | undefined, password: Buffer | undefined, done: (err: AuthenticateError | null, ok: boolean | null) => void): void {
    const remoteAddress = remoteAddressOf(client)
    const fail = (code: number, reason: string) => {
      onFailure({ clientId: client.id, username, reason, remoteAddress })
      done(authError(code, reason), false)
    }
    // [MQTT-3.1.3-8] aedes has already replaced an empty id with a generated one
    if (client.id === '' || client.id == null || guard.hadEmptyClientId(client)) return fail(IDENTIFIER_REJECTED, 'empty client id')
    if (username == null || password == null) return fail(BAD_USERNAME_OR_PASSWORD, 'username and password are required')
    if (username !== client.id) return fail(IDENTIFIER_REJECTED, 'client id must equal the username (the device id)')
    const cachedOnly = guard.authThrottled(remoteAddress)
    verifyDevice(username, password.toString('utf8'), { cachedOnly }).then(
      verdict => verdict.ok ? done(null, true) : fail(codeFor[verdict.reason], verdict.reason),
      () => fail(SERVER_UNAVAILABLE, 'server unavailable') // [MQTT-3.2.2] return code 3: the store could not answer
    )
  }
}

export function remoteAddressOf (client: Client): string | undefined {
  const conn = client.conn as { remoteAddress?: string }
  return conn.remoteAddress
}
