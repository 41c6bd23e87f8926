import path from 'node:path'

/** Everything the server needs to know about its surroundings, read once at boot. */
export interface Config {
  port: number
  host: string
  dataDir: string
  /** postgres://… selects PostgreSQL; unset means the embedded SQLite file in dataDir. */
  databaseUrl: string | undefined
  /** PostgreSQL schema to use (tests give each file its own); unset means the connection's default. */
  databaseSchema: string | undefined
  redisUrl: string | undefined
  /** Prefix of every Redis key and channel, so that several communities (or test runs) can share one Redis. */
  redisPrefix: string
  logLevel: string
  /** From LIFECIRCLE_SECRET; unset means one is generated once into dataDir. */
  secret: string | undefined
  /** Abuse limits per client address; product rules never switch off. */
  ipLimits: boolean
  /**
   * Which proxies in front may tell the client's address in X-Forwarded-For: addresses, CIDRs or `loopback`,
   * comma-separated (LIFECIRCLE_TRUST_PROXY). false: the socket's own address, for a server facing clients directly.
   */
  trustProxy: string | false
  /** Where the built web app lives; unset means the API only. */
  webRoot: string | undefined
  /** scrypt cost (log2 N) for password hashes; tests may lower it, never below 14. */
  passwordCostLog2: number
  /** Password-free tips per tipper per China day, in fen. */
  tipDailyCapFen: number
  /** Product posts a seller may publish per day. */
  productPostsPerDay: number
  /** Payment requests one person may send per hour. */
  paymentRequestsPerHour: number
  /** Payment requests one person may send to one and the same payer per 24 hours. */
  paymentRequestsPerPayerPerDay: number
  /** Minutes an unpaid order holds its stock before it closes. */
  orderUnpaidMinutes: number
  /** Days after shipping that an order completes by itself unless the buyer asks for a refund. */
  orderAutoConfirmDays: number
  /** Fen a red packet may hold at most. */
  redPacketMaxFen: number
  /** Shares a red packet may have at most. */
  redPacketMaxShares: number
  /** Hours an unopened burn-after-reading message keeps its text. */
  burnExpiryHours: number
  /** Seconds between socket pings; a socket that misses one pong is dropped. */
  wsHeartbeatSeconds: number
  /** How often held sockets re-check their sessions, catching ends whose bus notice was lost. */
  wsSessionCheckSeconds: number
  /** Seconds between housekeeping rounds (expiries, auto-confirmations, reminders); one process runs them at a time. */
  housekeepingSeconds: number
  /** The legal cap on an IOU's annual rate (4 × the one-year LPR), in basis points: 1200 = 12%. */
  iouRateCapBasisPoints: number
  /** Where phone codes go: `sandbox` (the operator's outbox, nothing sent) or `webhook` (a signed POST). */
  sms: SmsConfig
  /** Phone codes one client address may ask for per hour: a product rule, on whatever LIFECIRCLE_IP_LIMITS says. */
  smsCodesPerAddressPerHour: number
  /**
   * How live rooms send danmaku (see RoomOptions). Not read from the environment: only the danmaku bench sets
   * `naive`, to compare against.
   */
  liveFanout: 'batched' | 'naive'
}

export type SmsConfig = { provider: 'sandbox' } | { provider: 'webhook'; url: string; secret: string }

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

/** The environment variables `lifecircle serve --help` documents. */
export const ENVIRONMENT_HELP = `Environment:
  PORT                  port to listen on (3000)
  HOST                  address to listen on (127.0.0.1)
  DATA_DIR              SQLite file, uploads and the generated secret (./data)
  DATABASE_URL          postgres://… to use PostgreSQL instead of the embedded SQLite
  REDIS_URL             redis://… to fan realtime events out across processes
  LOG_LEVEL             fatal | error | warn | info | debug | trace | silent (info)
  LIFECIRCLE_SECRET     server secret for PIN and ID-number hashes (else generated into DATA_DIR)
  LIFECIRCLE_IP_LIMITS  "off" switches per-address abuse limits off, for load tests only
  LIFECIRCLE_TRUST_PROXY  proxies whose X-Forwarded-For names the client: addresses, CIDRs or "loopback" (none)
  LIFECIRCLE_TIP_DAILY_CAP_FEN       password-free tips per person per day, in fen (2000 = ¥20)
  LIFECIRCLE_PRODUCT_POSTS_PER_DAY   product posts a seller may publish per day (5)
  LIFECIRCLE_PAYMENT_REQUESTS_PER_HOUR       payment requests one person may send per hour (20)
  LIFECIRCLE_PAYMENT_REQUESTS_PER_PAYER_DAY  payment requests to one and the same payer per 24 hours (5)
  LIFECIRCLE_ORDER_UNPAID_MINUTES    minutes an unpaid order keeps its stock before it closes (30)
  LIFECIRCLE_ORDER_AUTO_CONFIRM_DAYS days after shipping that an order completes by itself (10)
  LIFECIRCLE_REDIS_PREFIX            prefix of every Redis key and channel, to share one Redis ('lifecircle:')
  LIFECIRCLE_RED_PACKET_MAX_FEN      fen a red packet may hold at most (20000 = ¥200)
  LIFECIRCLE_RED_PACKET_MAX_SHARES   shares a red packet may be split into at most (100)
  LIFECIRCLE_BURN_EXPIRY_HOURS       hours an unopened burn-after-reading message keeps its text (72)
  LIFECIRCLE_WS_HEARTBEAT_SECONDS    seconds between WebSocket pings; a socket that misses a pong is dropped (30)
  LIFECIRCLE_HOUSEKEEPING_SECONDS    seconds between housekeeping rounds: expiries, auto-confirmations, reminders (30)
  LIFECIRCLE_IOU_RATE_CAP_PERCENT    legal cap on an IOU's annual rate, 4 × the one-year LPR, up to 2 decimals (12)
  LIFECIRCLE_SMS_PROVIDER            where phone codes go: sandbox (operator outbox and log, nothing sent) | webhook (sandbox)
  LIFECIRCLE_SMS_WEBHOOK_URL         webhook provider: http(s) URL that receives each SMS as signed JSON
  LIFECIRCLE_SMS_WEBHOOK_SECRET      webhook provider: HMAC-SHA256 key of X-LifeCircle-Signature, ≥ 32 characters
  LIFECIRCLE_SMS_CODES_PER_ADDRESS_HOUR  phone codes one client address may ask for per hour (20)`

export function loadConfig(env: NodeJS.ProcessEnv, defaults: { webRoot?: string } = {}): Config {
  const port = Number(env.PORT ?? 3000)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be 0–65535, got "${env.PORT}"`)

  const logLevel = env.LOG_LEVEL ?? 'info'
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`)

  const databaseUrl = nonEmpty(env.DATABASE_URL)
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new ConfigError('DATABASE_URL must start with postgres://')

  const redisUrl = nonEmpty(env.REDIS_URL)
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl))
    throw new ConfigError('REDIS_URL must start with redis:// or rediss://')

  const secret = nonEmpty(env.LIFECIRCLE_SECRET)
  if (secret && secret.length < 32) throw new ConfigError('LIFECIRCLE_SECRET must be at least 32 characters')

  const ipLimits = env.LIFECIRCLE_IP_LIMITS ?? 'on'
  if (ipLimits !== 'on' && ipLimits !== 'off') throw new ConfigError('LIFECIRCLE_IP_LIMITS must be "on" or "off"')

  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl,
    databaseSchema: undefined,
    redisUrl,
    redisPrefix: nonEmpty(env.LIFECIRCLE_REDIS_PREFIX) ?? 'lifecircle:',
    logLevel,
    secret,
    ipLimits: ipLimits === 'on',
    trustProxy: trustedProxies(env.LIFECIRCLE_TRUST_PROXY),
    webRoot: defaults.webRoot,
    passwordCostLog2: 15,
    tipDailyCapFen: positiveInteger(env, 'LIFECIRCLE_TIP_DAILY_CAP_FEN', 2_000),
    productPostsPerDay: positiveInteger(env, 'LIFECIRCLE_PRODUCT_POSTS_PER_DAY', 5),
    paymentRequestsPerHour: positiveInteger(env, 'LIFECIRCLE_PAYMENT_REQUESTS_PER_HOUR', 20),
    paymentRequestsPerPayerPerDay: positiveInteger(env, 'LIFECIRCLE_PAYMENT_REQUESTS_PER_PAYER_DAY', 5),
    orderUnpaidMinutes: positiveInteger(env, 'LIFECIRCLE_ORDER_UNPAID_MINUTES', 30),
    orderAutoConfirmDays: positiveInteger(env, 'LIFECIRCLE_ORDER_AUTO_CONFIRM_DAYS', 10),
    redPacketMaxFen: positiveInteger(env, 'LIFECIRCLE_RED_PACKET_MAX_FEN', 20_000),
    redPacketMaxShares: positiveInteger(env, 'LIFECIRCLE_RED_PACKET_MAX_SHARES', 100),
    burnExpiryHours: positiveInteger(env, 'LIFECIRCLE_BURN_EXPIRY_HOURS', 72),
    wsHeartbeatSeconds: positiveInteger(env, 'LIFECIRCLE_WS_HEARTBEAT_SECONDS', 30),
    wsSessionCheckSeconds: positiveInteger(env, 'LIFECIRCLE_WS_SESSION_CHECK_SECONDS', 10),
    housekeepingSeconds: positiveInteger(env, 'LIFECIRCLE_HOUSEKEEPING_SECONDS', 30),
    iouRateCapBasisPoints: percentInBasisPoints(env, 'LIFECIRCLE_IOU_RATE_CAP_PERCENT', 1200),
    sms: smsConfig(env),
    smsCodesPerAddressPerHour: positiveInteger(env, 'LIFECIRCLE_SMS_CODES_PER_ADDRESS_HOUR', 20),
    liveFanout: 'batched',
  }
}

function smsConfig(env: NodeJS.ProcessEnv): SmsConfig {
  const provider = nonEmpty(env.LIFECIRCLE_SMS_PROVIDER) ?? 'sandbox'
  if (provider === 'sandbox') return { provider }
  if (provider !== 'webhook') throw new ConfigError('LIFECIRCLE_SMS_PROVIDER must be "sandbox" or "webhook"')
  const url = nonEmpty(env.LIFECIRCLE_SMS_WEBHOOK_URL)
  if (!url || !/^https?:\/\//.test(url))
    throw new ConfigError('LIFECIRCLE_SMS_WEBHOOK_URL must be an http(s) URL when LIFECIRCLE_SMS_PROVIDER=webhook')
  const secret = nonEmpty(env.LIFECIRCLE_SMS_WEBHOOK_SECRET)
  if (!secret || secret.length < 32)
    throw new ConfigError(
      'LIFECIRCLE_SMS_WEBHOOK_SECRET of at least 32 characters is required with the webhook provider',
    )
  return { provider, url, secret }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value
}

/** Blindly trusting every hop would let any client claim any address and so escape per-address limits. */
function trustedProxies(raw: string | undefined): string | false {
  const value = nonEmpty(raw)?.trim()
  if (value === undefined || value === 'off') return false
  const entries = value.split(',').map((entry) => entry.trim())
  const named = ['loopback', 'linklocal', 'uniquelocal']
  if (entries.some((entry) => !named.includes(entry) && !/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(entry)))
    throw new ConfigError('LIFECIRCLE_TRUST_PROXY must list addresses, CIDRs or loopback, comma-separated')
  return entries.join(',')
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = nonEmpty(env[name])
  if (raw === undefined) return fallback
  const value = Number(raw)
  if (!Number.isSafeInteger(value) || value < 1) throw new ConfigError(`${name} must be a positive integer`)
  return value
}

/** A percentage with at most two decimals, above 0 and at most 100, as basis points (12.4 → 1240). */
function percentInBasisPoints(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = nonEmpty(env[name])
  if (raw === undefined) return fallback
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(raw.trim())) throw new ConfigError(`${name} must be a percentage like 12 or 12.4`)
  const [whole, fraction = ''] = raw.trim().split('.')
  const basisPoints = Number(whole) * 100 + Number(fraction.padEnd(2, '0'))
  if (basisPoints < 1 || basisPoints > 10_000) throw new ConfigError(`${name} must be above 0 and at most 100`)
  return basisPoints
}
