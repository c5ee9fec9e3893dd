// The kiosk's heartbeat: firmware, uptime, signal, temperature and how full
// each bin is (fills with what was deposited; the sim never empties bins).
import type { Category } from '../schemas/common.ts'
import type { DepositLine, DeviceStatus } from '../schemas/device-events.ts'
import { intBetween, type Rng } from './random.ts'

export const simFirmware = 'device-sim/0.1'
const binCapacityGrams = 200_000

export class KioskHealth {
  readonly #startedAtMs: number
  readonly #rng: Rng
  readonly #binGrams = new Map<Category, number>()

  constructor (rng: Rng, startedAtMs: number) {
    this.#rng = rng
    this.#startedAtMs = startedAtMs
  }

  recordDeposit (lines: readonly DepositLine[]): void {
    for (const line of lines) this.#binGrams.set(line.category, (this.#binGrams.get(line.category) ?? 0) + Math.max(0, line.grams))
  }

  status (nowMs: number): DeviceStatus {
    return {
      ts: nowMs,
      online: true,
      firmware: simFirmware,
      uptimeS: Math.max(0, Math.floor((nowMs - this.#startedAtMs) / 1000)),
      rssiDbm: intBetween(this.#rng, -85, -55),
      temperatureC: intBetween(this.#rng, 150, 350) / 10,
      bins: [...this.#binGrams].map(([category, grams]) => ({ category, fillPct: Math.min(100, Math.round(grams / binCapacityGrams * 1000) / 10) }))
    }
  }
}
