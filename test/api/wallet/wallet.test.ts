import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/app.js'
import { makeIdNumber } from '../../helpers/id-numbers.js'

const PIN = '135790'

describe('wallet: balance, top-up, withdrawal, transfers', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp()
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app

  async function verifiedUser(name = '钱包用户', withPin = true): Promise<TestUser> {
    const user = await registerUser(app(), name)
    await call(app(), 'POST', '/api/v1/me/real-name', {
      token: user.token,
      body: { name: `王${name}`, idNumber: makeIdNumber('1990-01-01') },
    })
    if (withPin) await call(app(), 'PUT', '/api/v1/me/pin', { token: user.token, body: { pin: PIN } })
    return user
  }

  const money = (user: TestUser, url: string, body: unknown, key: string | null = crypto.randomUUID()) =>
    call(app(), 'POST', url, { token: user.token, body, headers: key === null ? {} : { 'idempotency-key': key } })
  const topUp = (user: TestUser, amount: number) => money(user, '/api/v1/wallet/topups', { amount })
  const wallet = async (user: TestUser) => (await call(app(), 'GET', '/api/v1/wallet', { token: user.token })).body

  it('shows an empty sandbox wallet after real-name verification', async () => {
    const user = await verifiedUser()
    const res = await call(app(), 'GET', '/api/v1/wallet', { token: user.token })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ balance: 0, available: 0, currency: 'CNY', sandbox: true })
  })

  it('refuses every wallet operation of an unverified user with 403 REAL_NAME_REQUIRED, after validation', async () => {
    const user = await registerUser(app())
    const someone = await verifiedUser()
    const checks = [
      await call(app(), 'GET', '/api/v1/wallet', { token: user.token }),
      await topUp(user, 100),
      await money(user, '/api/v1/wallet/withdrawals', { amount: 100, pin: PIN }),
      await money(user, '/api/v1/transfers', { toUserId: someone.id, amount: 100, pin: PIN }),
      await call(app(), 'GET', '/api/v1/wallet/transactions', { token: user.token }),
      await call(app(), 'GET', '/api/v1/wallet/bill?year=2026', { token: user.token }),
      await call(app(), 'POST', '/api/v1/payment-requests', {
        token: user.token,
        body: { fromUserId: someone.id, amount: 5 },
      }),
      await call(app(), 'GET', '/api/v1/payment-requests?direction=incoming', { token: user.token }),
    ]
    for (const res of checks) {
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('REAL_NAME_REQUIRED')
    }
    const invalid = await money(user, '/api/v1/transfers', { toUserId: someone.id, amount: -1, pin: PIN })
    expect(invalid.status).toBe(400)
    expect(invalid.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'amount' })
  })

  it('answers 401 before anything else', async () => {
    const res = await call(app(), 'POST', '/api/v1/wallet/topups', { body: { amount: 'x' } })
    expect(res.status).toBe(401)
    expect((await call(app(), 'GET', '/api/v1/wallet')).status).toBe(401)
  })

  it('tops up sandbox money: 201 with a signed transaction, and the balance grows', async () => {
    const user = await verifiedUser()
    const res = await topUp(user, 12_345)
    expect(res.status).toBe(201)
    expect(res.body.transaction).toEqual({
      id: expect.any(String),
      category: 'topup',
      amount: 12_345,
      currency: 'CNY',
      counterparty: null,
      note: null,
      status: 'completed',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      sandbox: true,
    })
    expect(await wallet(user)).toMatchObject({ balance: 12_345, available: 12_345 })
  })

  it('needs an Idempotency-Key on every money-moving POST', async () => {
    const user = await verifiedUser()
    const other = await verifiedUser()
    for (const [url, body] of [
      ['/api/v1/wallet/topups', { amount: 100 }],
      ['/api/v1/wallet/withdrawals', { amount: 100, pin: PIN }],
      ['/api/v1/transfers', { toUserId: other.id, amount: 100, pin: PIN }],
    ] as const) {
      const res = await money(user, url, body, null)
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED')
    }
    expect((await money(user, '/api/v1/wallet/topups', { amount: 100 }, '')).body.error.code).toBe(
      'IDEMPOTENCY_KEY_REQUIRED',
    )
    const long = await money(user, '/api/v1/wallet/topups', { amount: 100 }, 'k'.repeat(256))
    expect(long.status).toBe(400)
    expect(await wallet(user)).toMatchObject({ balance: 0 })
  })

  it('replays the first response for the same key and body, and refuses the key with another body', async () => {
    const user = await verifiedUser()
    const first = await money(user, '/api/v1/wallet/topups', { amount: 500 }, 'same-key')
    const again = await money(user, '/api/v1/wallet/topups', { amount: 500 }, 'same-key')
    expect(again.status).toBe(201)
    expect(again.body).toEqual(first.body)
    const other = await money(user, '/api/v1/wallet/topups', { amount: 501 }, 'same-key')
    expect(other.status).toBe(409)
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED')
    expect(await wallet(user)).toMatchObject({ balance: 500 })
  })

  it('scopes keys per user: two users may use the same key', async () => {
    const a = await verifiedUser()
    const b = await verifiedUser()
    expect((await money(a, '/api/v1/wallet/topups', { amount: 100 }, 'shared')).status).toBe(201)
    expect((await money(b, '/api/v1/wallet/topups', { amount: 200 }, 'shared')).status).toBe(201)
    expect(await wallet(b)).toMatchObject({ balance: 200 })
  })

  it.each([
    [{ amount: 0 }, 'amount'],
    [{ amount: -5 }, 'amount'],
    [{ amount: 1.5 }, 'amount'],
    [{ amount: '100' }, 'amount'],
    [{ amount: 5_000_001 }, 'amount'],
    [{ amount: 2 ** 53 }, 'amount'],
    [{}, 'amount'],
    [{ amount: 100, bonus: 1 }, 'bonus'],
  ])('refuses the top-up %j with 400 naming %s, and moves nothing', async (body, field) => {
    const user = await verifiedUser()
    const res = await money(user, '/api/v1/wallet/topups', body)
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field })
    expect(await wallet(user)).toMatchObject({ balance: 0 })
  })

  it('withdraws with the PIN, refusing more than the balance', async () => {
    const user = await verifiedUser()
    await topUp(user, 10_000)
    const tooMuch = await money(user, '/api/v1/wallet/withdrawals', { amount: 10_001, pin: PIN })
    expect(tooMuch.status).toBe(409)
    expect(tooMuch.body.error.code).toBe('INSUFFICIENT_FUNDS')
    const res = await money(user, '/api/v1/wallet/withdrawals', { amount: 2_500, pin: PIN })
    expect(res.status).toBe(201)
    expect(res.body.transaction).toMatchObject({
      category: 'withdrawal',
      amount: -2_500,
      status: 'completed',
      sandbox: true,
    })
    expect(await wallet(user)).toEqual({ balance: 7_500, available: 7_500, currency: 'CNY', sandbox: true })
  })

  it('checks the PIN on withdrawals: PIN_NOT_SET, PIN_INCORRECT with attempts left, then PIN_LOCKED', async () => {
    const noPin = await verifiedUser('无密码', false)
    await topUp(noPin, 1_000)
    const notSet = await money(noPin, '/api/v1/wallet/withdrawals', { amount: 100, pin: PIN })
    expect(notSet.status).toBe(409)
    expect(notSet.body.error.code).toBe('PIN_NOT_SET')

    const user = await verifiedUser()
    await topUp(user, 1_000)
    const wrong = await money(user, '/api/v1/wallet/withdrawals', { amount: 100, pin: '000000' })
    expect(wrong.status).toBe(403)
    expect(wrong.body.error).toMatchObject({ code: 'PIN_INCORRECT', attemptsLeft: 4 })
    for (let i = 0; i < 3; i++) await money(user, '/api/v1/wallet/withdrawals', { amount: 100, pin: '000000' })
    const locked = await money(user, '/api/v1/wallet/withdrawals', { amount: 100, pin: '000000' })
    expect(locked.status).toBe(423)
    expect(locked.body.error.code).toBe('PIN_LOCKED')
    expect((await money(user, '/api/v1/wallet/withdrawals', { amount: 100, pin: PIN })).status).toBe(423)
    expect(await wallet(user)).toMatchObject({ balance: 1_000 })
  })

  it('transfers to another verified user, who sees it with the payer and note', async () => {
    const alice = await verifiedUser('爱丽丝')
    const bob = await verifiedUser('鲍勃')
    await topUp(alice, 5_000)
    const res = await money(alice, '/api/v1/transfers', { toUserId: bob.id, amount: 1_234, note: ' 午饭 ', pin: PIN })
    expect(res.status).toBe(201)
    expect(res.body.transaction).toMatchObject({
      category: 'transfer',
      amount: -1_234,
      counterparty: { id: bob.id, displayName: '鲍勃' },
      note: '午饭',
      status: 'completed',
    })
    expect(res.body.transaction.sandbox).toBeUndefined()
    expect(await wallet(alice)).toMatchObject({ balance: 3_766 })
    expect(await wallet(bob)).toMatchObject({ balance: 1_234 })
    const bobHistory = await call(app(), 'GET', '/api/v1/wallet/transactions', { token: bob.token })
    expect(bobHistory.body.items[0]).toMatchObject({
      id: res.body.transaction.id,
      category: 'transfer',
      amount: 1_234,
      counterparty: { id: alice.id, displayName: '爱丽丝' },
      note: '午饭',
    })
  })

  it('refuses transfers to yourself (400), to nobody (404), to the unverified (409), beyond the balance (409)', async () => {
    const alice = await verifiedUser()
    const unverified = await registerUser(app())
    const bob = await verifiedUser()
    await topUp(alice, 1_000)
    const self = await money(alice, '/api/v1/transfers', { toUserId: alice.id, amount: 100, pin: PIN })
    expect([self.status, self.body.error.code]).toEqual([400, 'CANNOT_PAY_YOURSELF'])
    const nobody = await money(alice, '/api/v1/transfers', { toUserId: 'no-such-user', amount: 100, pin: PIN })
    expect([nobody.status, nobody.body.error.code]).toEqual([404, 'NOT_FOUND'])
    const notVerified = await money(alice, '/api/v1/transfers', { toUserId: unverified.id, amount: 100, pin: PIN })
    expect([notVerified.status, notVerified.body.error.code]).toEqual([409, 'RECIPIENT_NOT_VERIFIED'])
    const broke = await money(alice, '/api/v1/transfers', { toUserId: bob.id, amount: 1_001, pin: PIN })
    expect([broke.status, broke.body.error.code]).toEqual([409, 'INSUFFICIENT_FUNDS'])
    const wrongPin = await money(alice, '/api/v1/transfers', { toUserId: bob.id, amount: 1, pin: '999999' })
    expect([wrongPin.status, wrongPin.body.error.code]).toEqual([403, 'PIN_INCORRECT'])
    expect(await wallet(alice)).toMatchObject({ balance: 1_000 })
    expect(await wallet(bob)).toMatchObject({ balance: 0 })
  })

  it.each([
    [{ amount: 100, pin: PIN }, 'toUserId'],
    [{ toUserId: 'x', pin: PIN }, 'amount'],
    [{ toUserId: 'x', amount: 100 }, 'pin'],
    [{ toUserId: 'x', amount: 100, pin: '12345' }, 'pin'],
    [{ toUserId: 'x', amount: 100, pin: PIN, note: 'n'.repeat(101) }, 'note'],
    [{ toUserId: 'x', amount: 100, pin: PIN, note: 'bad\u0007bell' }, 'note'],
  ])('refuses the transfer %j with 400 naming %s', async (body, field) => {
    const user = await verifiedUser()
    const res = await money(user, '/api/v1/transfers', body)
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field })
  })

  it('remembers a refusal too: the same key gets the same 409 after the money arrives', async () => {
    const alice = await verifiedUser()
    const bob = await verifiedUser()
    const body = { toUserId: bob.id, amount: 300, pin: PIN }
    const first = await money(alice, '/api/v1/transfers', body, 'retry-me')
    expect(first.status).toBe(409)
    await topUp(alice, 1_000)
    const again = await money(alice, '/api/v1/transfers', body, 'retry-me')
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('INSUFFICIENT_FUNDS')
    expect((await money(alice, '/api/v1/transfers', body, 'new-key')).status).toBe(201)
  })
})
