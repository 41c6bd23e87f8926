import { RateLimitedError } from '../errors.js'

interface Bucket {
  tokens: number
  at: number
}

const FORGET_AFTER_MS = 60_000

/**
 * A token bucket per person, in this process: `burst` at once, then `perSecond`. Buckets idle for a minute are
 * forgotten, so memory follows the active senders, not everyone who ever sent.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>()
  private lastSweep = Date.now()

  constructor(private readonly options: { perSecond: number; burst: number }) {}

  /** Takes one token or throws 429 with the seconds until the next. */
  take(key: string, now = Date.now()): void {
    this.sweep(now)
    const bucket = this.buckets.get(key) ?? { tokens: this.options.burst, at: now }
    const tokens = Math.min(this.options.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.options.perSecond)
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now })
      throw new RateLimitedError(Math.ceil((1 - tokens) / this.options.perSecond))
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now })
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < FORGET_AFTER_MS) return
    this.lastSweep = now
    for (const [key, bucket] of this.buckets) if (now - bucket.at > FORGET_AFTER_MS) this.buckets.delete(key)
  }
}
