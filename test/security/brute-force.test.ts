import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp } from '../helpers/app.js'
import { idem, PIN, topUp, verifiedUserWithPin, walletOf } from '../helpers/wallet.js'

/**
 * API.md: 5 wrong PINs in a row → 423 PIN_LOCKED; docs/security.md: 10 failed logins per phone and client address per
 * 15 minutes (every login here comes from inject's one address; login-lockout.test.ts tries several).
 */
const PIN_FAILURES_MAX = 5
const LOGIN_FAILURES_MAX = 10

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

function withdraw(user: { token: string }, pin: string) {
  return call(t.app, 'POST', '/api/v1/wallet/withdrawals', {
    token: user.token,
    body: { amount: 100, pin },
    headers: { 'idempotency-key': idem() },
  })
}

function wrongPin(i: number): string {
  return String(100_000 + i)
}

describe('PIN lockout under concurrency', () => {
  it('judges no more guesses than the limit when they all arrive at once', async () => {
    const user = await verifiedUserWithPin(t.app)
    await topUp(t.app, user, 10_000)
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => withdraw(user, wrongPin(i))))
    const incorrect = answers.filter((a) => a.body.error?.code === 'PIN_INCORRECT')
    expect(incorrect.map((a) => a.body.error.attemptsLeft).sort()).toEqual([1, 2, 3, 4])
    expect(answers.filter((a) => a.status === 423)).toHaveLength(30 - (PIN_FAILURES_MAX - 1))
    const row = await t.app.ctx.database.db
      .selectFrom('payment_pins')
      .select('failed_attempts')
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(row.failed_attempts).toBe(PIN_FAILURES_MAX)
  })

  it('does not let the right PIN through once the last allowed guess has been spent in the same burst', async () => {
    const user = await verifiedUserWithPin(t.app)
    await topUp(t.app, user, 10_000)
    for (let i = 0; i < PIN_FAILURES_MAX - 1; i++) expect((await withdraw(user, wrongPin(i))).status).toBe(403)
    // One guess is left: the burst's first wrong guess spends it, so the right PIN behind it must meet the lock. The
    // right PIN is sent a moment later, to queue behind the guesses; should it still be judged first (the database
    // decides the order), it rightly passes and clears the count, and the guesses then get exactly the limit.
    const guesses = Array.from({ length: 9 }, (_, i) => withdraw(user, wrongPin(100 + i)))
    await new Promise((resolve) => setTimeout(resolve, 50))
    const burst = await Promise.all([...guesses, withdraw(user, PIN)])
    const statuses = burst.map((a) => a.status).sort()
    const rightPinFirst = burst[9]!.status === 201
    expect(statuses).toEqual(rightPinFirst ? [201, 403, 403, 403, 403, 423, 423, 423, 423, 423] : Array(10).fill(423))
    expect((await walletOf(t.app, user)).balance).toBe(rightPinFirst ? 9_900 : 10_000)
  })

  it('lets many right PINs through at once (the lock serialises, it does not refuse)', async () => {
    const user = await verifiedUserWithPin(t.app)
    await topUp(t.app, user, 10_000)
    const answers = await Promise.all(Array.from({ length: 8 }, () => withdraw(user, PIN)))
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201))
    expect((await walletOf(t.app, user)).balance).toBe(10_000 - 8 * 100)
  })
})

describe('login throttling under concurrency', () => {
  it('answers at most the limit of wrong passwords, then RATE_LIMITED, even all at once', async () => {
    const user = await registerUser(t.app)
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        call(t.app, 'POST', '/api/v1/auth/login', { body: { phone: user.phone, password: 'not-the-password' } }),
      ),
    )
    expect(answers.filter((a) => a.status === 401)).toHaveLength(LOGIN_FAILURES_MAX)
    const limited = answers.filter((a) => a.status === 429)
    expect(limited).toHaveLength(30 - LOGIN_FAILURES_MAX)
    expect(limited[0]!.body.error.code).toBe('RATE_LIMITED')
    expect(Number(limited[0]!.headers['retry-after'])).toBeGreaterThan(0)
    // The right password is refused too while the phone is locked for this address.
    const right = await call(t.app, 'POST', '/api/v1/auth/login', {
      body: { phone: user.phone, password: user.password },
    })
    expect(right.status).toBe(429)
  })

  it('clears the count on a right password', async () => {
    const user = await registerUser(t.app)
    for (let i = 0; i < LOGIN_FAILURES_MAX - 1; i++) {
      const wrong = await call(t.app, 'POST', '/api/v1/auth/login', {
        body: { phone: user.phone, password: 'nope-nope' },
      })
      expect(wrong.status).toBe(401)
    }
    const right = await call(t.app, 'POST', '/api/v1/auth/login', {
      body: { phone: user.phone, password: user.password },
    })
    expect(right.status).toBe(200)
    const again = await call(t.app, 'POST', '/api/v1/auth/login', {
      body: { phone: user.phone, password: 'nope-nope' },
    })
    expect(again.status).toBe(401)
  })
})
