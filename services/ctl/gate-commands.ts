// Operator commands for gates: a gate's directions, anti-passback zone and
// release time, and the zones themselves. Input is checked against the HTTP
// API's schemas (schemas/http-gates.ts), so both refuse the same settings.
// The CLI writes the store only: the settings go with a gate-config command
// marked for relay, which the backend holding the gate's connection sends
// within COMMAND_RELAY_MS; a gate connected nowhere gets them at its next
// connect (gate-connect.ts records them on every connect).
import { gateSettingsBodySchema, zoneBodySchema } from '../../schemas/http-gates.ts'
import { markForRelay } from '../devices/command-relay.ts'
import { getDevice } from '../devices/device-registry.ts'
import { recordGateConfig } from '../gate/gate-connect.ts'
import { DomainError } from '../errors.ts'
import { configureGate, createZone, findGate, parseDirections, DEFAULT_RELEASE_MS } from '../gate/gate-repository.ts'
import { getSite } from '../sites/site-registry.ts'
import { inTransaction } from '../store/executor.ts'
import { opt, optInt, str, table, validated, type Command } from './command-kit.ts'

export const gateCommands: Record<string, Command> = {
  'gate set': {
    summary: 'set a gate\'s directions, zone and release time (options left out keep their value); a gate connected to a running backend gets them within a second, any other when it next connects',
    options: {
      id: { required: true, description: 'gate device id' },
      directions: { description: 'in | out | in,out' },
      zone: { description: 'anti-passback zone id, or "none"' },
      'release-ms': { description: 'how long an open releases the lock, 500 … 60000 ms' }
    },
    run: async (db, v) => {
      const deviceId = str(v, 'id')
      const device = await getDevice(db, deviceId)
      if (device.kind !== 'gate') throw new DomainError('VALIDATION_FAILED', `device ${deviceId} is a ${device.kind}, not a gate`)
      const current = await findGate(db, deviceId)
      const zone = opt(v, 'zone')
      const settings = validated(gateSettingsBodySchema, {
        directions: opt(v, 'directions')?.split(',') ?? (current == null ? ['in', 'out'] : parseDirections(current.directions)),
        zoneId: zone == null ? current?.zone_id ?? null : zone === 'none' ? null : zone,
        releaseMs: optInt(v, 'release-ms') ?? current?.release_ms ?? DEFAULT_RELEASE_MS
      })
      await inTransaction(db, async trx => {
        await configureGate(trx, { deviceId, ...settings })
        // the backend holding the gate's connection sends it (services/devices/command-relay.ts)
        await markForRelay(trx, deviceId, await recordGateConfig(trx, deviceId, Date.now()))
      })
      const saved = await findGate(db, deviceId)
      const data = { deviceId, directions: parseDirections(saved?.directions ?? ''), zoneId: saved?.zone_id ?? null, releaseMs: saved?.release_ms ?? 0 }
      return { data, text: `gate ${deviceId}: directions ${data.directions.join(',')}, zone ${data.zoneId ?? '(none)'}, release ${data.releaseMs} ms\nsent to the gate (at once if it is connected to a running backend, else when it next connects)` }
    }
  },
  'gate zone add': {
    summary: 'create an anti-passback zone at a site (then: gate set --zone)',
    options: {
      site: { required: true, description: 'site id' },
      id: { required: true, description: 'zone id' },
      'anti-passback': { description: 'off | soft (let through, flag) | hard (deny); default hard' },
      'reset-after-ms': { description: 'forget the last passage after this long (default: never)' }
    },
    run: async (db, v) => {
      const siteId = str(v, 'site')
      const zone = validated(zoneBodySchema, { id: str(v, 'id'), antiPassback: opt(v, 'anti-passback') ?? 'hard', resetAfterMs: optInt(v, 'reset-after-ms') ?? null })
      await getSite(db, siteId)
      if (await db.selectFrom('gate_zones').select('id').where('id', '=', zone.id).executeTakeFirst() != null) throw new DomainError('CONFLICT', `zone ${zone.id} already exists`)
      await createZone(db, { ...zone, siteId })
      return { data: { ...zone, siteId }, text: `zone ${zone.id} at ${siteId}: anti-passback ${zone.antiPassback}, reset ${zone.resetAfterMs == null ? 'never' : `after ${zone.resetAfterMs} ms`}` }
    }
  },
  'gate zone list': {
    readOnly: true,
    summary: 'list the anti-passback zones of a site',
    options: { site: { required: true, description: 'site id' } },
    run: async (db, v) => {
      const rows = await db.selectFrom('gate_zones').selectAll().where('site_id', '=', str(v, 'site')).orderBy('id').execute()
      const zones = rows.map(z => ({ id: z.id, siteId: z.site_id, antiPassback: z.anti_passback, resetAfterMs: z.reset_after_ms }))
      return { data: zones, text: table(zones.map(z => ({ id: z.id, anti_passback: z.antiPassback, reset_after_ms: z.resetAfterMs ?? 'never' })), ['id', 'anti_passback', 'reset_after_ms']) }
    }
  }
}
