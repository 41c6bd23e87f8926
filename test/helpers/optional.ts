import fs from 'node:fs'
import { describe } from 'vitest'

export const CHROMIUM_PATH = '/usr/bin/chromium'

/**
 * A suite that needs an optional part. Missing locally: it says so loudly and skips. Missing in CI
 * (CI=true): it fails, because in CI nothing may skip.
 */
function describeIfAvailable(part: string, missing: string | undefined) {
  if (!missing) return describe
  if (process.env.CI === 'true') throw new Error(`CI needs ${part}, but ${missing}`)
  console.warn(`\n  ⚠ SKIPPING ${part} tests: ${missing}\n`)
  return describe.skip
}

export const describeIfE2E = describeIfAvailable(
  'browser (E2E)',
  process.env.E2E !== '1'
    ? 'E2E=1 is not set'
    : fs.existsSync(CHROMIUM_PATH)
      ? undefined
      : `${CHROMIUM_PATH} is missing (apt-get install chromium)`,
)

export const describeIfRedis = describeIfAvailable('Redis', process.env.REDIS_URL ? undefined : 'REDIS_URL is not set')

export const describeIfPostgres = describeIfAvailable(
  'PostgreSQL',
  process.env.DATABASE_URL ? undefined : 'DATABASE_URL is not set',
)
