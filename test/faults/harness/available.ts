import fs from 'node:fs'
import { spawnSync } from 'node:child_process'
import { describe } from 'vitest'
import { NGINX } from './nginx.js'
import { postgresBinDir } from './postgres.js'

/** What the fault tests start for themselves; missing, they skip locally and fail in CI, where nothing may skip. */
function missingTool(): string | undefined {
  if (!postgresBinDir()) return 'the PostgreSQL server binaries (initdb, pg_ctl) are not under /usr/lib/postgresql'
  if (spawnSync('redis-server', ['--version']).status !== 0) return 'redis-server is not on the PATH'
  if (!fs.existsSync(NGINX)) return `${NGINX} is missing (apt-get install nginx)`
  return undefined
}

export function describeIfFaultTools(name: string, body: () => void): void {
  const missing = missingTool()
  if (!missing) return void describe(name, body)
  if (process.env.CI === 'true') {
    return void describe(name, () => {
      throw new Error(`CI needs the fault-test tools, but ${missing}`)
    })
  }
  console.warn(`\n  ⚠ SKIPPING "${name}": ${missing}\n`)
  describe.skip(name, body)
}
