import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import { checkCharacter } from '../../src/shared/validation/id-number.js'
import { buildApp } from '../../src/server/app.js'
import { loadConfig, type Config } from '../../src/server/config.js'
import { walletAccountId } from '../../src/server/ledger/accounts.js'

export const BENCH_PIN = '135790'
const PASSWORD = 'bench-password-1'
/** Two top-ups of the per-operation maximum: far more than any run spends at 1–9 fen a transfer. */
const TOP_UP_FEN = 5_000_000
const TOP_UPS = 2

export interface BenchUser {
  id: string
  token: string
  walletId: string
}

export interface BenchTarget {
  /** `sqlite` or `postgres`. */
  dialect: 'sqlite' | 'postgres'
  app: FastifyInstance
  users: BenchUser[]
  close(): Promise<void>
}

/**
 * A fresh server and database for one run: SQLite in a temporary folder, or a PostgreSQL schema of its own
 * (dropped on close). Users are set up through the services, as a real user would be: registered,
 * real-name verified, PIN set, wallet topped up.
 */
export async function createTarget(options: { postgresUrl?: string; users: number }): Promise<BenchTarget> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifecircle-bench-'))
  const config: Config = {
    ...loadConfig({
      DATA_DIR: dataDir,
      DATABASE_URL: options.postgresUrl,
      LOG_LEVEL: 'error',
      LIFECIRCLE_SECRET: crypto.randomBytes(32).toString('hex'),
      LIFECIRCLE_IP_LIMITS: 'off',
    }),
    passwordCostLog2: 14,
  }
  const schema = options.postgresUrl ? `bench_${crypto.randomBytes(6).toString('hex')}` : undefined
  if (schema && options.postgresUrl) {
    await withClient(options.postgresUrl, (client) => client.query(`create schema ${schema}`))
    config.databaseSchema = schema
  }
  const cleanup = async () => {
    if (schema && options.postgresUrl) {
      await withClient(options.postgresUrl, (client) => client.query(`drop schema if exists ${schema} cascade`))
    }
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  let app: FastifyInstance
  try {
    app = await buildApp(config)
  } catch (error) {
    await cleanup()
    throw error
  }
  try {
    const users = await createUsers(app, options.users)
    return {
      dialect: app.ctx.database.dialect,
      app,
      users,
      async close() {
        await app.close()
        await cleanup()
      },
    }
  } catch (error) {
    await app.close()
    await cleanup()
    throw error
  }
}

async function createUsers(app: FastifyInstance, count: number): Promise<BenchUser[]> {
  const users: BenchUser[] = []
  // scrypt runs on libuv's pool: a few at a time keeps both cores busy.
  for (let start = 0; start < count; start += 8) {
    const part = Array.from({ length: Math.min(8, count - start) }, (_, i) => createUser(app, start + i))
    users.push(...(await Promise.all(part)))
  }
  return users
}

async function createUser(app: FastifyInstance, index: number): Promise<BenchUser> {
  const { ctx } = app
  const phone = `139${String(10_000_000 + index).padStart(8, '0')}`
  const { user, token } = await ctx.accounts.register(
    { phone, password: PASSWORD, displayName: `压测${index}` },
    'zh-Hans',
    { address: '127.0.0.1' },
  )
  await ctx.realNames.verify(user.id, { name: '测试用户', idNumber: idNumber(index) })
  await ctx.pins.set(user.id, BENCH_PIN, undefined)
  const actor = { id: user.id, locale: 'zh-Hans' as const }
  for (let i = 0; i < TOP_UPS; i++) {
    const key = `bench-topup-${i}`
    const response = await ctx.wallet.topUp(actor, { amount: TOP_UP_FEN }, { userId: user.id, key, requestHash: key })
    if (response.status !== 201) throw new Error(`top-up failed: ${JSON.stringify(response.body)}`)
  }
  return { id: user.id, token, walletId: walletAccountId(user.id) }
}

/** A valid, distinct 18-digit ID number per index: birth dates spread over 1980–1999, sequence 000–999. */
function idNumber(index: number): string {
  const year = 1980 + (index % 20)
  const sequence = String(Math.floor(index / 20) % 1000).padStart(3, '0')
  const first17 = `110105${year}0517${sequence}`
  return first17 + checkCharacter(first17)
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

/** Server and SQL engine versions for the report. */
export async function engineVersion(target: BenchTarget): Promise<string> {
  const { database } = target.app.ctx
  if (database.sqlite) {
    return `SQLite ${(database.sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v}`
  }
  const { rows } = await database.pool!.query<{ server_version: string }>('show server_version')
  return `PostgreSQL ${rows[0]!.server_version}`
}
