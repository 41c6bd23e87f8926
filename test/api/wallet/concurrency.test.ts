import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, type Json, type TestApp, type TestUser } from '../../helpers/app.js'
import { allTransactions, idem, PIN, topUp, verifiedUserWithPin, walletOf } from '../../helpers/wallet.js'

/** A small seeded generator: the storm is random but the same on every run. */
function prng(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
  }
}

interface Sent {
  from: TestUser
  to: TestUser
  key: string
  body: { toUserId: string; amount: number; pin: string; note?: string }
}

/** Money moved, as the acknowledged answers say: user id → change of balance. */
class Expected {
  readonly balances = new Map<string, number>()
  readonly transactionIds = new Map<string, Set<string>>()

  move(from: TestUser, to: TestUser, amount: number, transactionId: string) {
    this.add(from, -amount, transactionId)
    this.add(to, amount, transactionId)
  }

  add(user: TestUser, amount: number, transactionId: string) {
    this.balances.set(user.id, (this.balances.get(user.id) ?? 0) + amount)
    const ids = this.transactionIds.get(user.id) ?? new Set<string>()
    if (ids.has(transactionId)) throw new Error(`transaction ${transactionId} acknowledged twice for ${user.id}`)
    this.transactionIds.set(user.id, ids.add(transactionId))
  }
}

describe('money under concurrent requests', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp()
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app

  const transfer = (s: Sent, body: object = s.body) =>
    call(app(), 'POST', '/api/v1/transfers', {
      token: s.from.token,
      body,
      headers: { 'idempotency-key': s.key, 'accept-language': 'en' },
    })
  const pay = (payer: TestUser, requestId: string, key: string) =>
    call(app(), 'POST', `/api/v1/payment-requests/${requestId}/pay`, {
      token: payer.token,
      body: { pin: PIN },
      headers: { 'idempotency-key': key, 'accept-language': 'en' },
    })
  const askFor = async (requester: TestUser, payer: TestUser, amount: number): Promise<string> => {
    const res = await call(app(), 'POST', '/api/v1/payment-requests', {
      token: requester.token,
      body: { fromUserId: payer.id, amount },
    })
    expect(res.status).toBe(201)
    return res.body.id
  }

  async function assertBooks(users: TestUser[], expected: Expected) {
    for (const user of users) {
      const wallet = await walletOf(app(), user)
      const balance = expected.balances.get(user.id) ?? 0
      expect(wallet, user.id).toMatchObject({ balance, available: balance, currency: 'CNY' })
      const history = await allTransactions(app(), user)
      expect(history.map((t) => t.id).sort(), user.id).toEqual([...(expected.transactionIds.get(user.id) ?? [])].sort())
    }
    const audit = await app().ctx.ledger.audit()
    expect(audit.problems).toEqual([])
    expect(audit.ok).toBe(true)
  }

  it('moves exactly what the acknowledged answers say, once each, through a storm of transfers, retries and pays', async () => {
    const random = prng(20240611)
    const users = await Promise.all(Array.from({ length: 20 }, (_, i) => verifiedUserWithPin(app(), `用户${i}`)))
    const expected = new Expected()
    const payers = users.slice(0, 4)
    const senders = users.slice(4)
    const fundings = [0, 500, 2_000, 5_000, 20_000]
    for (const [i, user] of users.entries()) {
      const amount = i < payers.length ? 10_000 : fundings[i % fundings.length]!
      if (amount > 0) expected.add(user, amount, (await topUp(app(), user, amount)).id)
    }
    // Each payer is asked by two others; the payers send nothing in the storm, so each request can be paid.
    const paymentRequests: Array<{ id: string; payer: TestUser; requester: TestUser; amount: number }> = []
    for (const [i, payer] of payers.entries()) {
      for (const requester of [senders[i]!, senders[i + 4]!]) {
        const amount = random.int(100, 2_000)
        paymentRequests.push({ id: await askFor(requester, payer, amount), payer, requester, amount })
      }
    }

    const sent: Sent[] = []
    for (let i = 0; i < 260; i++) {
      const from = senders[random.int(0, senders.length - 1)]!
      let to = users[random.int(0, users.length - 1)]!
      while (to.id === from.id) to = users[random.int(0, users.length - 1)]!
      // One in twenty asks for more money than there is in the whole community.
      const amount = random.chance(0.05) ? 5_000_000 : random.int(1, 3_000)
      sent.push({ from, to, key: idem(), body: { toUserId: to.id, amount, pin: PIN, note: `#${i}` } })
    }
    const retried = sent.filter(() => random.chance(0.15))
    // The same key with two bodies at the same moment. Only payers send these, and a payer always has the money
    // for either, so exactly one of the two is done and the other refused as a reused key.
    const rivals = payers.flatMap((from) =>
      [1, 2].map(() => {
        const to = senders[random.int(0, senders.length - 1)]!
        const first: Sent = { from, to, key: idem(), body: { toUserId: to.id, amount: random.int(1, 1_000), pin: PIN } }
        return { first, second: { ...first, body: { ...first.body, amount: first.body.amount + 1 } } }
      }),
    )

    const storm = await Promise.all([
      Promise.all(sent.map((s) => transfer(s))),
      Promise.all(retried.map((s) => transfer(s))),
      Promise.all(retried.map((s) => transfer(s))),
      Promise.all(rivals.map((r) => transfer(r.first))),
      Promise.all(rivals.map((r) => transfer(r.second))),
      Promise.all(paymentRequests.map((r) => pay(r.payer, r.id, idem()))),
      Promise.all(paymentRequests.map((r) => pay(r.payer, r.id, idem()))),
    ])
    const [answers, retriesA, retriesB, rivalsFirst, rivalsSecond, paysA, paysB] = storm

    // Every concurrent copy of a request got the very same answer as the other copies.
    for (const [i, s] of retried.entries()) {
      const first = answers[sent.indexOf(s)]!
      expect(pick(retriesA[i]!), s.key).toEqual(pick(first))
      expect(pick(retriesB[i]!), s.key).toEqual(pick(first))
    }
    // Of two bodies under one key, one was done and the other refused; the one done is what the key remembers.
    for (const [i, { first, second }] of rivals.entries()) {
      const both = [rivalsFirst[i]!, rivalsSecond[i]!]
      expect(both.map((r) => r.status).sort(), first.key).toEqual([201, 409])
      expect(both.map(errorCode), first.key).toContain('IDEMPOTENCY_KEY_REUSED')
      const done = both[0]!.status === 201 ? first : second
      const res = both[0]!.status === 201 ? both[0]! : both[1]!
      expected.move(done.from, done.to, done.body.amount, res.body.transaction.id)
      expect(pick(await transfer(done)), first.key).toEqual(pick(res))
      expect(errorCode(await transfer(done === first ? second : first)), first.key).toBe('IDEMPOTENCY_KEY_REUSED')
    }

    // Each transfer either moved its whole amount (201) or was refused for want of money (409); nothing else.
    for (const [i, res] of answers.entries()) {
      const s = sent[i]!
      if (res.status === 201) {
        expect(res.body.transaction).toMatchObject({
          category: 'transfer',
          amount: -s.body.amount,
          status: 'completed',
        })
        expected.move(s.from, s.to, s.body.amount, res.body.transaction.id)
      } else {
        expect(res.status, JSON.stringify(res.body)).toBe(409)
        expect(res.body.error.code).toBe('INSUFFICIENT_FUNDS')
      }
    }
    expect(answers.filter((r) => r.status === 201).length).toBeGreaterThan(100)
    expect(answers.filter((r) => r.status === 409).length).toBeGreaterThan(13)
    for (const [i, s] of sent.entries()) if (s.body.amount === 5_000_000) expect(answers[i]!.status).toBe(409)

    // Two pays of one request at once: exactly one pays, the other is told it is already paid.
    for (const [i, r] of paymentRequests.entries()) {
      const both = [paysA[i]!, paysB[i]!]
      const paid = both.filter((res) => res.status === 200)
      expect(paid, r.id).toHaveLength(1)
      expect(
        both.filter((res) => errorCode(res) === 'ALREADY_PAID'),
        r.id,
      ).toHaveLength(1)
      expect(paid[0]!.body).toMatchObject({ status: 'paid', transaction: { category: 'request', amount: -r.amount } })
      expected.move(r.payer, r.requester, r.amount, paid[0]!.body.transaction.id)
    }

    // Afterwards, every key answers its first answer again, and another body under it is refused.
    const replays = await Promise.all(sent.map((s) => transfer(s)))
    for (const [i, replay] of replays.entries()) expect(pick(replay), sent[i]!.key).toEqual(pick(answers[i]!))
    const reused = await Promise.all(sent.slice(10, 40).map((s) => transfer(s, { ...s.body, note: 'another body' })))
    for (const res of reused) {
      expect(res.status).toBe(409)
      expect(errorCode(res)).toBe('IDEMPOTENCY_KEY_REUSED')
    }

    await assertBooks(users, expected)
    const total = [...expected.balances.values()].reduce((a, b) => a + b, 0)
    expect(total).toBe(payers.length * 10_000 + senders.reduce((sum, _, i) => sum + fundings[(i + 4) % 5]!, 0))
  })

  it('lets only one of two simultaneous bodies under one key through, even when the first is refused', async () => {
    const [from, to] = [await verifiedUserWithPin(app()), await verifiedUserWithPin(app())]
    await topUp(app(), from, 100)
    const tooMuch: Sent = { from: from, to: to, key: idem(), body: { toUserId: to.id, amount: 500, pin: PIN } }
    const affordable: Sent = { ...tooMuch, body: { ...tooMuch.body, amount: 50 } }
    const answers = await Promise.all([transfer(tooMuch), transfer(affordable)])
    // Whichever came first, the other is a reused key: never a refusal for one body and a payment for the other.
    expect(answers.map(errorCode)).toContain('IDEMPOTENCY_KEY_REUSED')
    const moved = answers[1].status === 201 ? 50 : 0
    expect(await walletOf(app(), from)).toMatchObject({ balance: 100 - moved })
    // And the key keeps answering what it answered.
    for (const [i, s] of [tooMuch, affordable].entries()) {
      if (errorCode(answers[i]!) !== 'IDEMPOTENCY_KEY_REUSED')
        expect(pick(await transfer(s))).toEqual(pick(answers[i]!))
    }
  })

  it('answers two simultaneous transfers under one key identically, and moves the money once', async () => {
    const [from, to] = [await verifiedUserWithPin(app()), await verifiedUserWithPin(app())]
    await topUp(app(), from, 1_000)
    const s: Sent = { from: from, to: to, key: idem(), body: { toUserId: to.id, amount: 700, pin: PIN } }
    const answers = await Promise.all([transfer(s), transfer(s)])
    expect(answers.map((r) => r.status)).toEqual([201, 201])
    expect(answers[1].body).toEqual(answers[0].body)
    expect(await walletOf(app(), from)).toMatchObject({ balance: 300 })
    expect(await walletOf(app(), to)).toMatchObject({ balance: 700 })
  })

  it('answers two simultaneous pays of a request under one key identically, and pays once', async () => {
    const [payer, requester] = [await verifiedUserWithPin(app()), await verifiedUserWithPin(app())]
    await topUp(app(), payer, 1_000)
    const id = await askFor(requester, payer, 400)
    const key = idem()
    const answers = await Promise.all([pay(payer, id, key), pay(payer, id, key)])
    expect(answers.map((r) => r.status)).toEqual([200, 200])
    expect(answers[1].body).toEqual(answers[0].body)
    expect(await walletOf(app(), payer)).toMatchObject({ balance: 600 })
    expect(await walletOf(app(), requester)).toMatchObject({ balance: 400 })
    expect(pick(await pay(payer, id, key))).toEqual(pick(answers[0]))
  })
})

/** What a client sees: status and body (the localised message included). */
function pick(res: Json) {
  return { status: res.status, body: res.body }
}

function errorCode(res: Json): string | undefined {
  return res.body?.error?.code
}
