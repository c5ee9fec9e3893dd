// An e-bike battery on a constant-current / constant-voltage charger, in device
// time. Pure: state and a time step in, the next state out. Constant current
// (about constant power) until the battery reaches `cvFromSoc`, then constant
// voltage: the current, and so the power, decays exponentially with time
// constant `taperMinutes` until it falls below `cutoffW` and the charger calls
// the battery full. Defaults: a 48 V, 20 Ah pack (960 Wh) from 20 % at 180 W,
// about 3.2 h of CC and 2.7 h of CV: a 6 h charge, within the 2–8 h of real bikes.

export interface BatteryParams {
  capacityWh: number
  startSoc: number
  ccPowerW: number
  cvFromSoc: number
  taperMinutes: number
  cutoffW: number
  /** Charger output voltage at the end of CC and throughout CV (54.6 V for a 48 V pack). */
  cvVoltageV: number
  ambientC: number
}

export const defaultBattery: BatteryParams = {
  capacityWh: 960, startSoc: 0.2, ccPowerW: 180, cvFromSoc: 0.8, taperMinutes: 66, cutoffW: 15, cvVoltageV: 54.6, ambientC: 25
}

export interface CurveState {
  elapsedMs: number
  /** Energy delivered so far (not rounded). */
  energyWh: number
  /** Device time at which CV began, or null while in CC. */
  cvSinceMs: number | null
  full: boolean
}

export interface CurvePoint { powerW: number, voltageV: number, temperatureC: number, soc: number }

export const initialCurve = (): CurveState => ({ elapsedMs: 0, energyWh: 0, cvSinceMs: null, full: false })

export const socOf = (p: BatteryParams, s: CurveState): number => Math.min(1, p.startSoc + s.energyWh / p.capacityWh)

/** What the charger draws at this state. */
export function pointOf (p: BatteryParams, s: CurveState): CurvePoint {
  const soc = socOf(p, s)
  if (s.full) return { powerW: 0, voltageV: p.cvVoltageV, temperatureC: p.ambientC, soc }
  const powerW = s.cvSinceMs == null ? p.ccPowerW : p.ccPowerW * Math.exp(-(s.elapsedMs - s.cvSinceMs) / (p.taperMinutes * 60_000))
  // the pack voltage climbs through CC towards the charger's CV voltage
  const voltageV = s.cvSinceMs == null ? p.cvVoltageV - 8 * (p.cvFromSoc - soc) / p.cvFromSoc : p.cvVoltageV
  return { powerW, voltageV, temperatureC: p.ambientC + 12 * powerW / p.ccPowerW, soc }
}

/** Advances the charge by `dtMs` of device time (integrated in one-minute steps at most). */
export function advance (p: BatteryParams, s: CurveState, dtMs: number): CurveState {
  let state = { ...s }
  let left = dtMs
  while (left > 0 && !state.full) {
    const step = Math.min(left, 60_000)
    const { powerW } = pointOf(p, state)
    const energyWh = state.energyWh + powerW * step / 3_600_000
    const elapsedMs = state.elapsedMs + step
    const cvSinceMs = state.cvSinceMs ?? (p.startSoc + energyWh / p.capacityWh >= p.cvFromSoc ? elapsedMs : null)
    state = { elapsedMs, energyWh, cvSinceMs, full: false }
    state.full = pointOf(p, state).powerW < p.cutoffW
    left -= step
  }
  return state
}
