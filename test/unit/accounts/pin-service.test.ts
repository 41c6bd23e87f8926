import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PinService } from '../../../src/server/accounts/pin-service.js'
import { createTestApp, registerUser, type TestApp } from '../../helpers/app.js'

describe('PinService lockout', () => {
  let now = Date.parse('2026-11-27T08:00:00Z')
  let testApp: TestApp
  let pins: PinService

  beforeAll(async () => {
    testApp = await createTestApp({ clock: () => now })
    pins = testApp.app.ctx.pins
  })
  afterAll(() => testApp.close())

  async function userWithPin(pin = '135790'): Promise<string> {
    const user = await registerUser(testApp.app)
    await pins.set(user.id, pin, undefined)
    return user.id
  }

  it('counts down the attempts left, then locks for 15 minutes on the fifth wrong PIN', async () => {
    const userId = await userWithPin()
    for (const attemptsLeft of [4, 3, 2, 1]) {
      await expect(pins.verify(userId, '000000')).rejects.toMatchObject({
        code: 'PIN_INCORRECT',
        details: { attemptsLeft },
      })
    }
    await expect(pins.verify(userId, '000000')).rejects.toMatchObject({
      code: 'PIN_LOCKED',
      status: 423,
      retryAfterSeconds: 900,
    })
    await expect(pins.verify(userId, '135790')).rejects.toMatchObject({ code: 'PIN_LOCKED' })

    now += 15 * 60_000 - 1000
    await expect(pins.verify(userId, '135790')).rejects.toMatchObject({ code: 'PIN_LOCKED', retryAfterSeconds: 1 })
    now += 1000
    await expect(pins.verify(userId, '135790')).resolves.toBeUndefined()
  })

  it('starts a fresh count once a lock has run out', async () => {
    const userId = await userWithPin()
    for (let i = 0; i < 5; i++) await pins.verify(userId, '111111').catch(() => undefined)
    now += 15 * 60_000
    await expect(pins.verify(userId, '111111')).rejects.toMatchObject({
      code: 'PIN_INCORRECT',
      details: { attemptsLeft: 4 },
    })
  })

  it('resets the count after a right PIN: wrong tries must be in a row to lock', async () => {
    const userId = await userWithPin()
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++)
        await expect(pins.verify(userId, '222222')).rejects.toMatchObject({ code: 'PIN_INCORRECT' })
      await pins.verify(userId, '135790')
    }
  })

  it('counts concurrent wrong tries one by one, so parallel guessing gains nothing', async () => {
    const userId = await userWithPin()
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => pins.verify(userId, '333333')))
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'OK'))
    expect(codes.filter((c) => c === 'PIN_INCORRECT')).toHaveLength(4)
    expect(codes.filter((c) => c === 'PIN_LOCKED')).toHaveLength(8)
  })

  it('says PIN_NOT_SET for a user without a PIN', async () => {
    const user = await registerUser(testApp.app)
    await expect(pins.verify(user.id, '123456')).rejects.toMatchObject({ code: 'PIN_NOT_SET', status: 409 })
  })

  it('stores neither the PIN nor a plain hash of it', async () => {
    const userId = await userWithPin('864209')
    const row = await testApp.app.ctx.database.db
      .selectFrom('payment_pins')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow()
    expect(row.pin_hash).not.toContain('864209')
    expect(row.pin_hash).toMatch(/^[\w-]{43}$/)
  })
})
