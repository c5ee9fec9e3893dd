// `npm run bench [-- --quick]`: our figures beside bare Aedes and Mosquitto,
// measured in the same run, several rounds, median and range. Servers and
// load generators each run in their own process on loopback; every load is
// bounded in time and count. Exit code: 0 when the harness worked (missed
// targets are reported, not failures), 1 when a measurement broke.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { coldStart, type ColdStart } from './figures/coldstart.ts'
import { telemetrySkipReason, telemetryThroughput, type TelemetryThroughput } from './figures/telemetry.ts'
import { aedesForwarding, mosquittoForwarding, ourDeposits, ourDepositsPostgres, type Throughput } from './figures/deposits.ts'
import { aedesIdle, ourIdle, type Idle } from './figures/idle.ts'
import { aedesRoundTrip, ourSwipes, type Latency } from './figures/latency.ts'
import { aedesStorm, ourStorm, type Storm } from './figures/reconnect.ts'
import { secretCheckCost, type SecretCheckCost } from './figures/secret-check.ts'
import { ourOverload, type Overload } from './figures/overload.ts'
import { ourMixed, type Mixed } from './figures/mixed.ts'
import { ourGateSwipes, ourGateSync, type CardBlocked, type GateSync } from './figures/gates.ts'
import { gateRows } from './lib/gate-rows.ts'
import { ourCharging, type Charging } from './figures/charging.ts'
import { chargingRows } from './lib/charging-rows.ts'
import { reportTiming, type ReportTiming } from './figures/reports.ts'
import { reportRows } from './lib/report-rows.ts'
import { webPages, webSkipReason, type WebPages } from './figures/web-pages.ts'
import { webRows } from './lib/web-rows.ts'
import { parseArgs, paramsFor, type RunContext } from './lib/context.ts'
import { machine } from './lib/machine.ts'
import { hardFileLimit } from './lib/proc.ts'
import { printTable, updateDocs, writeJson, type Results } from './lib/report.ts'
import { buildRows } from './lib/rows.ts'
import { overloadRows } from './lib/overload-rows.ts'
import { mosquittoVersion } from './servers/mosquitto.ts'
import { provisionChargingSite, provisionFleet, provisionGateSite } from './setup/provision.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const args = parseArgs(process.argv.slice(2))
const rounds = args.rounds ?? (args.quick ? 1 : 3)
const wallStarted = Date.now()
// full: three rounds of every figure, gates and charging included, take ~20 min on 2 quiet cores;
// quick: one short round of each, ~100 s with the web pages in Chromium
const budgetMs = args.quick ? 180_000 : 30 * 60_000
setTimeout(() => { console.error(`bench: over the ${budgetMs / 1000} s budget, giving up`); process.exit(2) }, budgetMs)

const fileLimit = hardFileLimit()
const params = paramsFor(args.quick, fileLimit)
const tmp = mkdtempSync(join(tmpdir(), 'bench-'))
const profileDir = args.profile ? mkdtempSync(join(tmpdir(), 'bench-profiles-')) : null
const fleetSize = Math.max(params.deposits.kiosks, params.latency.kiosks, params.idle.devices, params.reconnect.devices)
const fleet = { prefix: 'bk', cardPrefix: 'BCARD', secretSeed: randomBytes(18).toString('base64url'), count: fleetSize }
const template = join(tmp, 'template.db')
const pepperFile = join(tmp, 'device-secret-pepper')

console.log(`bench: ${args.quick ? 'quick' : 'full'} mode, ${rounds} round(s), file limit ${fileLimit}; provisioning ${fleetSize} kiosks…`)
const provisioned = await provisionFleet(template, pepperFile, fleet)
console.log(`bench: provisioned in ${provisioned.ms} ms`)
const gateFleet = { prefix: 'bg', cardPrefix: 'GCARD', secretSeed: fleet.secretSeed, count: params.gates.syncGates, cards: 2 * params.gates.households }
const want = (name: string) => args.only == null || args.only.has(name)
if (want('gates')) {
  const gatesProvisioned = await provisionGateSite(template, pepperFile, gateFleet, params.gates.households)
  console.log(`bench: gate site (${gateFleet.count} gates, ${gateFleet.cards} cards) provisioned in ${gatesProvisioned.ms} ms`)
}

const pileFleet = { prefix: 'bp', cardPrefix: 'PCARD', secretSeed: fleet.secretSeed, count: params.charging.piles }
if (want('charging')) {
  const pilesProvisioned = await provisionChargingSite(template, pepperFile, pileFleet)
  console.log(`bench: charging site (${pileFleet.count} piles and households) provisioned in ${pilesProvisioned.ms} ms`)
}

const ctx: RunContext = { quick: args.quick, rounds, only: args.only, tmp, fileLimit, profileDir, params, fleet, gateFleet, pileFleet, template, pepperFile }
const errors: string[] = []

async function attempt<T> (label: string, fn: () => Promise<T>, show: (r: T) => string): Promise<T | null> {
  const t0 = Date.now()
  try {
    const r = await fn()
    console.log(`  ${label.padEnd(34)} ${show(r)}  [${((Date.now() - t0) / 1000).toFixed(1)} s]`)
    return r
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    errors.push(`${label}: ${message}`)
    console.error(`  ${label.padEnd(34)} FAILED: ${message}`)
    return null
  }
}

const tput = (r: Throughput) => `${Math.round(r.perS)}/s, ${r.cpuUsPer.toFixed(1)} µs server CPU each`
const lat = (r: Latency) => `p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, max ${r.max.toFixed(1)} ms (n ${r.n}, of which unanswered ${r.lost}: counted as waited so far)`
const idl = (r: Idle) => `${(r.bytesPerConnection / 1024).toFixed(1)} KiB per connection × ${r.connected} (connected in ${(r.connectMs / 1000).toFixed(1)} s)`
const tele = (r: TelemetryThroughput) => `${Math.round(r.pointsPerSecond)} points/s shipped and confirmed (${Math.round(r.endToEndPerSecond)}/s appended + shipped), ${r.points} points`
const storm = (r: Storm) => `${r.connected} connected in ${(r.ms / 1000).toFixed(2)} s, server CPU ${(r.serverCpuMs / 1000).toFixed(1)} s${r.failed > 0 ? `, ${r.failed} failed (${r.lastError ?? ''})` : ''}`
const over = (r: Overload) => `capacity ${Math.round(r.capacityPerS)}/s, acked ${Math.round(r.ackedDuringPerS)}/s while offered ${Math.round(r.offeredPerS)}/s, RSS +${(r.rssGrowthBytes / 1048576).toFixed(0)} MiB (+${(r.rssGrowthSecondHalfBytes / 1048576).toFixed(0)} in the 2nd half), PUBACK p99 ${r.during.p99.toFixed(0)} ms during / ${r.after.p99.toFixed(0)} ms after (deferred ${r.deferred}, unacked ${r.unacked})`
const mix = (r: Mixed) => `${Math.round(r.visitsPerS)} visits/s (p99 ${r.visitP99Ms.toFixed(0)} ms) beside ${r.http.requests} redemptions (p50 ${r.http.p50Ms.toFixed(1)} / p99 ${r.http.p99Ms.toFixed(1)} ms): ${r.http.server5xx} HTTP 5xx, ${r.http.client4xx} 4xx, ${r.http.failed} failed${r.http.firstServerErrors.length > 0 ? ` (${r.http.firstServerErrors.join('; ')})` : ''}`
const rep = (r: ReportTiming) => `${r.deposits} deposits seeded in ${(r.seedMs / 1000).toFixed(1)} s; cold p50 ${r.coldMs.median.toFixed(1)} ms, rolled up p50 ${r.rolledUpMs.median.toFixed(1)} ms`
const gsync = (r: { sync: GateSync, blocked: CardBlocked }) => `${r.sync.synced}/${r.sync.gates} gates synced in ${(r.sync.ms / 1000).toFixed(2)} s, ${(r.sync.bytesPerGate / 1024).toFixed(1)} KiB each (server CPU ${(r.sync.serverCpuMs / 1000).toFixed(1)} s); block → delta p50 ${r.blocked.p50.toFixed(0)} / p99 ${r.blocked.p99.toFixed(0)} / max ${r.blocked.max.toFixed(0)} ms over ${r.blocked.n} (missing ${r.blocked.missing})`
const chg = (r: Charging) => `${r.sessions} sessions beside ${r.kioskVisitsPerS.toFixed(1)} kiosk visits/s: CPU per meter event ${r.cpuUsPerMeter30s.toFixed(0)} µs every 30 s (${r.meters30s}), ${r.cpuUsPerMeter1s.toFixed(0)} µs every 1 s (${r.meters1s}); stop → settled p50 ${r.stop.p50.toFixed(1)} / p99 ${r.stop.p99.toFixed(1)} ms (${r.stop.acked}/${r.stop.stops}, ${r.settled} settled in the store)`
const web = (r: WebPages) => `first page (${r.firstPage.devices} devices) p50 ${r.firstPage.ms.median.toFixed(0)} ms (${r.firstPage.ms.min.toFixed(0)}–${r.firstPage.ms.max.toFixed(0)}); grid of ${r.grid.devices} shown in ${r.grid.renderMs.toFixed(0)} ms, filter change p50 ${r.grid.filterMs.median.toFixed(0)} ms, worst ${r.grid.filterMs.max.toFixed(0)} ms`
const cold = (r: ColdStart) => `${Math.round(r.toListeningMs)} ms to listening (readyInMs ${r.readyInMs})`

const figures = {
  aedesForwarding: [] as Array<Throughput | null>,
  mosquittoForwarding: [] as Array<Throughput | null>,
  ourDeposits: [] as Array<Throughput | null>,
  ourDepositsPostgres: [] as Array<Throughput | null>,
  aedesRoundTrip: [] as Array<Latency | null>,
  ourSwipes: [] as Array<Latency | null>,
  aedesIdle: [] as Array<Idle | null>,
  ourIdle: [] as Array<Idle | null>,
  aedesStorm: [] as Array<Storm | null>,
  ourStorm: [] as Array<Storm | null>,
  secretCheck: [] as Array<SecretCheckCost | null>,
  coldStart: [] as Array<ColdStart | null>,
  telemetry: [] as Array<TelemetryThroughput | null>,
  overload: [] as Array<Overload | null>,
  mixed: [] as Array<Mixed | null>,
  gateRoundTrip: [] as Array<Latency | null>,
  gateSwipes: [] as Array<(Latency & { denied: number }) | null>,
  gateSync: [] as Array<{ sync: GateSync, blocked: CardBlocked } | null>,
  chargingForwarding: [] as Array<Throughput | null>,
  charging: [] as Array<Charging | null>,
  reports: [] as Array<ReportTiming | null>,
  web: [] as Array<WebPages | null>,
  webSkipped: webSkipReason(),
  telemetrySkipped: telemetrySkipReason(),
  mosquitto: mosquittoVersion() == null ? 'skipped: /usr/sbin/mosquitto not found' : 'measured'
}

for (let round = 1; round <= rounds; round++) {
  console.log(`round ${round}/${rounds}`)
  if (want('deposits')) {
    figures.aedesForwarding.push(await attempt('bare Aedes QoS 1 forwarding', () => aedesForwarding(ctx), tput))
    if (mosquittoVersion() != null) figures.mosquittoForwarding.push(await attempt('Mosquitto QoS 1 forwarding', () => mosquittoForwarding(ctx), tput))
    else if (round === 1) console.log('  Mosquitto QoS 1 forwarding         skipped: /usr/sbin/mosquitto not found')
    figures.ourDeposits.push(await attempt('ours: deposit visits', () => ourDeposits(ctx, round), tput))
    figures.ourDepositsPostgres.push(await attempt('ours: deposit visits, PostgreSQL', () => ourDepositsPostgres(ctx), tput))
  }
  if (want('latency')) {
    figures.aedesRoundTrip.push(await attempt(`bare Aedes QoS 1 RTT @${params.latency.ratePerS}/s`, () => aedesRoundTrip(ctx), lat))
    figures.ourSwipes.push(await attempt(`ours: swipe → open @${params.latency.ratePerS}/s`, () => ourSwipes(ctx), lat))
  }
  if (want('idle')) {
    figures.aedesIdle.push(await attempt('bare Aedes idle connections', () => aedesIdle(ctx), idl))
    figures.ourIdle.push(await attempt('ours: connected devices', () => ourIdle(ctx), idl))
  }
  if (want('reconnect')) {
    figures.aedesStorm.push(await attempt(`bare Aedes storm of ${params.reconnect.devices}`, () => aedesStorm(ctx), storm))
    figures.ourStorm.push(await attempt(`ours: reconnect storm of ${params.reconnect.devices}`, () => ourStorm(ctx), storm))
    figures.secretCheck.push(await attempt('ours: one secret check', () => secretCheckCost(ctx), r => `HMAC ${r.hmacUs.toFixed(1)} µs, scrypt ${r.scryptMs.toFixed(1)} ms of CPU`))
  }
  if (want('coldstart')) figures.coldStart.push(await attempt('ours: cold start', () => coldStart(ctx), cold))
  if (want('telemetry')) {
    if (figures.telemetrySkipped === false) figures.telemetry.push(await attempt('ours: telemetry via outbox', () => telemetryThroughput(ctx, args.quick ? 5_000 : 100_000), tele))
    else if (round === 1) console.log(`  telemetry via outbox               skipped: ${figures.telemetrySkipped}`)
  }
  if (want('overload')) figures.overload.push(await attempt('ours: overload at 3× capacity', () => ourOverload(ctx), over))
  if (want('mixed')) figures.mixed.push(await attempt('ours: kiosks + 20 HTTP redeemers', () => ourMixed(ctx), mix))
  if (want('gates')) {
    figures.gateRoundTrip.push(await attempt(`bare Aedes QoS 1 RTT @${params.gates.ratePerS}/s`, () => aedesRoundTrip(ctx, params.gates), lat))
    figures.gateSwipes.push(await attempt(`ours: gate request → open @${params.gates.ratePerS}/s`, () => ourGateSwipes(ctx), lat))
    figures.gateSync.push(await attempt(`ours: ${params.gates.syncGates} gates sync, cards blocked`, () => ourGateSync(ctx), gsync))
  }
  if (want('charging')) {
    figures.chargingForwarding.push(await attempt('bare Aedes QoS 1 forwarding', () => aedesForwarding(ctx), tput))
    figures.charging.push(await attempt(`ours: ${params.charging.piles} piles metering + kiosks`, () => ourCharging(ctx), chg))
  }
  if (want('reports')) figures.reports.push(await attempt('ours: month report, 3,000 households', () => reportTiming(ctx, args.quick ? 3 : 7), rep))
  if (want('web')) {
    if (figures.webSkipped == null) figures.web.push(await attempt('ours: staff pages in Chromium', () => webPages(ctx, args.quick ? 2 : 5), web))
    else if (round === 1) console.log(`  staff pages in Chromium            skipped: ${figures.webSkipped}`)
  }
}

const results: Results = {
  mode: args.quick ? 'quick' : 'full',
  rounds,
  machine: machine(),
  rows: [...buildRows(figures, params), ...overloadRows(figures.overload, params.overload, figures.mixed), ...gateRows(figures, params.gates), ...chargingRows(figures, params.charging), ...reportRows(figures.reports), ...(want('web') ? webRows(figures.web, figures.webSkipped) : [])],
  figures: { params, provisioningMs: provisioned.ms, profiles: profileDir, ...figures },
  errors,
  wallMs: Date.now() - wallStarted
}
console.log('')
printTable(results.rows)
const partial = ctx.only != null
const jsonPath = join(root, 'bench/results', args.quick ? 'quick.json' : partial ? 'partial.json' : 'latest.json')
writeJson(jsonPath, results)
if (!args.quick && !partial && args.write) updateDocs(join(root, 'docs/performance.md'), results)
console.log(`\nbench: wrote ${jsonPath}${!args.quick && !partial && args.write ? ' and docs/performance.md' : ''}${profileDir != null ? `; CPU profiles in ${profileDir}` : ''} (${((Date.now() - wallStarted) / 1000).toFixed(1)} s)`)
rmSync(tmp, { recursive: true, force: true })
if (errors.length > 0) console.error(`bench: ${errors.length} measurement(s) broke:\n${errors.map(e => `  - ${e}`).join('\n')}`)
process.exit(errors.length > 0 ? 1 : 0)
