// `npm run sim -- --kiosks 20 --residents 500 --minutes 1`: provisions (or
// loads) a fleet, runs it against the backend, prints progress and a summary.
import { existsSync } from 'node:fs'
import { parseCliArgs, defaultMqttUrl, usage, type CliConfig } from './cli-args.ts'
import { readFleetFile, writeFleetFile, type FleetDescription } from './fleet-description.ts'
import { runFleet } from './fleet.ts'
import { runGateFleet } from './gate-fleet.ts'
import { runPileFleet } from './pile-fleet.ts'
import { createHttpProvisioner, provisionFleet } from './provision.ts'
import { formatProgress, formatSummary } from './report.ts'

async function main (argv: string[]): Promise<number> {
  let config: CliConfig
  try {
    config = parseCliArgs(argv)
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${usage}`)
    return 2
  }
  if (config.help) {
    console.log(usage)
    return 0
  }
  const fleet = await loadOrProvision(config)
  const durationMs = config.minutes != null ? config.minutes * 60_000 : config.visits == null ? 60_000 : undefined
  console.log(`running ${fleet.kiosks.length} kiosks, ${fleet.cards.length} residents against ${fleet.mqttUrl} ` +
    `(${config.visits != null ? `${config.visits} visits` : ''}${config.visits != null && durationMs != null ? ', at most ' : ''}` +
    `${durationMs != null ? `${durationMs / 1000} s` : ''}, ${config.rate} visits/s)`)

  const stop = new AbortController()
  process.once('SIGINT', () => {
    console.log('\nstopping: finishing open visits (Ctrl-C again to quit at once)')
    stop.abort()
    process.once('SIGINT', () => process.exit(130))
  })
  const gates = fleet.gates ?? []
  const gateRun = gates.length === 0 || durationMs == null
    ? undefined
    : runGateFleet({
      mqttUrl: fleet.mqttUrl,
      siteId: fleet.siteId,
      gates,
      cards: fleet.cards,
      passages: Math.max(1, Math.round(config.gateRate * durationMs / 1000)),
      ratePerS: config.gateRate,
      seed: config.seed,
      offlineRate: config.gateOfflineRate,
      clockDriftMaxMs: config.clockDriftS * 1000,
      passbackRate: config.passbackRate
    })
  const piles = fleet.piles ?? []
  // piles charge the residents' kiosk points: they run beside the kiosks, as many swipes as the rate gives over the run
  const pileRun = piles.length === 0 || durationMs == null
    ? undefined
    : runPileFleet({
      mqttUrl: fleet.mqttUrl,
      piles,
      cards: fleet.cards,
      swipes: Math.max(1, Math.round(config.chargeRate * durationMs / 1000)),
      ratePerS: config.chargeRate,
      speed: config.pileSpeed,
      seed: config.seed
    })
  const summary = await runFleet({
    mqttUrl: fleet.mqttUrl,
    kiosks: fleet.kiosks,
    cards: fleet.cards,
    visits: config.visits,
    durationMs,
    ratePerS: config.rate,
    seed: config.seed,
    badRate: config.badRate,
    offlineRate: config.offlineRate,
    heartbeatS: config.heartbeat,
    progressEveryMs: 3000,
    onProgress: p => console.log(formatProgress(p)),
    signal: stop.signal
  })
  console.log(`\n${formatSummary(summary)}`)
  if (gateRun != null) console.log(`\ngates: ${JSON.stringify(await gateRun)}`)
  if (pileRun != null) console.log(`\npiles: ${JSON.stringify(await pileRun)}`)
  return 0
}

async function loadOrProvision (config: Extract<CliConfig, { help: false }>): Promise<FleetDescription> {
  if (config.fleet != null && existsSync(config.fleet)) {
    const fleet = readFleetFile(config.fleet)
    return {
      ...fleet,
      mqttUrl: config.mqtt ?? fleet.mqttUrl,
      kiosks: fleet.kiosks.slice(0, config.kiosks ?? fleet.kiosks.length),
      gates: (fleet.gates ?? []).slice(0, config.gates ?? fleet.gates?.length ?? 0),
      piles: (fleet.piles ?? []).slice(0, config.piles ?? fleet.piles?.length ?? 0),
      cards: fleet.cards.slice(0, config.residents ?? fleet.cards.length)
    }
  }
  if (config.token == null) throw new Error(`fleet file ${config.fleet} does not exist; give --token to provision one`)
  const kiosks = config.kiosks ?? 5
  const residents = config.residents ?? 50
  console.log(`provisioning a site with ${kiosks} kiosks, ${config.gates ?? 0} gates, ${config.piles ?? 0} charging piles and ${residents} households over ${config.http} …`)
  const fleet = await provisionFleet(createHttpProvisioner({ httpUrl: config.http, token: config.token }), {
    mqttUrl: config.mqtt ?? defaultMqttUrl, kiosks, residents, gates: config.gates ?? 0, piles: config.piles ?? 0
  })
  if (config.fleet != null) {
    writeFleetFile(config.fleet, fleet)
    console.log(`fleet written to ${config.fleet} (contains device secrets)`)
  }
  return fleet
}

main(process.argv.slice(2)).then(code => process.exit(code), (err: Error) => {
  console.error(`device-sim: ${err.message}`)
  process.exit(1)
})
