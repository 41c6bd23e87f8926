import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import pg from 'pg'
import { buildApp } from '../../src/server/app.js'
import { loadConfig, type Config } from '../../src/server/config.js'

export interface TestAppOptions {
  clock?: () => number
  ipLimits?: boolean
  webRoot?: string
  logStream?: { write(line: string): void }
  logLevel?: string
  /** More environment for loadConfig (LIFECIRCLE_… settings). */
  env?: Record<string, string>
  /** SQLite even when DATABASE_URL is set: for tests about the SQLite files themselves. */
  sqlite?: boolean
  /** Redis for the bus even when REDIS_URL is not set (REDIS_URL wins when it is). */
  redisUrl?: string
}

export interface TestApp {
  app: FastifyInstance
  config: Config
  close(): Promise<void>
}

/**
 * A fresh server on a fresh database: SQLite in a temporary folder, or, when DATABASE_URL is set, a schema of
 * its own in that PostgreSQL database (dropped on close), so test files never see each other's rows.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifecircle-test-'))
  const config: Config = {
    ...loadConfig({
      DATA_DIR: dataDir,
      DATABASE_URL: options.sqlite ? undefined : process.env.DATABASE_URL,
      REDIS_URL: process.env.REDIS_URL ?? options.redisUrl,
      LOG_LEVEL: options.logLevel ?? process.env.TEST_LOG_LEVEL ?? 'silent',
      LIFECIRCLE_SECRET: crypto.randomBytes(32).toString('hex'),
      LIFECIRCLE_IP_LIMITS: options.ipLimits ? 'on' : 'off',
      ...options.env,
    }),
    webRoot: options.webRoot,
    redisPrefix: `test-${crypto.randomBytes(6).toString('hex')}:`,
    passwordCostLog2: 14,
  }
  const schema = config.databaseUrl ? await createSchema(config.databaseUrl) : undefined
  config.databaseSchema = schema
  const app = await buildApp(config, { clock: options.clock, logStream: options.logStream })
  return {
    app,
    config,
    async close() {
      await app.close()
      if (schema && config.databaseUrl) await dropSchema(config.databaseUrl, schema)
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
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

async function createSchema(url: string): Promise<string> {
  const schema = `test_${crypto.randomBytes(6).toString('hex')}`
  await withClient(url, (client) => client.query(`create schema ${schema}`))
  return schema
}

async function dropSchema(url: string, schema: string): Promise<void> {
  await withClient(url, (client) => client.query(`drop schema if exists ${schema} cascade`))
}

let phoneCounter = 0
/** A CN mobile number unique within this process (and almost surely across files sharing nothing anyway). */
export function uniquePhone(): string {
  phoneCounter += 1
  const base = crypto.randomInt(10_000_000, 99_999_999)
  return `139${String((base + phoneCounter) % 100_000_000).padStart(8, '0')}`
}

export interface Json {
  status: number
  body: any
  headers: LightMyRequestResponse['headers']
}

/** `app.inject` with JSON in and out, and an optional bearer token. */
export async function call(
  app: FastifyInstance,
  method: InjectOptions['method'],
  url: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; remoteAddress?: string } = {},
): Promise<Json> {
  const response = await app.inject({
    method,
    url,
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { payload: options.body as object } : {}),
  })
  const text = response.body
  return { status: response.statusCode, body: text ? JSON.parse(text) : undefined, headers: response.headers }
}

export interface TestUser {
  id: string
  phone: string
  password: string
  token: string
}

let addressCounter = 0
/**
 * A client address of its own for each registration: phone codes are limited per address, and tests register
 * more people than one address may ask codes for.
 */
export function uniqueAddress(): string {
  addressCounter += 1
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`
}

/** Asks for a register code (sandbox provider) and returns it. */
export async function registerCode(
  app: FastifyInstance,
  phone: string,
  remoteAddress = uniqueAddress(),
): Promise<string> {
  const res = await call(app, 'POST', '/api/v1/auth/codes', { body: { phone, purpose: 'register' }, remoteAddress })
  if (res.status !== 202 || typeof res.body?.sandboxCode !== 'string')
    throw new Error(`code failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.sandboxCode
}

/** POST /auth/register with a fresh code for the phone, from an address of its own. */
export async function registerWithCode(
  app: FastifyInstance,
  body: { phone: string; password: string; displayName: string; locale?: string },
  headers: Record<string, string> = {},
): Promise<Json> {
  const remoteAddress = uniqueAddress()
  const code = await registerCode(app, body.phone, remoteAddress)
  return call(app, 'POST', '/api/v1/auth/register', { body: { ...body, code }, headers, remoteAddress })
}

export async function registerUser(app: FastifyInstance, displayName = '测试用户'): Promise<TestUser> {
  const phone = uniquePhone()
  const password = 'correct-horse-9'
  const res = await registerWithCode(app, { phone, password, displayName })
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`)
  return { id: res.body.user.id, phone, password, token: res.body.token }
}
