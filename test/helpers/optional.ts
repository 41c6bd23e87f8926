import fs from 'node:fs'
import { describe } from 'vitest'

export const CHROMIUM_PATH = '/usr/bin/chromium'

type Suite = (name: string, body: () => void) => void

/**
 * A suite that needs an optional part. Missing locally: it says so loudly and skips. Missing in CI
 * (CI=true): it fails, because in CI nothing may skip.
 */
function describeIfAvailable(part: string, whyMissing: () => string | undefined): Suite {
  return (name, body) => {
    const missing = whyMissing()
    if (!missing) return describe(name, body)
    if (process.env.CI === 'true') {
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

export const describeIfRedis = describeIfAvailable('Redis', () =>
  process.env.REDIS_URL ? undefined : 'REDIS_URL is not set',
)

export const describeIfPostgres = describeIfAvailable('PostgreSQL', () =>
  process.env.DATABASE_URL ? undefined : 'DATABASE_URL is not set',
)
