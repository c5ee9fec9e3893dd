// Beside the reconnect storm: CPU time of one device secret check in this
// process, HMAC (what the storm runs) against scrypt (what rows from earlier
// releases need, once each), so the storm's cost with scrypt rows can be
// stated from a measurement instead of run for a quarter of an hour.
import { join } from 'node:path'
import { loadPepper } from '../../services/devices/pepper.ts'
import { scryptHash } from '../../services/devices/scrypt-hash.ts'
import { checkDeviceSecret, generateSecret, hashDeviceSecret } from '../../services/devices/secrets.ts'
import type { RunContext } from '../lib/context.ts'

export interface SecretCheckCost { hmacUs: number, scryptMs: number }

async function cpuUsPerCall (calls: number, fn: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage()
  for (let i = 0; i < calls; i++) await fn()
  const used = process.cpuUsage(before)
  return (used.user + used.system) / calls
}

export async function secretCheckCost (ctx: RunContext): Promise<SecretCheckCost> {
  const pepper = loadPepper(join(ctx.tmp, 'secret-check-pepper'))
  const secret = generateSecret()
  const hmacRow = hashDeviceSecret(pepper, secret)
  const scryptRow = await scryptHash(secret)
  const expect = async (row: string, result: string) => { if (await checkDeviceSecret(pepper, secret, row) !== result) throw new Error(`check of ${row.slice(0, 12)}… did not give ${result}`) }
  return {
    hmacUs: await cpuUsPerCall(ctx.quick ? 1000 : 20_000, () => expect(hmacRow, 'match')),
    // scrypt runs on libuv's pool; process.cpuUsage counts every thread of the process
    scryptMs: await cpuUsPerCall(ctx.quick ? 3 : 20, () => expect(scryptRow, 'legacy-match')) / 1000
  }
}
