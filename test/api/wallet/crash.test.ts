import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uniquePhone } from '../../helpers/app.js'
import { makeIdNumber } from '../../helpers/id-numbers.js'
import { idem, PIN } from '../../helpers/wallet.js'

const TSX = path.resolve('node_modules/.bin/tsx')
const CLI = path.resolve('src/server/cli.ts')

interface User {
  id: string
  token: string
}

interface Answer {
  status: number
  body: any
}

interface Request {
  from: User
  to: User
  key: string
  body: { toUserId: string; amount: number; pin: string }
  /** The answer received before the crash; undefined when the connection died first. */
  before?: Answer
}

/**
 * The real server, killed with SIGKILL in the middle of a write storm and started again on the same data: no
 * acknowledged transfer is lost, no retry moves money twice, and `lifecircle audit` proves the books.
 */
describe('a crash in the middle of a write storm', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifecircle-crash-'))
  const schema = `crash_${crypto.randomBytes(5).toString('hex')}`
  const port = 20000 + crypto.randomInt(20000)
  const base = `http://127.0.0.1:${port}/api/v1`
  let env: NodeJS.ProcessEnv
  let server: ChildProcess | undefined

  beforeAll(async () => {
    env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), LIFECIRCLE_IP_LIMITS: 'off', LOG_LEVEL: 'warn' }
    if (process.env.DATABASE_URL) {
      await onDatabase((client) => client.query(`create schema ${schema}`))
      const url = new URL(process.env.DATABASE_URL)
      url.searchParams.set('options', `-c search_path=${schema}`)
      env.DATABASE_URL = url.toString()
    }
  })

  afterAll(async () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve))
      stop(server, 'SIGTERM')
      await exited
    }
    fs.rmSync(dataDir, { recursive: true, force: true })
    if (process.env.DATABASE_URL) await onDatabase((client) => client.query(`drop schema if exists ${schema} cascade`))
  })

  async function start(): Promise<ChildProcess> {
    // A process group of its own: tsx runs the server in a child process, and a crash must take both down.
    const child = spawn(TSX, [CLI, 'serve'], { env, stdio: ['ignore', 'ignore', 'pipe'], detached: true })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    for (let i = 0; i < 200; i++) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr}`)
      if (i === 199) stop(child, 'SIGKILL')
      const health = await fetch(`${base}/health`).catch(() => undefined)
      if (health?.ok) return child
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    throw new Error(`server did not start: ${stderr}`)
  }

  async function api(method: string, url: string, options: { token?: string; body?: unknown; key?: string } = {}) {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.key ? { 'idempotency-key': options.key } : {}),
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : undefined }
  }

  async function verifiedUser(): Promise<User> {
    const phone = uniquePhone()
    const { body: sent } = await api('POST', '/auth/codes', { body: { phone, purpose: 'register' } })
    const reg = await api('POST', '/auth/register', {
      body: { phone, code: sent.sandboxCode, password: 'correct-horse-9', displayName: '压测' },
    })
    expect(reg.status).toBe(201)
    const user = { id: reg.body.user.id as string, token: reg.body.token as string }
    const realName = await api('POST', '/me/real-name', {
      token: user.token,
      body: { name: '王小明', idNumber: makeIdNumber() },
    })
    expect(realName.status).toBe(200)
    expect((await api('PUT', '/me/pin', { token: user.token, body: { pin: PIN } })).status).toBe(204)
    return user
  }

  const send = (r: Request) => api('POST', '/transfers', { token: r.from.token, body: r.body, key: r.key })

  async function history(user: User): Promise<any[]> {
    const items: any[] = []
    let cursor: string | null = null
    do {
      const query: string = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : '?limit=100'
      const page = await api('GET', `/wallet/transactions${query}`, { token: user.token })
      expect(page.status).toBe(200)
      items.push(...page.body.items)
      cursor = page.body.nextCursor
    } while (cursor)
    return items
  }

  it('loses no acknowledged transfer, never moves a retried one twice, and the audit proves the books', async () => {
    server = await start()
    const users = await Promise.all(Array.from({ length: 8 }, () => verifiedUser()))
    const topUps = new Map<string, string>()
    for (const user of users) {
      const res = await api('POST', '/wallet/topups', { token: user.token, body: { amount: 1_000_000 }, key: idem() })
      expect(res.status).toBe(201)
      topUps.set(user.id, res.body.transaction.id)
    }

    // Sixteen clients send transfers back to back; once enough are acknowledged, the server is killed mid-write.
    const requests: Request[] = []
    let acknowledged = 0
    let killed = false
    const exited = new Promise((resolve) => server!.once('exit', resolve))
    const client = async () => {
      while (!killed) {
        const from = users[crypto.randomInt(users.length)]!
        const to = users.filter((u) => u !== from)[crypto.randomInt(users.length - 1)]!
        const request: Request = {
          from,
          to,
          key: idem(),
          body: { toUserId: to.id, amount: crypto.randomInt(1, 500), pin: PIN },
        }
        requests.push(request)
        request.before = await send(request).catch(() => undefined)
        if (request.before?.status === 201) acknowledged += 1
        if (acknowledged >= 150 && !killed) {
          killed = true
          stop(server!, 'SIGKILL')
        }
      }
    }
    await Promise.all(Array.from({ length: 16 }, client))
    await exited
    await untilRefused(`${base}/health`)
    const acked = requests.filter((r) => r.before?.status === 201)
    expect(acked.length).toBeGreaterThanOrEqual(150)
    // The kill came mid-storm: requests were in flight and lost their answers.
    expect(requests.filter((r) => !r.before).length).toBeGreaterThan(0)
    // Every answer before the crash was a transfer done; there was money enough for all of them.
    for (const r of requests) if (r.before) expect(r.before.status, JSON.stringify(r.before.body)).toBe(201)

    server = await start()

    // Every acknowledged transfer survived, in the sender's history and the recipient's.
    const histories = new Map(await Promise.all(users.map(async (u) => [u.id, await history(u)] as const)))
    for (const r of acked) {
      const id = r.before!.body.transaction.id
      expect(
        histories.get(r.from.id)!.find((t) => t.id === id),
        id,
      ).toMatchObject({ amount: -r.body.amount })
      expect(
        histories.get(r.to.id)!.find((t) => t.id === id),
        id,
      ).toMatchObject({ amount: r.body.amount })
    }

    // Retrying everything: the acknowledged ones answer exactly as before, the lost answers are now given, and
    // a second round changes nothing.
    const retries = await Promise.all(requests.map(send))
    for (const [i, r] of requests.entries()) {
      expect(retries[i]!.status, JSON.stringify(retries[i]!.body)).toBe(201)
      if (r.before) expect(retries[i], r.key).toEqual(r.before)
    }
    expect(await Promise.all(requests.map(send))).toEqual(retries)

    // Balances and histories hold each transfer exactly once.
    const balances = new Map(users.map((u) => [u.id, 1_000_000]))
    const ids = new Map(users.map((u) => [u.id, [topUps.get(u.id)!]]))
    for (const [i, r] of requests.entries()) {
      balances.set(r.from.id, balances.get(r.from.id)! - r.body.amount)
      balances.set(r.to.id, balances.get(r.to.id)! + r.body.amount)
      ids.get(r.from.id)!.push(retries[i]!.body.transaction.id)
      ids.get(r.to.id)!.push(retries[i]!.body.transaction.id)
    }
    for (const user of users) {
      const wallet = await api('GET', '/wallet', { token: user.token })
      expect(wallet.body, user.id).toMatchObject({ balance: balances.get(user.id), available: balances.get(user.id) })
      expect((await history(user)).map((t) => t.id).sort(), user.id).toEqual(ids.get(user.id)!.sort())
    }

    const audit = spawnSync(TSX, [CLI, 'audit'], { env, encoding: 'utf8', timeout: 60_000 })
    const dialect = process.env.DATABASE_URL ? 'postgres' : 'sqlite'
    const transfers = users.length + requests.length
    expect(audit.stdout).toContain(`ledger audit (${dialect}): ${users.length + 5} accounts, ${transfers} transfers`)
    expect(audit.stdout).toContain('sum of all posted balances: 0')
    expect(audit.stdout).toContain('✓ every balance equals its transfers, the books sum to zero, no wallet is negative')
    expect(audit.stdout).not.toContain('✗')
    expect(audit.status, audit.stdout + audit.stderr).toBe(0)
  }, 120_000)
})

/** Signals the server's whole process group. */
function stop(child: ChildProcess, signal: NodeJS.Signals): void {
  process.kill(-child.pid!, signal)
}

async function untilRefused(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (!(await fetch(url).catch(() => undefined))) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${url} still answers after the kill`)
}

async function onDatabase(run: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await client.connect()
  try {
    await run(client)
  } finally {
    await client.end()
  }
}
