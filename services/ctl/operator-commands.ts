// Operator commands: small functions over the store, each returning data (for
// --json, in the camelCase shapes of the HTTP API: services/http/views.ts) and a
// human-readable text. The CLI (cli.ts) parses and prints.
import type { Kysely } from 'kysely'
import { DomainError } from '../errors.ts'
import { createHousehold, getHousehold } from '../households/household-registry.ts'
import { createSite, listSites } from '../sites/site-registry.ts'
import { findCard, linkCard, setCardStatus } from '../households/card-registry.ts'
import { listDevices, provisionDevice } from '../devices/device-registry.ts'
import { lastAuthFailures } from '../devices/auth-failures.ts'
import { disableDevice, enableDevice, noDeviceSessions, rotateDeviceSecret } from '../devices/credentials.ts'
import { readFileSync } from 'node:fs'
import { createStaff, deactivateStaff, getStaff, listStaff } from '../staff/staff.ts'
import { setStaffPassword } from '../web-sessions/staff-passwords.ts'
import type { CardStatus, Database, DeviceKind, StaffRole } from '../store/database.ts'
import { cardView, deviceView, householdView, siteView, staffView } from '../http/views.ts'
import { walletOf } from '../ledger/holds.ts'
import { opt, oneOf, str, table, type Command } from './command-kit.ts'
import { gateCommands } from './gate-commands.ts'
import { tariffCommands } from './tariff-commands.ts'

export type { Command, CommandContext, CommandResult } from './command-kit.ts'

/** The device as the HTTP API shows it, with its last authentication failure. */
async function deviceWithFailure (db: Kysely<Database>, device: Parameters<typeof deviceView>[0]) {
  return deviceView(device, (await lastAuthFailures(db, [device.id])).get(device.id))
}

function cardCommand (status: CardStatus, summary: string): Command {
  return {
    summary,
    options: { uid: { required: true, description: 'card uid' } },
    run: async (db, v) => {
      const card = await setCardStatus(db, str(v, 'uid'), status)
      return { data: cardView(card), text: `card ${card.uid} is now ${card.status}` }
    }
  }
}

export const commands: Record<string, Command> = {
  'site add': {
    summary: 'create a site (compound)',
    options: { name: { required: true, description: 'display name' }, id: { description: 'site id (default: generated)' }, timezone: { description: 'IANA time zone (default Asia/Shanghai)' } },
    run: async (db, v) => {
      const site = await createSite(db, { name: str(v, 'name'), id: opt(v, 'id'), timezone: opt(v, 'timezone') })
      return { data: siteView(site), text: `site ${site.id} "${site.name}" (${site.timezone}) created` }
    }
  },
  'site list': {
    readOnly: true,
    summary: 'list sites',
    options: {},
    run: async db => {
      const sites = await listSites(db)
      return { data: sites.map(siteView), text: table(sites.map(s => ({ id: s.id, name: s.name, timezone: s.timezone, cap: s.rateTable.dailyCapPoints })), ['id', 'name', 'timezone', 'cap']) }
    }
  },
  'device add': {
    summary: 'provision a device; prints its secret once',
    options: { site: { required: true, description: 'site id' }, id: { required: true, description: 'device id (= MQTT client id and username)' }, kind: { required: true, description: 'kiosk | gate | charger' }, name: { description: 'display name' } },
    run: async (db, v, context) => {
      const kind = oneOf<DeviceKind>(str(v, 'kind'), ['kiosk', 'gate', 'charger'], 'kind')
      const { device, secret } = await provisionDevice(db, context.pepper(), { id: str(v, 'id'), siteId: str(v, 'site'), kind, name: opt(v, 'name') })
      return { data: { device: deviceView(device), secret }, text: `${device.kind} ${device.id} provisioned at ${device.site_id}\nsecret (shown once, store it in the device): ${secret}` }
    }
  },
  'device list': {
    readOnly: true,
    summary: 'list devices with their last authentication failure',
    options: { site: { description: 'only this site' } },
    run: async (db, v) => {
      const devices = await listDevices(db, opt(v, 'site'))
      const failures = await lastAuthFailures(db, devices.map(d => d.id))
      const views = devices.map(d => deviceView(d, failures.get(d.id)))
      const failureText = (f: (typeof views)[number]['lastAuthFailure']) => f == null ? '-' : `${new Date(f.atMs).toISOString()} ${f.reason} from ${f.remoteAddress ?? '?'} (${f.failures}×)`
      return { data: views, text: table(views.map(d => ({ ...d, site_id: d.siteId, online: d.online ? 'yes' : 'no', last_auth_failure: failureText(d.lastAuthFailure) })), ['id', 'site_id', 'kind', 'status', 'online', 'name', 'last_auth_failure']) }
    }
  },
  // The CLI writes the store only: a running backend closes the device's live connection within
  // its credential sweep interval (services/devices/credential-sweep.ts); HTTP closes it at once.
  'device disable': {
    summary: 'refuse a device: its connection is closed and it cannot connect again',
    options: { id: { required: true, description: 'device id' } },
    run: async (db, v) => {
      const device = await disableDevice(db, noDeviceSessions, str(v, 'id'))
      return { data: await deviceWithFailure(db, device), text: `device ${device.id} disabled` }
    }
  },
  'device enable': {
    summary: 'let a disabled device connect again',
    options: { id: { required: true, description: 'device id' } },
    run: async (db, v) => {
      const device = await enableDevice(db, str(v, 'id'))
      return { data: await deviceWithFailure(db, device), text: `device ${device.id} enabled` }
    }
  },
  'device rotate-secret': {
    summary: 'give a device a new secret (printed once); the old one stops working',
    options: { id: { required: true, description: 'device id' } },
    run: async (db, v, context) => {
      const { device, secret } = await rotateDeviceSecret(db, context.pepper(), noDeviceSessions, str(v, 'id'))
      return { data: { device: await deviceWithFailure(db, device), secret }, text: `device ${device.id} has a new secret (shown once, store it in the device): ${secret}\nthe old secret no longer works` }
    }
  },
  'household add': {
    summary: 'register a household',
    options: { site: { required: true, description: 'site id' }, label: { required: true, description: 'building-unit-room, e.g. 3-2-501' } },
    run: async (db, v) => {
      const household = await createHousehold(db, { siteId: str(v, 'site'), label: str(v, 'label') })
      return { data: householdView(household), text: `household ${household.id} (${household.label}) created at ${household.site_id}` }
    }
  },
  'card link': {
    summary: 'link a card to a household',
    options: { household: { required: true, description: 'household id' }, uid: { required: true, description: 'card uid' } },
    run: async (db, v) => {
      const card = await linkCard(db, { householdId: str(v, 'household'), uid: str(v, 'uid') })
      return { data: cardView(card), text: `card ${card.uid} linked to household ${card.household_id ?? '-'}` }
    }
  },
  'card lost': cardCommand('lost', 'mark a card lost'),
  'card block': cardCommand('blocked', 'block a card'),
  'card reactivate': cardCommand('active', 'make a lost or blocked card work again'),
  'card unlink': cardCommand('unlinked', 'detach a returned card from its household'),
  'staff add': {
    summary: 'create a staff account; prints its token once',
    options: { username: { required: true, description: 'login name' }, name: { required: true, description: 'display name' }, role: { required: true, description: 'counter | manager | admin' }, site: { description: 'bind to one site (default: all sites)' } },
    run: async (db, v) => {
      const role = oneOf<StaffRole>(str(v, 'role'), ['counter', 'manager', 'admin'], 'role')
      const { staff, token } = await createStaff(db, { username: str(v, 'username'), name: str(v, 'name'), role, siteId: opt(v, 'site') })
      return { data: { staff: staffView(staff), token }, text: `${staff.role} ${staff.username} (${staff.id}) created for ${staff.site_id ?? 'all sites'}\ntoken (shown once): ${token}` }
    }
  },
  'staff list': {
    readOnly: true,
    summary: 'list staff accounts',
    options: { site: { description: 'only staff bound to this site' } },
    run: async (db, v) => {
      const staff = await listStaff(db, opt(v, 'site'))
      return { data: staff.map(staffView), text: table(staff.map(s => ({ ...s, site_id: s.site_id ?? '(all)', active: s.active === 1 ? 'yes' : 'no' })), ['id', 'username', 'name', 'role', 'site_id', 'active']) }
    }
  },
  'staff deactivate': {
    summary: 'revoke a staff token for good',
    options: { id: { required: true, description: 'staff id' } },
    run: async (db, v) => {
      const staff = await deactivateStaff(db, str(v, 'id'))
      return { data: staffView(staff), text: `staff ${staff.username} deactivated` }
    }
  },
  'staff password': {
    summary: 'set the password a staff member signs in to the web app with (ends their web sessions)',
    // a file, not an argument: arguments show in `ps` and in shell history
    options: { id: { required: true, description: 'staff id' }, 'password-file': { required: true, description: 'file whose first line is the password (10 to 200 characters)' } },
    run: async (db, v) => {
      const password = readFileSync(str(v, 'password-file'), 'utf8').split(/\r?\n/)[0] ?? ''
      await setStaffPassword(db, str(v, 'id'), password)
      const staff = await getStaff(db, str(v, 'id'))
      return { data: staffView(staff), text: `password set for ${staff.username}` }
    }
  },
  balance: {
    readOnly: true,
    summary: 'balance of a household, by card or household id: held (charging sessions) and available points',
    options: { card: { description: 'card uid' }, household: { description: 'household id' } },
    run: async (db, v) => {
      const uid = opt(v, 'card')
      let householdId = opt(v, 'household')
      if ((uid == null) === (householdId == null)) throw new DomainError('VALIDATION_FAILED', 'give exactly one of --card and --household')
      if (uid != null) {
        const card = await findCard(db, uid)
        if (card?.household_id == null) throw new DomainError('CARD_UNKNOWN', `card ${uid} is not linked to a household`)
        householdId = card.household_id
      }
      const household = await getHousehold(db, householdId ?? '')
      const wallet = await walletOf(db, household.id)
      return {
        data: { householdId: household.id, label: household.label, siteId: household.site_id, ...wallet },
        text: `${household.label} (${household.id}) at ${household.site_id}: ${wallet.balancePoints} points (CNY ${yuan(wallet.balancePoints)}), ` +
          `${wallet.heldPoints} held for charging, ${wallet.availablePoints} available (CNY ${yuan(wallet.availablePoints)})`
      }
    }
  },
  ...gateCommands,
  ...tariffCommands
}

/** Points as yuan, exactly: 100 points = 1 yuan, integers only. */
function yuan (points: number): string {
  return `${Math.trunc(points / 100)}.${String(points % 100).padStart(2, '0')}`
}
