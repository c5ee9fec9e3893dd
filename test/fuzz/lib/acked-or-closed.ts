// A QoS 1 publish the broker refuses is answered by closing the connection,
// and mqtt.js (with no reconnects) then never settles it: race the PUBACK
// against the close so that a refusal fails the run instead of hanging it.
import type { MqttClient } from 'mqtt'

/** 'acked' on PUBACK, 'closed' when the connection closes first. */
export async function ackedOrClosed (client: MqttClient, publish: Promise<unknown>): Promise<'acked' | 'closed'> {
  if (!client.connected) return 'closed'
  let onClose = () => {}
  const closed = new Promise<'closed'>(resolve => { onClose = () => resolve('closed'); client.once('close', onClose) })
  try {
    return await Promise.race([publish.then(() => 'acked' as const), closed])
  } finally {
    client.removeListener('close', onClose)
  }
}
