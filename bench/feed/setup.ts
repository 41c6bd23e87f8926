import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import { hashPassword } from '../../src/server/accounts/password.js'
import { buildApp } from '../../src/server/app.js'
import { loadConfig, type Config } from '../../src/server/config.js'
import { postgresLoader, sqliteLoader, type BulkLoader } from './bulk.js'

export interface FeedTarget {
  dialect: 'sqlite' | 'postgres'
  app: FastifyInstance
  loader: BulkLoader
  /** One precomputed password hash shared by every bench user (nobody logs in: sessions are inserted). */
  passwordHash: string
  /** The server secret, for rows the app keys with it (real names' ID-number hashes). */
  secret: Buffer
  close(): Promise<void>
}

export interface TargetOptions {
  /** Names the temporary folder and schema (`feed`). */
  bench?: string
  /** Redis as the bus, under a prefix of its own; unset: the in-process bus. */
  redisUrl?: string
  /** How live rooms send danmaku; the danmaku bench compares both. */
  liveFanout?: Config['liveFanout']
  /** More settings, as the environment would give them (limits raised for a bench). */
  env?: Record<string, string>
}

/**
 * A fresh app on a fresh database, its tables made by the app's own migrations: SQLite in a temporary folder,
 * or a PostgreSQL schema of its own (dropped on close). Abuse limits per address are off (one client address).
 * `env` adds configuration (a bench's raised limits); `bench` labels the folder and the schema.
 */
export async function createFeedTarget(
  postgresUrl: string | undefined,
  { bench = 'feed', redisUrl, liveFanout = 'batched', env }: TargetOptions = {},
): Promise<FeedTarget> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `lifecircle-${bench}-bench-`))
  const unique = crypto.randomBytes(6).toString('hex')
  const config: Config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: postgresUrl,
    LOG_LEVEL: 'error',
    LIFECIRCLE_SECRET: crypto.randomBytes(32).toString('hex'),
    LIFECIRCLE_IP_LIMITS: 'off',
    REDIS_URL: redisUrl,
    // Channels of this run only, so that another run or a server on the same Redis never hears them.
    LIFECIRCLE_REDIS_PREFIX: `bench-${bench}-${unique}:`,
    ...env,
  })
  config.liveFanout = liveFanout
  const schema = postgresUrl ? `bench_${bench}_${unique}` : undefined
  if (schema && postgresUrl) {
    await withClient(postgresUrl, (client) => client.query(`create schema ${schema}`))
    config.databaseSchema = schema
  }
  const cleanup = async () => {
    if (schema && postgresUrl) {
      await withClient(postgresUrl, (client) => client.query(`drop schema if exists ${schema} cascade`))
    }
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    const app = await buildApp(config)
    const { database } = app.ctx
    return {
      dialect: database.dialect,
      app,
      loader: database.sqlite ? sqliteLoader(database.sqlite) : postgresLoader(database.pool!),
      passwordHash: await hashPassword('bench-password-1', config.passwordCostLog2),
      secret: Buffer.from(config.secret!, 'utf8'),
      async close() {
        await app.close()
        await cleanup()
      },
    }
  } catch (error) {
    await cleanup()
    throw error
  }
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
export async function engineVersion(app: FastifyInstance): Promise<string> {
  const { database } = app.ctx
  if (database.sqlite) {
    return `SQLite ${(database.sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v}`
  }
  const { rows } = await database.pool!.query<{ server_version: string }>('show server_version')
  return `PostgreSQL ${rows[0]!.server_version}`
}
