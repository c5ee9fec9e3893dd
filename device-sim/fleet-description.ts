// What a fleet run needs: where the broker is, the site, its kiosks (and gates
// and charging piles) with their secrets and the residents' cards. Written by provisioning (or the demo) to a
// JSON file so later runs can reuse it.
import { readFileSync, writeFileSync } from 'node:fs'
import { z } from 'zod'
import { cardUidSchema, idSchema } from '../schemas/common.ts'
import { deviceIdSchema } from '../schemas/topics.ts'

export const kioskCredentialsSchema = z.object({ deviceId: deviceIdSchema, secret: z.string().min(1) })
export type KioskCredentials = z.infer<typeof kioskCredentialsSchema>

export const fleetDescriptionSchema = z.object({
  mqttUrl: z.string().min(1),
  siteId: idSchema,
  kiosks: z.array(kioskCredentialsSchema).min(1),
  /** Access gates of the site (same credentials shape); none in fleet files written before gates. */
  gates: z.array(kioskCredentialsSchema).default([]),
  /** Charging piles of the site (same credentials shape); none in fleet files written before piles. */
  piles: z.array(kioskCredentialsSchema).default([]),
  cards: z.array(cardUidSchema).min(1)
})
export type FleetDescription = z.input<typeof fleetDescriptionSchema>

export function readFleetFile (path: string): FleetDescription {
  const parsed = fleetDescriptionSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')))
  if (!parsed.success) throw new Error(`${path} is not a fleet description:\n${z.prettifyError(parsed.error)}`)
  return parsed.data
}

export function writeFleetFile (path: string, fleet: FleetDescription): void {
  writeFileSync(path, `${JSON.stringify(fleetDescriptionSchema.parse(fleet), null, 2)}\n`, { mode: 0o600 })
}
