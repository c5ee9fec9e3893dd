// The charging contract: good payloads parse to exactly what was sent (with
// defaults), and every bad one fails with a message that names the field.
import t from 'tap'
import {
  chargingCommandSchema, chargingLimitsSchema, chargingMeterEventSchema, chargingStartedEventSchema,
  chargingStoppedEventSchema, tariffSchema
} from '../../../schemas/charging.ts'
import { t0 } from './charging-fixtures.ts'

const base = { eventId: 'p1-e1', ts: t0, sessionId: 'cs-1', port: 2, seq: 0 }
const meter = { ...base, seq: 1, energyWh: 120, powerW: 380, voltageV: 48.6, temperatureC: 31.5 }
const stopped = { ...base, seq: 2, reason: 'FULL', energyWh: 900 }
const tariff = { tariffId: 'site1-ebike', version: 3, pricing: { kind: 'per_hour', pointsPerHour: 100, billingUnit: 'minute' } }

t.test('good payloads parse as sent', async t => {
  t.same(chargingStartedEventSchema.parse(base), base)
  t.same(chargingMeterEventSchema.parse(meter), meter)
  t.same(chargingStoppedEventSchema.parse({ ...stopped, reason: 'FAULT', faultCode: 'E07', message: 'relay stuck' }),
    { ...stopped, reason: 'FAULT', faultCode: 'E07', message: 'relay stuck' })
  t.same(chargingCommandSchema.parse({ cmdId: 'c1', ts: t0, sessionId: 'cs-1', port: 2, type: 'start-charging', holdPoints: 500 }).type, 'start-charging')
  t.same(chargingCommandSchema.parse({ cmdId: 'c2', ts: t0, sessionId: 'cs-1', port: 2, type: 'stop-charging', reason: 'PILE_SILENT' }).type, 'stop-charging')
  t.same(tariffSchema.parse(tariff), { ...tariff, startFeePoints: 0, freeSessionSeconds: 0, minCostPoints: 0 }, 'defaults filled in')
  t.same(chargingLimitsSchema.parse({}), {
    maxPortPowerW: 600, maxPilePowerW: 6000, maxTemperatureC: 70, fullBelowW: 30, fullAfterMinutes: 10, maxDurationMinutes: 720, silenceTimeoutMinutes: 30
  }, 'limit defaults as issue #11 asks')
})

t.test('bad payloads fail on the named field', async t => {
  const cases: Array<[string, { safeParse: (v: unknown) => { success: boolean, error?: { issues: Array<{ path: PropertyKey[], message: string }> } } }, unknown, string, RegExp]> = [
    ['port 0', chargingStartedEventSchema, { ...base, port: 0 }, 'port', /Too small/],
    ['port 65', chargingStartedEventSchema, { ...base, port: 65 }, 'port', /Too big/],
    ['negative seq', chargingStartedEventSchema, { ...base, seq: -1 }, 'seq', /Too small/],
    ['seq past 32 bits', chargingStartedEventSchema, { ...base, seq: 2 ** 31 }, 'seq', /Too big/],
    ['fractional energy', chargingMeterEventSchema, { ...meter, energyWh: 1.5 }, 'energyWh', /expected int/],
    ['energy above 1 MWh', chargingMeterEventSchema, { ...meter, energyWh: 1_000_001 }, 'energyWh', /Too big/],
    ['negative power', chargingMeterEventSchema, { ...meter, powerW: -1 }, 'powerW', /Too small/],
    ['voltage missing', chargingMeterEventSchema, { ...meter, voltageV: undefined }, 'voltageV', /number/],
    ['temperature above 200', chargingMeterEventSchema, { ...meter, temperatureC: 250 }, 'temperatureC', /Too big/],
    ['unknown stop reason', chargingStoppedEventSchema, { ...stopped, reason: 'BORED' }, 'reason', /Invalid option/],
    ['U+0000 in a fault message', chargingStoppedEventSchema, { ...stopped, message: 'a\u0000b' }, 'message', /U\+0000/],
    ['hold of 0', chargingCommandSchema, { cmdId: 'c1', ts: t0, sessionId: 's', port: 1, type: 'start-charging', holdPoints: 0 }, 'holdPoints', /Too small/],
    ['unknown tariff kind', tariffSchema, { ...tariff, pricing: { kind: 'per_mile' } }, 'pricing', /Expected 'per_hour'/],
    ['tiers out of order', tariffSchema, { ...tariff, pricing: { kind: 'power_tier', billingUnit: 'minute', tiers: [{ upToW: 400, pointsPerHour: 80 }, { upToW: 200, pointsPerHour: 50 }] } }, 'pricing', /ascending/],
    ['min above max', tariffSchema, { ...tariff, minCostPoints: 500, maxCostPoints: 400 }, 'minCostPoints', /must not exceed/],
    ['a free tariff with a start fee', tariffSchema, { ...tariff, pricing: { kind: 'free' }, startFeePoints: 10 }, 'pricing', /free tariff/],
    ['U+0000 in a tariff name', tariffSchema, { ...tariff, name: '\u0000' }, 'name', /U\+0000/],
    ['version 0', tariffSchema, { ...tariff, version: 0 }, 'version', /Too small/]
  ]
  for (const [name, schema, value, field, message] of cases) {
    const result = schema.safeParse(value)
    t.notOk(result.success, `${name}: refused`)
    const issue = result.error?.issues[0]
    t.equal(issue?.path[0], field, `${name}: names ${field}`)
    t.match(issue?.message, message, `${name}: says why`)
  }
})
