// A real HTTP receiver for alarm webhooks on a free port: it answers 204 and
// keeps every call's JSON body, in order of arrival. Closed at teardown.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { WebhookBody } from '../../services/alarms/webhook-outbox.ts'

interface TapLike { teardown: (fn: () => unknown) => void }

export async function startWebhookReceiver (t: TapLike): Promise<{ url: string, received: WebhookBody[] }> {
  const received: WebhookBody[] = []
  const server = createServer((req, res) => {
    let raw = ''
    req.on('data', (c: Buffer) => { raw += c.toString() })
    req.on('end', () => { received.push(JSON.parse(raw) as WebhookBody); res.writeHead(204).end() })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>(resolve => { server.close(() => resolve()) }))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alarms`, received }
}
