// Which devices' presence is still to be written, with when each was last
// seen changing. Pure, so the retry rule is tested on its own.

/** Device id → the time its connection last opened or closed, ms. */
export type PresenceChanges = Map<string, number>

/**
 * Puts the changes of a failed write back in front of those that came in
 * meanwhile: every device stays pending once, with its latest time (the
 * state itself is looked up when it is written, so nothing older can win).
 */
export function mergeChanges (failed: PresenceChanges, newer: PresenceChanges): PresenceChanges {
  const merged: PresenceChanges = new Map(failed)
  for (const [deviceId, atMs] of newer) merged.set(deviceId, Math.max(atMs, merged.get(deviceId) ?? atMs))
  return merged
}
