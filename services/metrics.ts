// Counters an operator reads on /health (and later exports): what came in,
// what was stored, what was refused, what went out.
export interface Metrics {
  eventsAccepted: number
  eventsReplayed: number
  deadLettered: Record<string, number>
  pointsCredited: number
  depositsCredited: number
  depositsToReview: number
  commandsSent: number
  commandsAcked: number
  authFailures: number
}

export function createMetrics (): Metrics {
  return { eventsAccepted: 0, eventsReplayed: 0, deadLettered: {}, pointsCredited: 0, depositsCredited: 0, depositsToReview: 0, commandsSent: 0, commandsAcked: 0, authFailures: 0 }
}
