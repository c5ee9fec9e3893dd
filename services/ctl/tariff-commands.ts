// Operator commands for charging tariffs: a new version for a site or one
// pile, and the versions so far. The options add up to the HTTP API's body
// (schemas/http-charging.ts) and are checked against it, so both refuse the
// same tariff. What the options leave out (the hold, the limits) carries over
// from the newest version of that scope (for a pile's first, the site's);
// the site's first version needs --hold.
// Per-hour and per-kWh pricing here; power tiers and free charging over HTTP.
import { chargingLimitsSchema, tariffSchema, type Tariff } from '../../schemas/charging.ts'
import { setTariffBodySchema } from '../../schemas/http-charging.ts'
import { tariffVersions, addTariffVersion, type TariffInForce } from '../charging/tariff-repository.ts'
import { getDevice } from '../devices/device-registry.ts'
import { DomainError } from '../errors.ts'
import { tariffVersionView } from '../http/charging-views.ts'
import { getSite } from '../sites/site-registry.ts'
import type { Executor } from '../store/executor.ts'
import { opt, optInt, str, table, validated, type Command, type Values } from './command-kit.ts'

/** The pile must be a charger of the site: a tariff of another site's pile would never apply. */
async function scopeOf (db: Executor, v: Values): Promise<{ siteId: string, deviceId: string | null }> {
  const siteId = str(v, 'site')
  await getSite(db, siteId)
  const pile = opt(v, 'pile')
  if (pile == null) return { siteId, deviceId: null }
  const device = await getDevice(db, pile)
  if (device.kind !== 'charger') throw new DomainError('DEVICE_NOT_CHARGER', `device ${pile} is a ${device.kind}`)
  if (device.site_id !== siteId) throw new DomainError('DEVICE_UNKNOWN', `pile ${pile} is not at site ${siteId}`)
  return { siteId, deviceId: device.id }
}

function pricingOf (v: Values): Tariff['pricing'] {
  const perHour = optInt(v, 'per-hour')
  const perKwh = optInt(v, 'per-kwh')
  if ((perHour == null) === (perKwh == null)) throw new DomainError('VALIDATION_FAILED', 'give exactly one of --per-hour and --per-kwh')
  if (perKwh != null && opt(v, 'billing-unit') != null) throw new DomainError('VALIDATION_FAILED', '--billing-unit goes with --per-hour (per kWh bills the metered energy)')
  return perHour != null
    ? { kind: 'per_hour', pointsPerHour: perHour, billingUnit: (opt(v, 'billing-unit') ?? 'minute') as 'minute' }
    : { kind: 'per_kwh', pointsPerKwh: perKwh ?? 0 }
}

function describe (t: TariffInForce): string {
  const p = t.tariff.pricing
  const price = p.kind === 'per_hour' ? `${p.pointsPerHour} points/hour (per ${p.billingUnit.replace('_', ' ')})` : p.kind === 'per_kwh' ? `${p.pointsPerKwh} points/kWh` : p.kind
  return `${price}, start fee ${t.tariff.startFeePoints}, min ${t.tariff.minCostPoints}${t.tariff.maxCostPoints == null ? '' : `, max ${t.tariff.maxCostPoints}`}, free first ${t.tariff.freeSessionSeconds} s; hold ${t.row.hold_default_points} (max ${t.row.hold_max_points})`
}

export const tariffCommands: Record<string, Command> = {
  'tariff set': {
    summary: 'add a charging tariff version for a site, or for one pile (which then ignores the site\'s); running sessions keep theirs',
    options: {
      site: { required: true, description: 'site id' },
      pile: { description: 'charger device id (default: the whole site)' },
      'per-hour': { description: 'points per hour (100 points = 1 yuan)' },
      'billing-unit': { description: 'with --per-hour: minute | half_hour (default minute)' },
      'per-kwh': { description: 'points per kWh' },
      'start-fee': { description: 'points per session (default 0)' },
      'min-cost': { description: 'least a session costs (default 0)' },
      'max-cost': { description: 'most a session costs (default: no cap)' },
      'free-seconds': { description: 'a session this short costs nothing (default 0)' },
      hold: { description: 'points held at start (default: the version in force; required for the first)' },
      'hold-max': { description: 'most a resident may ask to hold (default: the version in force, else --hold)' }
    },
    run: async (db, v) => {
      const scope = await scopeOf(db, v)
      // a pile's first version starts from the site's
      const previous = (await tariffVersions(db, scope.siteId, scope.deviceId))[0] ??
        (scope.deviceId == null ? undefined : (await tariffVersions(db, scope.siteId, null))[0])
      const hold = optInt(v, 'hold') ?? previous?.row.hold_default_points
      if (hold == null) throw new DomainError('VALIDATION_FAILED', `no tariff yet for ${scope.deviceId ?? scope.siteId}: give --hold (points held when a session starts)`)
      const maxCost = optInt(v, 'max-cost')
      const body = validated(setTariffBodySchema, {
        tariff: {
          pricing: pricingOf(v),
          startFeePoints: optInt(v, 'start-fee') ?? 0,
          minCostPoints: optInt(v, 'min-cost') ?? 0,
          ...(maxCost != null ? { maxCostPoints: maxCost } : {}),
          freeSessionSeconds: optInt(v, 'free-seconds') ?? 0
        },
        limits: previous?.limits ?? chargingLimitsSchema.parse({}),
        holdDefaultPoints: hold,
        holdMaxPoints: optInt(v, 'hold-max') ?? Math.max(hold, previous?.row.hold_max_points ?? hold)
      })
      // the body schema omits the tariff's cross-field rules (min ≤ max cost, a free tariff has no fees); the store checks them
      validated(tariffSchema, { ...body.tariff, tariffId: scope.deviceId ?? scope.siteId, version: 1 })
      if (body.holdDefaultPoints > body.holdMaxPoints) throw new DomainError('VALIDATION_FAILED', '--hold must not exceed --hold-max')
      const version = await addTariffVersion(db, { ...scope, ...body, createdBy: 'ctl', nowMs: Date.now() })
      return { data: tariffVersionView(version), text: `tariff version ${version.row.version} for ${scope.deviceId ?? `site ${scope.siteId}`}: ${describe(version)}` }
    }
  },
  'tariff list': {
    readOnly: true,
    summary: 'the tariff versions of a site, or of one pile, newest first',
    options: { site: { required: true, description: 'site id' }, pile: { description: 'charger device id' } },
    run: async (db, v) => {
      const scope = await scopeOf(db, v)
      const versions = await tariffVersions(db, scope.siteId, scope.deviceId)
      return {
        data: versions.map(tariffVersionView),
        text: table(versions.map(t => ({ version: t.row.version, created: new Date(t.row.created_at_ms).toISOString(), by: t.row.created_by, tariff: describe(t) })), ['version', 'created', 'by', 'tariff'])
      }
    }
  }
}
