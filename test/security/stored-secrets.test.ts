import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keyedHash } from '../../src/server/secret.js'
import { call, createTestApp, type TestApp, type TestUser } from '../helpers/app.js'
import { idem, PIN, topUp, verifiedUserWithPin } from '../helpers/wallet.js'

let t: TestApp
const lines: string[] = []
let sender: TestUser
let receiver: TestUser

beforeAll(async () => {
  t = await createTestApp({ logLevel: 'trace', logStream: { write: (line) => lines.push(line) } })
  sender = await verifiedUserWithPin(t.app, '付款人')
  receiver = await verifiedUserWithPin(t.app, '收款人')
  await topUp(t.app, sender, 10_000)
})
afterAll(() => t.close())

/** The request fingerprint's input, as an attacker holding a database copy would rebuild it for each guess. */
function fingerprintInput(body: Record<string, unknown>): string {
  const sorted = Object.keys(body)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(body[k])}`)
  return `POST /api/v1/transfers\n{${sorted.join(',')}}`
}

describe('a copy of the database gives up no PIN', () => {
  it('stores the request fingerprint of a PIN-bearing payment keyed with the server secret', async () => {
    const key = idem()
    const body = { toUserId: receiver.id, amount: 100, pin: PIN }
    const res = await call(t.app, 'POST', '/api/v1/transfers', {
      token: sender.token,
      body,
      headers: { 'idempotency-key': key },
    })
    expect(res.status).toBe(201)

    const row = await t.app.ctx.database.db
      .selectFrom('idempotency_keys')
      .select('request_hash')
      .where('user_id', '=', sender.id)
      .where('key', '=', key)
      .executeTakeFirstOrThrow()
    // The attacker's best guess is the exact body: an unkeyed SHA-256 of it must not be what is stored.
    const unkeyed = crypto.createHash('sha256').update(fingerprintInput(body)).digest('base64url')
    expect(row.request_hash).not.toBe(unkeyed)
    expect(row.request_hash).toBe(
      keyedHash(Buffer.from(t.config.secret!, 'utf8'), 'idempotency-request', fingerprintInput(body)),
    )

    // The fingerprint still does its job: a retry replays, another PIN under the same key is another request.
    const retry = await call(t.app, 'POST', '/api/v1/transfers', {
      token: sender.token,
      body,
      headers: { 'idempotency-key': key },
    })
    expect(retry.status).toBe(201)
    expect(retry.body).toEqual(res.body)
    const other = await call(t.app, 'POST', '/api/v1/transfers', {
      token: sender.token,
      body: { ...body, pin: '000000' },
      headers: { 'idempotency-key': key },
    })
    expect(other.status).toBe(409)
  })

  it('writes no PIN to the log, even at trace level', () => {
    expect(lines.length).toBeGreaterThan(0)
    expect(lines.filter((line) => line.includes(PIN))).toEqual([])
  })
})
