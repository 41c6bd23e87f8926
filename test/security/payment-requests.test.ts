import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../helpers/app.js'
import { idem, PIN, topUp, verifiedUserWithPin } from '../helpers/wallet.js'

/** Set low here, to show they are settings; the defaults are 20 an hour and 5 to one payer per 24 hours. */
const PER_HOUR = 8
const PER_PAYER_PER_DAY = 3

let t: TestApp
let now = Date.parse('2026-03-02T08:00:00Z')
beforeAll(async () => {
  t = await createTestApp({
    clock: () => now,
    env: {
      LIFECIRCLE_PAYMENT_REQUESTS_PER_HOUR: String(PER_HOUR),
      LIFECIRCLE_PAYMENT_REQUESTS_PER_PAYER_DAY: String(PER_PAYER_PER_DAY),
    },
  })
})
afterAll(() => t.close())

function ask(requester: TestUser, payer: TestUser, amount = 5_000_000) {
  return call(t.app, 'POST', '/api/v1/payment-requests', {
    token: requester.token,
    body: { fromUserId: payer.id, amount },
  })
}

async function block(blocker: TestUser, blocked: TestUser): Promise<void> {
  const res = await call(t.app, 'POST', '/api/v1/blocks', { token: blocker.token, body: { userId: blocked.id } })
  expect(res.status).toBe(201)
}

async function incomingCount(payer: TestUser): Promise<number> {
  const res = await call(t.app, 'GET', '/api/v1/payment-requests?direction=incoming&limit=100', {
    token: payer.token,
  })
  return res.body.items.length
}

describe('payment requests follow the transfer rule', () => {
  it('refuses a request to someone who blocked the requester, as a transfer to them is refused', async () => {
    const alice = await verifiedUserWithPin(t.app)
    const bob = await verifiedUserWithPin(t.app)
    await topUp(t.app, bob, 10_000)
    await block(alice, bob)
    const transfer = await call(t.app, 'POST', '/api/v1/transfers', {
      token: bob.token,
      body: { toUserId: alice.id, amount: 100, pin: PIN },
      headers: { 'idempotency-key': idem() },
    })
    expect(transfer.status).toBe(403)
    const request = await ask(bob, alice)
    expect(request.status).toBe(403)
    expect(request.body.error.code).toBe(transfer.body.error.code)
    expect(await incomingCount(alice)).toBe(0)
  })

  it('refuses to pay a request to someone who has since blocked the payer, as a transfer would be', async () => {
    const alice = await verifiedUserWithPin(t.app)
    const bob = await verifiedUserWithPin(t.app)
    await topUp(t.app, alice, 10_000)
    const request = await ask(bob, alice, 100)
    expect(request.status).toBe(201)
    await block(bob, alice)
    const paid = await call(t.app, 'POST', `/api/v1/payment-requests/${request.body.id}/pay`, {
      token: alice.token,
      body: { pin: PIN },
      headers: { 'idempotency-key': idem() },
    })
    expect(paid.status).toBe(403)
    expect(paid.body.error.code).toBe('FORBIDDEN')
  })
})

describe('payment requests are limited per sender (a product rule, on although per-address limits are off)', () => {
  it('lets a stranger flood no one: a burst of requests to one payer is cut at the per-payer limit', async () => {
    const alice = await verifiedUserWithPin(t.app)
    const stranger = await verifiedUserWithPin(t.app)
    const answers = await Promise.all(Array.from({ length: 30 }, () => ask(stranger, alice)))
    expect(answers.filter((a) => a.status === 201)).toHaveLength(PER_PAYER_PER_DAY)
    const limited = answers.filter((a) => a.status === 429)
    expect(limited).toHaveLength(30 - PER_PAYER_PER_DAY)
    expect(limited[0]!.body.error.code).toBe('RATE_LIMITED')
    expect(Number(limited[0]!.headers['retry-after'])).toBeGreaterThan(0)
    expect(await incomingCount(alice)).toBe(PER_PAYER_PER_DAY)

    now += 24 * 3600_000
    expect((await ask(stranger, alice)).status).toBe(201)
  })

  it('caps what one sender asks of everyone together per hour', async () => {
    const sender = await verifiedUserWithPin(t.app)
    const payers = await Promise.all(Array.from({ length: PER_HOUR + 1 }, () => registerUser(t.app)))
    const statuses: number[] = []
    for (const payer of payers) statuses.push((await ask(sender, payer)).status)
    expect(statuses).toEqual([...Array(PER_HOUR).fill(201), 429])

    now += 3600_000
    expect((await ask(sender, payers[0]!)).status).toBe(201)
  })
})
