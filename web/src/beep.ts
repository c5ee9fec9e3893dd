// A short tone for a new critical alarm through WebAudio (no sound file to
// ship). Browsers allow audio only after a user gesture, which is why the
// sound sits behind a toggle staff switch on: the click unlocks the context.
let context: AudioContext | null = null

/** Call from the click that turns the sound on. */
export function unlockAudio (): void {
  context ??= new AudioContext()
  void context.resume()
}

export function beep (): void {
  if (context == null) return
  const osc = context.createOscillator()
  const gain = context.createGain()
  osc.type = 'square'
  osc.frequency.value = 880
  gain.gain.value = 0.15
  osc.connect(gain).connect(context.destination)
  const now = context.currentTime
  osc.start(now)
  osc.stop(now + 0.25)
}
