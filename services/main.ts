// Entry file: `npm start`. Reads the config, starts everything, logs where to
// connect, and shuts down cleanly on SIGINT/SIGTERM.
import { ConfigError, loadConfig } from './config.ts'
import { createLogger } from './logger.ts'
import { startBackend } from './backend.ts'
import { PepperError } from './devices/pepper.ts'

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
  let backend
  try {
    backend = await startBackend(config, log)
  } catch (err) {
    if (err instanceof PepperError) {
      console.error(err.message)
      process.exit(2)
    }
    const e = err as NodeJS.ErrnoException & { port?: number }
    if (e.code === 'EADDRINUSE') {
      // the usual first-run stumble: Mosquitto (or another backend) already owns 1883 or 3000
      console.error(`Port ${String(e.port ?? '')} is already in use (another MQTT broker or server?). Choose free ports, e.g. MQTT_PORT=1884 HTTP_PORT=3001 npm start`)
      process.exit(2)
    }
    throw err
  }
  log.info({ mqtt: backend.mqttUrl, http: backend.httpUrl, store: backend.store.dialect === 'sqlite' ? config.SQLITE_PATH : 'postgres' },
    `devices connect to ${backend.mqttUrl}; staff pages at ${backend.httpUrl}/, API at ${backend.httpUrl}/api (docs ${backend.httpUrl}/docs)`)

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
