import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, registerUser, type TestApp, type TestUser } from '../helpers/app.js'

/** docs/security.md: 10 failures per phone and address per 15 minutes; 100 attempts per phone per hour. */
const PAIR_FAILURES_MAX = 10
const PHONE_ATTEMPTS_MAX = 100

let t: TestApp
beforeAll(async () => {
  // Per-address abuse limits stay off (the default in tests): the lockout is a product rule and holds without them.
  t = await createTestApp()
})
afterAll(() => t.close())

async function login(user: TestUser, password: string, remoteAddress: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { phone: user.phone, password },
    remoteAddress,
  })
  return { status: response.statusCode, body: response.json(), headers: response.headers }
}

/** One address per index in a documentation range (never routed). */
function address(net: string, i: number): string {
  return `${net}.${i}`
}

describe('login lockout keyed to the phone and the client address', () => {
  it('locks the guessing address out, not the owner elsewhere', async () => {
    const owner = await registerUser(t.app)
    const attacker = '203.0.113.7'
    for (let i = 0; i < PAIR_FAILURES_MAX; i++)
      expect((await login(owner, 'not-the-password', attacker)).status).toBe(401)
    const locked = await login(owner, owner.password, attacker)
    expect(locked.status).toBe(429)
    expect(locked.body.error.code).toBe('RATE_LIMITED')
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0)

    // From an address never seen before, the right password still gets in.
    expect((await login(owner, owner.password, '198.51.100.23')).status).toBe(200)
    expect((await login(owner, 'not-the-password', attacker)).status).toBe(429)
  })

  it('slows a guesser spread over many addresses down per phone, but lets the owner in from a known address', async () => {
    const owner = await registerUser(t.app)
    const home = '198.51.100.50'
    expect((await login(owner, owner.password, home)).status).toBe(200)

    // Twelve addresses, each within its own lockout, all at once: the phone's allowance (less the owner's login,
    // which counted too) is spent exactly, and no more guesses are judged.
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, a) =>
        Array.from({ length: PAIR_FAILURES_MAX }, () => login(owner, 'not-the-password', address('203.0.113', a))),
      ).flat(),
    )
    const statuses = burst.map((answer) => answer.status)
    expect(statuses.filter((s) => s === 401)).toHaveLength(PHONE_ATTEMPTS_MAX - 1)
    expect(statuses.filter((s) => s === 429)).toHaveLength(burst.length - (PHONE_ATTEMPTS_MAX - 1))

    // A new address is refused even with the right password; the owner's known one is not, and logging in
    // does not hand the guessers a fresh allowance.
    expect((await login(owner, owner.password, '192.0.2.99')).status).toBe(429)
    expect((await login(owner, owner.password, home)).status).toBe(200)
    expect((await login(owner, owner.password, '192.0.2.100')).status).toBe(429)
  })
})
