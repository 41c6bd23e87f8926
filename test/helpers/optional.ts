import fs from 'node:fs'
import { describe } from 'vitest'

export const CHROMIUM_PATH = '/usr/bin/chromium'

type Suite = (name: string, body: () => void) => void

/**
 * A suite that needs an optional part. Missing locally: it says so loudly and skips. Missing in CI
 * (CI=true): it fails, because in CI nothing may skip.
 */
function describeIfAvailable(
  part: string,
  whyMissing: () => string | undefined,
  neededInThisRun: () => boolean = () => true,
): Suite {
  return (name, body) => {
    const missing = whyMissing()
    if (!missing) return describe(name, body)
    if (process.env.CI === 'true' && neededInThisRun()) {
      return describe(name, () => {
        throw new Error(`CI needs ${part}, but ${missing}`)
      })
    }
    console.warn(`\n  ⚠ SKIPPING "${name}": needs ${part}, but ${missing}\n`)
    return describe.skip(name, body)
  }
}

export const describeIfE2E = describeIfAvailable('a browser (E2E=1 and Chromium)', () => {
  if (process.env.E2E !== '1') return 'E2E=1 is not set'
  if (!fs.existsSync(CHROMIUM_PATH)) return `${CHROMIUM_PATH} is missing (apt-get install chromium)`
  return undefined
})

/** Redis for adapter tests: REDIS_URL, or TEST_REDIS_URL when the app itself should stay on the in-memory bus. */
export const REDIS_TEST_URL = process.env.REDIS_URL ?? process.env.TEST_REDIS_URL

export const describeIfRedis = describeIfAvailable('Redis', () =>
  REDIS_TEST_URL ? undefined : 'neither REDIS_URL nor TEST_REDIS_URL is set',
)

/**
 * Tests of PostgreSQL itself (its outages, its locks). CI runs them in its PostgreSQL pass; its SQLite pass skips
 * them, as there is no PostgreSQL in that run to test.
 */
export const describeIfPostgres = describeIfAvailable(
  'PostgreSQL',
  () => (process.env.DATABASE_URL ? undefined : 'DATABASE_URL is not set'),
  () => false,
)

/**
 * Cluster mode: PostgreSQL and Redis both. CI runs these in its PostgreSQL pass; its SQLite pass skips them, as
 * several processes on one SQLite file is no cluster.
 */
export const describeIfCluster = describeIfAvailable(
  'PostgreSQL and Redis',
  () => {
    if (!process.env.DATABASE_URL) return 'DATABASE_URL is not set'
    if (!REDIS_TEST_URL) return 'neither REDIS_URL nor TEST_REDIS_URL is set'
    return undefined
  },
  () => Boolean(process.env.DATABASE_URL),
)
