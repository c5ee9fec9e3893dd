// The Grafana operations dashboard asks Prometheus only for metrics that
// GET /metrics exports (names taken from the code that writes them), from
// the provisioned Prometheus data source.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { operatorGauges } from '../../services/alarms/operator-gauges.ts'
import { createMetrics } from '../../services/metrics.ts'
import { processFamilies } from '../../services/http/routes/metrics.ts'
import { openSqliteTestStore } from '../helpers/stores.ts'

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../deploy/grafana/${path}`, import.meta.url)), 'utf8')

t.test('every query names an exported metric', async t => {
  const store = await openSqliteTestStore(t)
  const exported = new Set([
    ...processFamilies({ counters: createMetrics(), connectedDevices: 0, ingestPending: 0, telemetryOutboxDepth: 0 }),
    ...await operatorGauges(store.db, Date.now())
  ].map(f => f.name))
  const dashboard = JSON.parse(read('dashboards/kiosks-operations.json')) as { panels: Array<{ title: string, datasource: { uid: string }, targets: Array<{ expr: string }> }> }
  t.ok(dashboard.panels.length >= 8, `${dashboard.panels.length} panels`)
  const used = new Set<string>()
  for (const panel of dashboard.panels) {
    t.equal(panel.datasource.uid, 'kiosk-prometheus', `${panel.title}: the provisioned data source`)
    for (const target of panel.targets) {
      const names = [...target.expr.matchAll(/\bkiosk_[a-z_]+/g)].map(m => m[0])
      t.ok(names.length > 0, `${panel.title}: ${target.expr} queries a kiosk metric`)
      for (const name of names) { used.add(name); t.ok(exported.has(name), `${panel.title}: ${name} is exported`) }
    }
  }
  t.same([...exported].filter(name => !used.has(name)), [], 'and every exported metric has a panel')
  t.match(read('provisioning/datasources/prometheus.yaml'), /uid: kiosk-prometheus/)
})
