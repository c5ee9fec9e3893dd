// The machine and versions a run was measured on.
import { readFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'
import { mosquittoVersion } from '../servers/mosquitto.ts'

export interface Machine { cpuModel: string, cores: number, memoryGiB: number, node: string, aedes: string, mosquitto: string | null, platform: string, date: string }

export function machine (): Machine {
  const aedesPkg = fileURLToPath(new URL('../../node_modules/aedes/package.json', import.meta.url))
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    aedes: (JSON.parse(readFileSync(aedesPkg, 'utf8')) as { version: string }).version,
    mosquitto: mosquittoVersion(),
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString()
  }
}
