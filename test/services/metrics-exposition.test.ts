// The Prometheus text format as Prometheus parses it: HELP and TYPE lines,
// labels quoted with backslash, quote and newline escaped, special values.
import t from 'tap'
import { exposition } from '../../services/metrics-exposition.ts'

t.test('families, labels and escapes', async t => {
  const cases: Array<[string, Parameters<typeof exposition>[0], string]> = [
    ['a plain counter', [{ name: 'a_total', help: 'Things.', type: 'counter', samples: [{ value: 3 }] }], '# HELP a_total Things.\n# TYPE a_total counter\na_total 3\n'],
    ['labels in order', [{ name: 'g', help: 'G.', type: 'gauge', samples: [{ labels: { severity: 'critical', site: 's1' }, value: 2 }, { labels: { severity: 'minor', site: 's1' }, value: 0 }] }],
      '# HELP g G.\n# TYPE g gauge\ng{severity="critical",site="s1"} 2\ng{severity="minor",site="s1"} 0\n'],
    ['escaped label values', [{ name: 'e', help: 'a\\b\nc', type: 'gauge', samples: [{ labels: { code: 'x"y\\z\nw' }, value: 1.5 }] }], '# HELP e a\\\\b\\nc\n# TYPE e gauge\ne{code="x\\"y\\\\z\\nw"} 1.5\n'],
    ['special values', [{ name: 's', help: 'S.', type: 'gauge', samples: [{ value: NaN }, { value: Infinity }, { value: -Infinity }] }], '# HELP s S.\n# TYPE s gauge\ns NaN\ns +Inf\ns -Inf\n'],
    ['a family without samples', [{ name: 'none_total', help: 'None yet.', type: 'counter', samples: [] }], '# HELP none_total None yet.\n# TYPE none_total counter\n']
  ]
  for (const [name, families, text] of cases) t.equal(exposition(families), text, name)
})
