// Per remote address: how fast it may open connections, and whether it has
// failed authentication so often that further attempts are refused before any
// slow secret check runs. Loopback is exempt unless `limitLoopback`.
import { createTokenBuckets } from './token-buckets.ts'
import { isLoopback, type BrokerLimits } from './limits.ts'

export interface IpLimits {
  /** False: refuse this new connection now (it is closed before any CONNACK). */
  admitConnection: (address: string | undefined) => boolean
  recordAuthFailure: (address: string | undefined) => void
  /** True: this address failed too often lately; only already-verified secrets may pass. */
  authThrottled: (address: string | undefined) => boolean
}

export function createIpLimits (limits: BrokerLimits): IpLimits {
  const connects = createTokenBuckets({ burst: limits.connectBurstPerIp, perSecond: limits.connectsPerSecondPerIp })
  const failures = createTokenBuckets({ burst: limits.authFailureBurstPerIp, perSecond: limits.authFailuresPerMinutePerIp / 60 })
  const exempt = (address: string | undefined): address is undefined => address == null || (!limits.limitLoopback && isLoopback(address))
  const connectsLimited = limits.connectsPerSecondPerIp > 0
  const failuresLimited = limits.authFailuresPerMinutePerIp > 0
  return {
    admitConnection: address => !connectsLimited || exempt(address) || connects.tryTake(address),
    recordAuthFailure: address => { if (failuresLimited && !exempt(address)) failures.drain(address) },
    authThrottled: address => failuresLimited && !exempt(address) && failures.isEmpty(address)
  }
}
