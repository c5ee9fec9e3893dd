// Topic length and depth limits for PUBLISH and SUBSCRIBE. The longest topic
// the device contract uses is about 90 bytes; aedes checks depth itself but
// not length, and a topic can be as long as the packet.
import type { BrokerLimits } from './limits.ts'

/** Why `topic` is refused, or null when it is within the limits. */
export function topicProblem (topic: string, limits: Pick<BrokerLimits, 'maxTopicBytes' | 'maxTopicLevels'>): string | null {
  if (Buffer.byteLength(topic, 'utf8') > limits.maxTopicBytes) return `topic longer than ${limits.maxTopicBytes} bytes`
  let levels = 1
  for (let i = 0; i < topic.length; i++) if (topic.charCodeAt(i) === 47) levels++
  if (levels > limits.maxTopicLevels) return `topic deeper than ${limits.maxTopicLevels} levels`
  return null
}
