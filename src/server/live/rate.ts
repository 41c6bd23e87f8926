import type { Redis } from 'ioredis'
import { RateLimitedError } from '../errors.js'

/** A token bucket per person: `burst` at once, then `perSecond`. */
export interface BucketRule {
  perSecond: number
  burst: number
}

/** Takes one token for a person or throws 429 with the seconds until the next. */
export interface SendRate {
  take(key: string): Promise<void>
}

interface Bucket {
  tokens: number
  at: number
}

const FORGET_AFTER_MS = 60_000

/**
 * The buckets in this process, for a single process. Buckets idle for a minute are forgotten, so memory follows
 * the active senders, not everyone who ever sent.
 */
export class RateLimiter implements SendRate {
  private readonly buckets = new Map<string, Bucket>()
  private lastSweep = Date.now()

  constructor(private readonly options: BucketRule) {}

  async take(key: string, now = Date.now()): Promise<void> {
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

/**
 * Refills, takes a token if there is one and stores the bucket, in one step on the Redis server, so that several
 * processes draw from the same bucket. Returns the tokens left (0 or more) or, refused, -(milliseconds to wait).
 * The key expires once a full bucket's worth of idle time has passed.
 */
const TAKE_SCRIPT = `
local burst = tonumber(ARGV[1])
local per_ms = tonumber(ARGV[2]) / 1000
local now = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
if now > at then tokens = math.min(burst, tokens + (now - at) * per_ms) end
local taken = tokens >= 1
if taken then tokens = tokens - 1 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(math.max(now, at)))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / per_ms) + 1000)
if taken then return math.floor(tokens) end
return -math.ceil((1 - tokens) / per_ms)
`

/**
 * The buckets in Redis, shared by every process of a cluster, so a person switching processes (or sending
 * through several) still gets one rate. Times are the processes' wall clocks, which a cluster keeps in step.
 */
export class RedisRateLimiter implements SendRate {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly options: BucketRule,
  ) {}

  async take(key: string, now = Date.now()): Promise<void> {
    const left = (await this.redis.eval(
      TAKE_SCRIPT,
      1,
      this.prefix + key,
      this.options.burst,
      this.options.perSecond,
      now,
    )) as number
    if (left < 0) throw new RateLimitedError(Math.max(1, Math.ceil(-left / 1000)))
  }
}
