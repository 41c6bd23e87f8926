import { spawn, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const TSX = path.resolve('node_modules/.bin/tsx')
const CLI = path.resolve('src/server/cli.ts')

/** Runs the CLI as a user would, on a fresh data folder (and a fresh PostgreSQL schema when DATABASE_URL is set). */
describe('the lifecircle command', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifecircle-cli-'))
  const schema = `cli_${crypto.randomBytes(5).toString('hex')}`
  let env: NodeJS.ProcessEnv

  beforeAll(async () => {
    env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' }
    if (process.env.DATABASE_URL) {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
      await client.connect()
      await client.query(`create schema ${schema}`)
      await client.end()
      const url = new URL(process.env.DATABASE_URL)
      url.searchParams.set('options', `-c search_path=${schema}`)
      env.DATABASE_URL = url.toString()
    }
  })

  afterAll(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true })
    if (process.env.DATABASE_URL) {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
      await client.connect()
      await client.query(`drop schema if exists ${schema} cascade`)
      await client.end()
    }
  })

  const run = (...args: string[]) => spawnSync(TSX, [CLI, ...args], { env, encoding: 'utf8', timeout: 60_000 })

  it('documents its commands and every environment variable', () => {
    const help = run('serve', '--help')
    expect(help.status).toBe(0)
    for (const name of [
      'serve',
      'migrate',
      'demo',
      'PORT',
      'HOST',
      'DATA_DIR',
      'DATABASE_URL',
      'REDIS_URL',
      'LOG_LEVEL',
      'LIFECIRCLE_SECRET',
      'LIFECIRCLE_IP_LIMITS',
      'LIFECIRCLE_SMS_PROVIDER',
      'LIFECIRCLE_SMS_WEBHOOK_URL',
      'LIFECIRCLE_SMS_WEBHOOK_SECRET',
      'operator grant|revoke',
    ]) {
      expect(help.stdout).toContain(name)
    }
  })

  it('refuses a bad configuration with a clear message and exit code 2', () => {
    const res = spawnSync(TSX, [CLI, 'migrate'], { env: { ...env, PORT: 'abc' }, encoding: 'utf8' })
    expect(res.status).toBe(2)
    expect(res.stderr).toContain('PORT')
  })

  it('migrates, generates the secret once with owner-only permissions, and seeds the demo twice safely', () => {
    expect(run('migrate').status).toBe(0)
    if (!process.env.DATABASE_URL) expect(fs.existsSync(path.join(dataDir, 'lifecircle.db'))).toBe(true)
    const secretFile = path.join(dataDir, 'secret')
    expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600)
    const secret = fs.readFileSync(secretFile, 'utf8')

    const first = run('demo')
    expect(first.status).toBe(0)
    expect(first.stdout).toContain('13800000001')
    expect(first.stdout).toContain('lifecircle-demo')
    const second = run('demo')
    expect(second.status).toBe(0)
    expect(second.stdout).toContain('already there')
    expect(fs.readFileSync(secretFile, 'utf8')).toBe(secret)
  })

  // After the demo above: its first user is there to be granted.
  it('grants and revokes the operator role by phone, and says so for an unknown phone', () => {
    const granted = run('operator', 'grant', '13800000001')
    expect(granted.status).toBe(0)
    expect(granted.stdout).toContain('is now an operator')
    expect(run('operator', 'revoke', '13800000001').status).toBe(0)
    const unknown = run('operator', 'grant', '13999999999')
    expect(unknown.status).toBe(1)
    expect(unknown.stderr).toContain('no user with phone')
    expect(run('operator', 'promote', '13800000001').status).toBe(2)
  }, 120_000)

  it('refuses the webhook SMS provider without its URL and secret', () => {
    const res = spawnSync(TSX, [CLI, 'migrate'], {
      env: { ...env, LIFECIRCLE_SMS_PROVIDER: 'webhook' },
      encoding: 'utf8',
    })
    expect(res.status).toBe(2)
    expect(res.stderr).toContain('LIFECIRCLE_SMS_WEBHOOK_URL')
  })

  it('serves the API until stopped, and the demo logins work against it', async () => {
    run('demo')
    const port = 20000 + crypto.randomInt(20000)
    const server = spawn(TSX, [CLI, 'serve'], { env: { ...env, PORT: String(port) }, stdio: 'pipe' })
    try {
      const base = `http://127.0.0.1:${port}/api/v1`
      let health: Response | undefined
      for (let i = 0; i < 100 && !health?.ok; i++) {
        health = await fetch(`${base}/health`).catch(() => undefined)
        if (!health?.ok) await new Promise((r) => setTimeout(r, 100))
      }
      expect(health?.status).toBe(200)
      const login = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone: '13800000001', password: 'lifecircle-demo' }),
      })
      expect(login.status).toBe(200)
      const { user } = (await login.json()) as { user: { realName: { verified: boolean }; hasPin: boolean } }
      expect(user.realName.verified).toBe(true)
      expect(user.hasPin).toBe(true)
    } finally {
      server.kill('SIGTERM')
      await new Promise((r) => server.once('exit', r))
    }
  })
})
