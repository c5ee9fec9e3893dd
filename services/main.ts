// Entry file: `npm start`. Reads the config, starts everything, logs where to
// connect, and shuts down cleanly on SIGINT/SIGTERM.
import { ConfigError, loadConfig } from './config.ts'
import { createLogger } from './logger.ts'
import { startBackend } from './backend.ts'

async function main (): Promise<void> {
  let config
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(2)
    }
    throw err
  }
  const log = createLogger(config)
  const backend = await startBackend(config, log)
  log.info({ mqtt: backend.mqttUrl, http: backend.httpUrl, store: backend.store.dialect === 'sqlite' ? config.SQLITE_PATH : 'postgres' },
    `devices connect to ${backend.mqttUrl}; staff API at ${backend.httpUrl}/api (docs ${backend.httpUrl}/docs)`)

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'shutting down')
    backend.close().then(() => process.exit(0), (err: unknown) => {
      log.error({ err }, 'shutdown failed')
      process.exit(1)
    })
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
