// Kysely table types of the devices domain: devices, their commands, failed authentications and the registry version.
// services/store/database.ts joins every domain's tables into one Database.
import type { Selectable } from 'kysely'

export type DeviceKind = 'kiosk' | 'gate' | 'charger'
export interface DevicesTable {
  id: string
  site_id: string
  kind: DeviceKind
  name: string
  secret_hash: string
  status: 'active' | 'disabled'
  created_at_ms: number
  online: number
  /** The node (NODE_ID) holding the device's connection while online (migration 0111). */
  online_node: string | null
  last_seen_at_ms: number | null
  last_status: string | null
}

export type CommandStatus = 'pending' | 'acked' | 'failed' | 'expired'
export interface CommandsTable {
  cmd_id: string
  device_id: string
  type: string
  payload: string
  status: CommandStatus
  created_at_ms: number
  expires_at_ms: number
  sent_count: number
  last_sent_at_ms: number | null
  acked_at_ms: number | null
  ack_error: string | null
  /** The event whose handling made this command (migration 0006); null for older rows. */
  event_id: string | null
}

/** The last failed authentication of a device, and how many there were (migration 0003). */
export interface DeviceAuthFailuresTable {
  device_id: string
  failed_at_ms: number
  /** bad-secret, disabled, throttled … (broker/device-authentication-hook.ts). */
  reason: string
  remote_address: string | null
  failures: number
}
export type DeviceAuthFailure = Selectable<DeviceAuthFailuresTable>

/** One row (id 1) counting registry writes (migration 0007; services/devices/registry-cache.ts). */
export interface RegistryVersionTable {
  id: number
  version: number
}

/**
 * A command recorded by a process that may not hold the device's connection
 * (staff over HTTP on another node, the CLI, a sweep under a lease): the node
 * that holds it sends the command and deletes the marker (migration 0110,
 * services/devices/command-relay.ts).
 */
export interface CommandRelayTable {
  cmd_id: string
  device_id: string
  created_at_ms: number
}

/** A backend node's heartbeat (migration 0111, services/devices/node-heartbeat.ts). */
export interface BackendNodesTable {
  node_id: string
  seen_at_ms: number
}

export interface DeviceTables {
  backend_nodes: BackendNodesTable
  devices: DevicesTable
  commands: CommandsTable
  command_relay: CommandRelayTable
  device_auth_failures: DeviceAuthFailuresTable
  registry_version: RegistryVersionTable
}

export type Device = Selectable<DevicesTable>
export type CommandRow = Selectable<CommandsTable>
