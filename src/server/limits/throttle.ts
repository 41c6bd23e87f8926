import type { Db } from '../db/database.js'
import { RateLimitedError } from '../errors.js'
import { deleteCounter, incrementCounter } from './store.js'

export interface ThrottleRule {
  /** Counter namespace, e.g. `login-failures`. */
  name: string
  limit: number
  windowMs: number
}

/**
 * A product rule kept in the database, so it holds across processes and restarts and is never switched off
 * (unlike the per-address abuse limits). Every attempt is counted before it is judged (`consume`), so concurrent
 * attempts cannot overrun the limit; to count only failures, `reset` after a success.
 */
export class Throttle {
  constructor(
    private readonly db: Db,
    private readonly rule: ThrottleRule,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts one attempt and throws RATE_LIMITED when it is over the limit. */
  async consume(subject: string): Promise<void> {
    const retryAfterSeconds = await this.count(subject)
    if (retryAfterSeconds !== undefined) throw new RateLimitedError(retryAfterSeconds)
  }

  /** Counts one attempt; over the limit, the seconds until the window ends, for a caller that may let some pass. */
  async count(subject: string): Promise<number | undefined> {
    const now = this.clock()
    const state = await incrementCounter(this.db, this.key(subject), this.rule.windowMs, now)
    return state.count > this.rule.limit ? secondsUntil(state.windowEndsAt, now) : undefined
  }

  async reset(subject: string): Promise<void> {
    await deleteCounter(this.db, this.key(subject))
  }

  private key(subject: string): string {
    return `${this.rule.name}:${subject}`
  }
}

function secondsUntil(at: number, now: number): number {
  return Math.max(1, Math.ceil((at - now) / 1000))
}
