// Creates a site, its kiosks (gates, charging piles with a site tariff) and
// households with cards, and returns the fleet
// description. The steps go through a small `Provisioner` port: over the
// HTTP API for the CLI, or straight into the database from a test.
import { z } from 'zod'
import type { Tariff } from '../schemas/charging.ts'
import type { FleetDescription } from './fleet-description.ts'

export interface Provisioner {
  createSite: (name: string) => Promise<{ id: string }>
  createKiosk: (siteId: string, deviceId: string) => Promise<{ deviceId: string, secret: string }>
  /** Needed only when gates are asked for. */
  createGate?: (siteId: string, deviceId: string) => Promise<{ deviceId: string, secret: string }>
  /** Needed only when piles are asked for: a charger device, and once per site the tariff that bills it. */
  createPile?: (siteId: string, deviceId: string) => Promise<{ deviceId: string, secret: string }>
  setSiteTariff?: (siteId: string) => Promise<void>
  createHousehold: (siteId: string, label: string) => Promise<{ id: string }>
  addCard: (householdId: string, uid: string) => Promise<{ uid: string }>
}

export interface ProvisionOptions {
  mqttUrl: string
  kiosks: number
  /** Access gates. Default 0. */
  gates?: number
  /** Charging piles (the site gets a per-kWh tariff). Default 0. */
  piles?: number
  residents: number
  /** Prefix of device ids and card uids; default `sim` + base-36 time, unique per run. */
  prefix?: string
  siteName?: string
  /** Requests in flight at once. Default 8. */
  concurrency?: number
}

export async function provisionFleet (provisioner: Provisioner, opts: ProvisionOptions): Promise<FleetDescription> {
  const prefix = opts.prefix ?? `sim${Date.now().toString(36)}`
  const concurrency = opts.concurrency ?? 8
  const site = await provisioner.createSite(opts.siteName ?? `Simulated compound ${prefix}`)
  const kiosks = await mapLimit(range(opts.kiosks), concurrency, i =>
    provisioner.createKiosk(site.id, `${prefix}-kiosk-${pad(i, opts.kiosks)}`))
  const createGate = provisioner.createGate
  if ((opts.gates ?? 0) > 0 && createGate == null) throw new Error('this provisioner cannot create gates')
  const gates = createGate == null ? [] : await mapLimit(range(opts.gates ?? 0), concurrency, i =>
    createGate(site.id, `${prefix}-gate-${pad(i, opts.gates ?? 0)}`))
  const piles = await provisionPiles(provisioner, site.id, prefix, opts.piles ?? 0, concurrency)
  const cards = await mapLimit(range(opts.residents), concurrency, async i => {
    const household = await provisioner.createHousehold(site.id, `${prefix} household ${pad(i, opts.residents)}`)
    return (await provisioner.addCard(household.id, `${prefix}-card-${pad(i, opts.residents)}`)).uid
  })
  return { mqttUrl: opts.mqttUrl, siteId: site.id, kiosks, gates, piles, cards }
}

async function provisionPiles (provisioner: Provisioner, siteId: string, prefix: string, count: number, concurrency: number) {
  if (count === 0) return []
  const { createPile, setSiteTariff } = provisioner
  if (createPile == null || setSiteTariff == null) throw new Error('this provisioner cannot create charging piles')
  const piles = await mapLimit(range(count), concurrency, i => createPile(siteId, `${prefix}-pile-${pad(i, count)}`))
  await setSiteTariff(siteId)
  return piles
}

export interface HttpProvisionerOptions {
  httpUrl: string
  /** Admin staff token, sent as `Authorization: Bearer …`. */
  token: string
  fetch?: typeof fetch
}

const created = {
  site: z.object({ id: z.string() }),
  device: z.object({ device: z.object({ id: z.string() }), secret: z.string() }),
  household: z.object({ id: z.string() }),
  card: z.object({ uid: z.string() }),
  tariff: z.object({ version: z.number() })
}

/** The site tariff of provisioned piles: 1 yuan per kWh, 3 yuan held at the start of a session. */
export const simulatedTariff: { tariff: Omit<Tariff, 'tariffId' | 'version'>, holdDefaultPoints: number, holdMaxPoints: number } = {
  tariff: { pricing: { kind: 'per_kwh', pointsPerKwh: 100 }, startFeePoints: 0, freeSessionSeconds: 0, minCostPoints: 0 },
  holdDefaultPoints: 300,
  holdMaxPoints: 1000
}
const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) })

export class ProvisioningError extends Error {
  constructor (readonly status: number, readonly code: string, message: string) {
    super(message)
    this.name = 'ProvisioningError'
  }
}

export function createHttpProvisioner (opts: HttpProvisionerOptions): Provisioner {
  const doFetch = opts.fetch ?? fetch
  const post = <T>(path: string, body: unknown, schema: z.ZodType<T>): Promise<T> => send('POST', path, body, schema)
  async function send<T> (method: 'POST' | 'PUT', path: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
    const url = new URL(path, opts.httpUrl)
    let res: Response
    try {
      res = await doFetch(url, {
        method,
        headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body)
      })
    } catch (err) {
      throw new ProvisioningError(0, 'UNREACHABLE', `cannot reach ${url.origin}: ${(err as Error).message}`)
    }
    const json: unknown = await res.json().catch(() => undefined)
    if (!res.ok) {
      const parsed = errorBody.safeParse(json)
      const { code, message } = parsed.success ? parsed.data.error : { code: `HTTP_${res.status}`, message: res.statusText }
      throw new ProvisioningError(res.status, code, `${method} ${url.pathname} → ${res.status} ${code}: ${message}`)
    }
    const parsed = schema.safeParse(json)
    if (!parsed.success) throw new ProvisioningError(res.status, 'UNEXPECTED_BODY', `${method} ${url.pathname}: unexpected body: ${z.prettifyError(parsed.error)}`)
    return parsed.data
  }
  const seg = encodeURIComponent
  return {
    createSite: name => post('/api/sites', { name }, created.site),
    createKiosk: async (siteId, deviceId) => {
      const res = await post(`/api/sites/${seg(siteId)}/devices`, { id: deviceId, kind: 'kiosk' }, created.device)
      return { deviceId: res.device.id, secret: res.secret }
    },
    createGate: async (siteId, deviceId) => {
      const res = await post(`/api/sites/${seg(siteId)}/devices`, { id: deviceId, kind: 'gate' }, created.device)
      return { deviceId: res.device.id, secret: res.secret }
    },
    createPile: async (siteId, deviceId) => {
      const res = await post(`/api/sites/${seg(siteId)}/devices`, { id: deviceId, kind: 'charger' }, created.device)
      return { deviceId: res.device.id, secret: res.secret }
    },
    setSiteTariff: async siteId => {
      await send('PUT', `/api/sites/${seg(siteId)}/charging-tariff`, simulatedTariff, created.tariff)
    },
    createHousehold: (siteId, label) => post(`/api/sites/${seg(siteId)}/households`, { label }, created.household),
    addCard: (householdId, uid) => post(`/api/households/${seg(householdId)}/cards`, { uid }, created.card)
  }
}

function range (n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1)
}

function pad (i: number, n: number): string {
  return String(i).padStart(Math.max(3, String(n).length), '0')
}

/** Maps with at most `limit` promises in flight; results keep the input order. */
export async function mapLimit<T, R> (items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
