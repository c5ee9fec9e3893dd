// The checked-in JSON Schema files (schemas/json/) are what the generator
// produces from the zod contract now: a contract change without regenerating
// fails here.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { fileNameOf, generateJsonSchemas, jsonSchemaDir } from '../../schemas/generate-json-schema.ts'

const regenerate = 'run `npm run schemas:json` and commit schemas/json/'

t.test('every generated schema is checked in, unchanged', async t => {
  const generated = generateJsonSchemas()
  t.ok(Object.keys(generated).length >= 8, 'all device payloads are generated')
  for (const [name, text] of Object.entries(generated)) {
    let checkedIn: string | undefined
    try {
      checkedIn = readFileSync(join(jsonSchemaDir, fileNameOf(name)), 'utf8')
    } catch {
      checkedIn = undefined
    }
    t.ok(checkedIn != null, `schemas/json/${fileNameOf(name)} exists (${regenerate})`)
    t.equal(checkedIn, text, `schemas/json/${fileNameOf(name)} matches the zod contract (${regenerate})`)
  }
})

t.test('no stale schema files', async t => {
  const expected = Object.keys(generateJsonSchemas()).map(fileNameOf).sort()
  const present = readdirSync(jsonSchemaDir).filter(f => f.endsWith('.json')).sort()
  t.same(present, expected, `schemas/json/ holds exactly the generated files (${regenerate})`)
})

t.test('the generated files are usable JSON Schema', async t => {
  for (const [name, text] of Object.entries(generateJsonSchemas())) {
    const json = JSON.parse(text) as Record<string, unknown>
    t.equal(json.$schema, 'https://json-schema.org/draft/2020-12/schema', `${name}: draft 2020-12`)
    t.ok(text.endsWith('}\n'), `${name}: trailing newline`)
    t.equal(generateJsonSchemas()[name], text, `${name}: generation is deterministic`)
  }
  // device → backend: a defaulted field is optional (input mode)
  const swipe = JSON.parse(generateJsonSchemas().SwipeEvent ?? '{}') as { $defs: { SwipeEvent: { required: string[] } } }
  t.notOk(swipe.$defs.SwipeEvent.required.includes('method'), 'SwipeEvent.method (default "card") is optional')
})
