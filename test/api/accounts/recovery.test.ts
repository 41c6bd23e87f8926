import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/app.js'
import { makeIdNumber } from '../../helpers/id-numbers.js'
import { PIN } from '../../helpers/wallet.js'

describe('recovery by phone code', () => {
  let now = Date.parse('2030-04-01T08:00:00Z')
  let testApp: TestApp
  let operator: TestUser
  beforeAll(async () => {
    testApp = await createTestApp({ clock: () => now })
    operator = await registerUser(testApp.app, '运营')
    await testApp.app.ctx.accounts.setOperator(operator.phone, true)
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app

  /** Asks for a code and reads it from the sandbox outbox, as the operator. */
  async function codeFor(phone: string, purpose: string): Promise<string> {
    now += 61_000
    expect((await call(app(), 'POST', '/api/v1/auth/codes', { body: { phone, purpose } })).status).toBe(202)
    const outbox = await call(app(), 'GET', '/api/v1/admin/sms-outbox', { token: operator.token })
    const message = outbox.body.items.find((m: any) => m.phone === phone && m.purpose === purpose)
    return /\d{6}/.exec(message.text)![0]
  }

  it('resets a forgotten password and ends every session of the user', async () => {
    const user = await registerUser(app())
    const login = await call(app(), 'POST', '/api/v1/auth/login', {
      body: { phone: user.phone, password: user.password },
    })
    const code = await codeFor(user.phone, 'reset-password')
    const reset = await call(app(), 'POST', '/api/v1/auth/password-reset', {
      body: { phone: user.phone, code, newPassword: 'a-whole-new-one' },
    })
    expect(reset.status).toBe(204)
    for (const token of [user.token, login.body.token]) {
      expect((await call(app(), 'GET', '/api/v1/me', { token })).status).toBe(401)
    }
    const old = await call(app(), 'POST', '/api/v1/auth/login', {
      body: { phone: user.phone, password: user.password },
    })
    expect(old.status).toBe(401)
    const fresh = await call(app(), 'POST', '/api/v1/auth/login', {
      body: { phone: user.phone, password: 'a-whole-new-one' },
    })
    expect(fresh.status).toBe(200)
  })

  it('refuses a password reset without a right code', async () => {
    const user = await registerUser(app())
    const res = await call(app(), 'POST', '/api/v1/auth/password-reset', {
      body: { phone: user.phone, code: '123456', newPassword: 'a-whole-new-one' },
    })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('PHONE_CODE_INVALID')
    expect((await call(app(), 'GET', '/api/v1/me', { token: user.token })).status).toBe(200)
  })

  async function lockedPinUser(): Promise<{ user: TestUser; idNumber: string }> {
    const user = await registerUser(app())
    const idNumber = makeIdNumber()
    const verified = await call(app(), 'POST', '/api/v1/me/real-name', {
      token: user.token,
      body: { name: '王小明', idNumber },
    })
    expect(verified.status).toBe(200)
    await call(app(), 'PUT', '/api/v1/me/pin', { token: user.token, body: { pin: PIN } })
    let last = 0
    for (let i = 0; i < 5; i++) {
      last = (
        await call(app(), 'PUT', '/api/v1/me/pin', { token: user.token, body: { pin: '111111', currentPin: '000000' } })
      ).status
    }
    expect(last).toBe(423)
    return { user, idNumber }
  }

  it('resets a forgotten PIN with the code and the verified document, which clears the lockout', async () => {
    const { user, idNumber } = await lockedPinUser()
    const code = await codeFor(user.phone, 'reset-pin')
    const reset = await call(app(), 'POST', '/api/v1/me/pin/reset', {
      token: user.token,
      body: { code, idNumber: idNumber.toLowerCase(), pin: '135790' },
    })
    expect(reset.status).toBe(204)
    const change = await call(app(), 'PUT', '/api/v1/me/pin', {
      token: user.token,
      body: { pin: '246801', currentPin: '135790' },
    })
    expect(change.status).toBe(204)
  })

  it('refuses another document with 403 ID_NUMBER_MISMATCH, counting it against the code', async () => {
    const { user } = await lockedPinUser()
    const code = await codeFor(user.phone, 'reset-pin')
    const attempt = () =>
      call(app(), 'POST', '/api/v1/me/pin/reset', {
        token: user.token,
        body: { code, idNumber: makeIdNumber(), pin: '135790' },
      })
    for (let i = 0; i < 5; i++) {
      const res = await attempt()
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('ID_NUMBER_MISMATCH')
    }
    expect((await attempt()).body.error.code).toBe('PHONE_CODE_EXPIRED')
    const stillLocked = await call(app(), 'PUT', '/api/v1/me/pin', {
      token: user.token,
      body: { pin: '111111', currentPin: PIN },
    })
    expect(stillLocked.status).toBe(423)
  })

  it('asks for the real name first when there is none, and needs a session', async () => {
    const user = await registerUser(app())
    const res = await call(app(), 'POST', '/api/v1/me/pin/reset', {
      token: user.token,
      body: { code: '123456', idNumber: makeIdNumber(), pin: '135790' },
    })
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('REAL_NAME_REQUIRED')
    const stranger = await call(app(), 'POST', '/api/v1/me/pin/reset', {
      body: { code: '123456', idNumber: makeIdNumber(), pin: '135790' },
    })
    expect(stranger.status).toBe(401)
  })
})
