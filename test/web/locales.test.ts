// The staff pages' strings: zh-CN and en have exactly the same keys, every key
// a page names exists, and the keys built from API values (categories, device
// kinds, card states, error codes …) cover every value the API can send.
import t from 'tap'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { alarmSeveritySchema, deviceAlarmTypes } from '../../schemas/alarm.ts'
import { categories } from '../../schemas/common.ts'
import { accessLogEntrySchema, remoteOpenResultSchema } from '../../schemas/http-gates.ts'
import { settingsChangeSchema } from '../../schemas/http-audit.ts'
import { passStatuses } from '../../web/src/pass-status.ts'
import { chargingSessionSchema } from '../../schemas/http-charging.ts'
import { errorCodes } from '../../schemas/error-codes.ts'
import { deviceCommandSchema } from '../../schemas/http-device-history.ts'
import { cardSchema, deviceSchema, householdSchema, ledgerEntrySchema, staffRoleSchema } from '../../schemas/http.ts'

const web = fileURLToPath(new URL('../../web', import.meta.url))
type Tree = { [key: string]: string | Tree }
const load = (lang: string) => JSON.parse(readFileSync(join(web, 'locales', `${lang}.json`), 'utf8')) as Tree
const locales = { 'zh-CN': load('zh-CN'), en: load('en') }

function leaves (tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`))
}

function files (dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : /\.(vue|ts)$/.test(name) ? [path] : []
  })
}

const keys = { 'zh-CN': new Set(leaves(locales['zh-CN'])), en: new Set(leaves(locales.en)) }

t.test('both languages have the same keys, none empty', async t => {
  t.same([...keys.en].filter(k => !keys['zh-CN'].has(k)), [], 'keys missing from zh-CN')
  t.same([...keys['zh-CN']].filter(k => !keys.en.has(k)), [], 'keys missing from en')
  for (const [lang, tree] of Object.entries(locales)) {
    const empty = leaves(tree).filter(k => k.split('.').reduce<Tree | string>((n, p) => (n as Tree)[p] as Tree | string, tree) === '')
    t.same(empty, [], `no empty strings in ${lang}`)
  }
  t.ok(keys.en.size > 100, `${keys.en.size} keys`)
})

t.test('every literal key the pages use exists in both languages', async t => {
  const used = new Set<string>()
  for (const file of files(join(web, 'src'))) {
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(/\bt\('([a-zA-Z0-9_.]+)'/g)) used.add(m[1] ?? '')
    for (const m of text.matchAll(/titleKey: '([a-zA-Z0-9_.]+)'/g)) used.add(m[1] ?? '')
    for (const m of text.matchAll(/\? '([a-zA-Z]+\.[a-zA-Z0-9_.]+)' : '([a-zA-Z]+\.[a-zA-Z0-9_.]+)'/g)) { used.add(m[1] ?? ''); used.add(m[2] ?? '') }
    // the hints a form gives for a field the API refused (web/src/use-field-errors.ts)
    for (const m of text.matchAll(/'((?:fieldError|settings\.hint)\.[a-zA-Z]+)'/g)) used.add(m[1] ?? '')
  }
  t.ok(used.size > 80, `${used.size} keys used`)
  for (const key of used) {
    t.ok(keys['zh-CN'].has(key) && keys.en.has(key), `${key} in both`)
  }
})

t.test('keys built from API values cover every value', async t => {
  const families: Array<[string, readonly string[]]> = [
    ['categories', categories],
    ['deviceKind', deviceSchema.shape.kind.options],
    ['cardStatus', cardSchema.shape.status.options],
    ['householdStatus', householdSchema.shape.status.options],
    ['entryKind', ledgerEntrySchema.shape.kind.options],
    ['roles', staffRoleSchema.options],
    ['deviceState', ['online', 'offline', 'disabled']],
    ['severity', alarmSeveritySchema.options],
    ['alarmType', deviceAlarmTypes],
    ['charging.statusValue', chargingSessionSchema.shape.status.options],
    ['gates.modeValue', accessLogEntrySchema.shape.mode.options],
    ['gates.decisionValue', accessLogEntrySchema.shape.decision.options],
    ['device.done', ['disable', 'enable', 'rotate']],
    ['device.commandStatusValue', deviceCommandSchema.shape.status.options],
    ['device.remoteOpenResult', remoteOpenResultSchema.shape.outcome.options],
    ['settings.setting', settingsChangeSchema.shape.setting.options],
    ['gates.passStatusValue', passStatuses]
  ]
  for (const [family, values] of families) {
    for (const v of values) t.ok(keys.en.has(`${family}.${v}`) && keys['zh-CN'].has(`${family}.${v}`), `${family}.${v}`)
  }
  const errorKeys = [...keys.en].filter(k => k.startsWith('errors.') && k !== 'errors.network').map(k => k.slice('errors.'.length))
  t.same(errorKeys.filter(code => !(code in errorCodes)), [], 'translated error codes are codes the API has')
})
