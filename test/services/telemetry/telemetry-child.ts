// Child process for the kill -9 test: runs telemetry-backend.ts with the
// options in argv[2] (JSON) and prints {"mqttUrl": …} once it listens.
import { pino } from 'pino'
import { startTelemetryBackend, type TelemetryBackendOptions } from './telemetry-backend.ts'

const options = JSON.parse(process.argv[2] ?? '{}') as TelemetryBackendOptions
const log = pino({ level: 'warn' }, pino.destination(2))
const backend = await startTelemetryBackend(options, log)
process.stdout.write(`${JSON.stringify({ mqttUrl: backend.mqttUrl })}\n`)
process.on('SIGTERM', () => { backend.close().then(() => process.exit(0), () => process.exit(1)) })
