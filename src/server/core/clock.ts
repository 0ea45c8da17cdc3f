/** The only place that reads the time. Domain code takes a `Clock` (or a `now` argument) instead. */
export interface Clock {
  readonly mode: 'system' | 'manual'
  now (): Date
}

export interface ManualClock extends Clock {
  readonly mode: 'manual'
  /** Moves time forward; negative steps are refused so settled state never un-settles. */
  advance (ms: number): Date
  set (to: Date): Date
}

export function systemClock (): Clock {
  return { mode: 'system', now: () => new Date() }
}

/**
 * A clock that moves only when told to: tests and `--clock manual` use it.
 * @example const clock = manualClock('2026-01-05T10:00:00Z'); clock.advance(5000)
 */
export function manualClock (start: string | Date = new Date()): ManualClock {
  let current = new Date(start).getTime()
  if (Number.isNaN(current)) throw new RangeError(`Not a date: ${String(start)}`)
  return {
    mode: 'manual',
    now: () => new Date(current),
    advance (ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('The clock only moves forward')
      current += ms
      return new Date(current)
    },
    set (to: Date) {
      if (to.getTime() < current) throw new RangeError('The clock only moves forward')
      current = to.getTime()
      return new Date(current)
    },
  }
}

export function isManual (clock: Clock): clock is ManualClock {
  return clock.mode === 'manual'
}

/**
 * Waits `ms` of real time. Only for transport-level effects (injected latency); domain time is the clock's.
 */
export function delay (ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}

/** Runs `then` after `ms` of real time; the answer cancels it. Only for transport-level effects (a lingering socket). */
export function afterRealTime (ms: number, then: () => void): () => void {
  const timer = setTimeout(then, ms)
  return () => clearTimeout(timer)
}

/**
 * Asks `done` every `ms` of real time until it says true, without keeping the process alive. Only for the process
 * itself (whether its parent is still there), never for domain time.
 */
export function pollRealTime (ms: number, done: () => boolean): void {
  const timer = setInterval(() => { if (done()) clearInterval(timer) }, ms)
  timer.unref()
}

/** The wall-clock time in an HTTP `Date` header, as Node writes it on every answer it frames itself. */
export function httpDateNow (): string {
  return new Date().toUTCString()
}
