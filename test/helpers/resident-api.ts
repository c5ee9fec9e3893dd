// Calling the HTTP API as a resident's phone and as staff, the same way
// through app.inject (unit-level) or fetch against a listening backend (end
// to end), and a resident built the way a real one is: invited at the
// counter, then activated with the code.
import type { FastifyInstance } from 'fastify'
import type { Config } from '../../services/config.ts'
import type { Store } from '../../services/store/open-database.ts'
import { harness, type Harness } from '../services/http/harness.ts'

/** An answer's body, read loosely: tests check its shape with t.match. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = Record<string, any>

export interface Answer { status: number, json: Body, headers: Record<string, string | number | string[] | undefined> }
export interface CallOptions { body?: unknown, token?: string, headers?: Record<string, string> }
export type Send = (method: string, path: string, opts?: CallOptions) => Promise<Answer>

const headersOf = (opts: CallOptions): Record<string, string> => ({
  ...(opts.token != null ? { authorization: `Bearer ${opts.token}` } : {}),
  ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
  ...opts.headers
})

/** `path` without the /api prefix. */
export function injectSend (app: FastifyInstance): Send {
  return async (method, path, opts = {}) => {
    const res = await app.inject({ method: method as 'GET', url: `/api${path}`, headers: headersOf(opts), ...(opts.body !== undefined ? { payload: JSON.stringify(opts.body) } : {}) })
    return { status: res.statusCode, json: res.body === '' ? {} : res.json() as Body, headers: res.headers }
  }
}

export function fetchSend (baseUrl: string): Send {
  return async (method, path, opts = {}) => {
    const res = await fetch(`${baseUrl}/api${path}`, { method, headers: headersOf(opts), ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}) })
    const text = await res.text()
    return { status: res.status, json: text === '' ? {} : JSON.parse(text) as Body, headers: Object.fromEntries(res.headers) }
  }
}

let phones = 0
/** A phone number no other test of this process uses. */
export const aPhone = (): string => `13${String(process.pid % 100_000).padStart(5, '0')}${String(++phones).padStart(4, '0')}`

export const PASSWORD = 'correct horse battery'

export interface TestResident { id: string, phone: string, token: string, householdId: string }

/** Invited by `staffToken` (counter of the household's site), then activated with the code. */
export async function aResident (send: Send, staffToken: string, householdId: string, phone = aPhone()): Promise<TestResident> {
  const invitation = await send('POST', `/households/${householdId}/resident-invitations`, { token: staffToken, body: { phone } })
  if (invitation.status !== 201) throw new Error(`invitation refused: ${JSON.stringify(invitation.json)}`)
  const activated = await send('POST', '/resident/activation', { body: { phone, code: invitation.json.code, password: PASSWORD } })
  if (activated.status !== 201) throw new Error(`activation refused: ${JSON.stringify(activated.json)}`)
  return { id: activated.json.resident.id, phone, token: activated.json.token, householdId }
}

/**
 * One app per store connection (eachStoreConnections), each listening on its own port: requests
 * sent to both at once run in two transactions of their own, truly overlapping.
 */
export interface AppOn { h: Harness, send: Send }

export async function appsOnConnections (t: { teardown: (fn: () => unknown) => void }, stores: Store[], config: Partial<Config> = {}): Promise<AppOn[]> {
  const apps: AppOn[] = []
  for (const store of stores) {
    const h = await harness(t, { store, config })
    apps.push({ h, send: fetchSend(await h.app.listen({ port: 0, host: '127.0.0.1' })) })
  }
  return apps
}
