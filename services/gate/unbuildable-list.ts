// A site whose allow-list cannot be built (AllowListError: a limit of the
// list's contract passed, a card referring to a schedule the site does not
// have) must not hold up anything else: the sync round goes on with the other
// sites and with this site's time, a connecting gate still gets its time and
// settings. Its gates keep the list they hold, so a card blocked since still
// opens them offline: the failure is logged at error level and raised as a
// site alarm (type `gate-allow-list-unbuildable`, docs/gate.md §6), which the
// sync round clears once the site's list builds again.
import type { Logger } from 'pino'
import type { AllowList } from '../../schemas/gate.ts'
import { changeAlarm, findOpenAlarm, raiseAlarm } from '../alarms/alarm-repository.ts'
import type { AlarmKey } from '../alarms/alarm.ts'
import type { Executor } from '../store/executor.ts'
import { AllowListError } from './allow-list.ts'
import type { AllowListSource } from './allow-list-store.ts'

export const UNBUILDABLE_LIST_ALARM = 'gate-allow-list-unbuildable'
const rule = { kind: 'rule', id: 'gate-allow-list' } as const
const keyOf = (siteId: string): AlarmKey => ({ siteId, deviceId: null, type: UNBUILDABLE_LIST_ALARM, source: '' })

/**
 * The site's list, or undefined when the site's data cannot make one (logged, alarm raised).
 * Only AllowListError is caught: it is thrown before the list is stored, so the caller's
 * transaction goes on. A store error still fails the caller.
 */
export async function listOrAlarm (db: Executor, lists: AllowListSource, siteId: string, nowMs: number, log?: Pick<Logger, 'error'>): Promise<AllowList | undefined> {
  try {
    return await lists(db, siteId, nowMs)
  } catch (err) {
    if (!(err instanceof AllowListError)) throw err
    log?.error({ siteId, reason: err.message }, 'the site\'s gate allow-list cannot be built: its gates keep the list they hold (blocked cards may still open offline) until the data is fixed')
    // one alarm per episode, not a count per connecting gate
    if ((await findOpenAlarm(db, keyOf(siteId)))?.active !== true) {
      await raiseAlarm(db, { key: keyOf(siteId), severity: 'major', message: `gate allow-list cannot be built, gates keep their last list: ${err.message}`.slice(0, 500) }, rule, nowMs, { edge: true })
    }
    return undefined
  }
}

/** Clears the site's alarm (the list built again). */
export async function clearUnbuildableList (db: Executor, siteId: string, nowMs: number): Promise<void> {
  const open = await findOpenAlarm(db, keyOf(siteId))
  if (open?.active === true) await changeAlarm(db, open.id, { kind: 'clear' }, rule, nowMs)
}
