import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  call,
  createTestApp,
  registerCode,
  registerUser,
  registerWithCode,
  uniquePhone,
  type TestApp,
} from '../../helpers/app.js'

describe('register, login, logout', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp()
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app

  it('registers with phone, password and display name, returning the user and a working token', async () => {
    const phone = uniquePhone()
    const res = await registerWithCode(app(), { phone, password: 'long-enough', displayName: '王小明' })
    expect(res.status).toBe(201)
    expect(res.body.user).toEqual({
      id: expect.any(String),
      phone,
      displayName: '王小明',
      locale: 'zh-Hans',
      avatarUrl: null,
      realName: { verified: false, maskedName: null },
      hasPin: false,
    })
    expect(res.body.token).toMatch(/^[\w-]{43}$/)
    const me = await call(app(), 'GET', '/api/v1/me', { token: res.body.token })
    expect(me.status).toBe(200)
    expect(me.body).toEqual(res.body.user)
  })

  it('sets an httpOnly SameSite=Strict session cookie that authenticates the web app', async () => {
    const phone = uniquePhone()
    const res = await app().inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { phone, code: await registerCode(app(), phone), password: 'long-enough', displayName: 'Web' },
    })
    const cookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('lc_session='))
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Strict/i)
    const me = await app().inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: cookie!.split(';')[0] } })
    expect(me.statusCode).toBe(200)
  })

  it('takes the locale from the body, else from Accept-Language', async () => {
    const explicit = await registerWithCode(
      app(),
      { phone: uniquePhone(), password: 'long-enough', displayName: 'A', locale: 'en' },
      { 'accept-language': 'zh-TW' },
    )
    expect(explicit.body.user.locale).toBe('en')
    const fromHeader = await registerWithCode(
      app(),
      { phone: uniquePhone(), password: 'long-enough', displayName: 'B' },
      { 'accept-language': 'zh-HK,en;q=0.5' },
    )
    expect(fromHeader.body.user.locale).toBe('zh-Hant')
  })

  it('accepts E.164 numbers and treats +86 and the bare mobile as one phone', async () => {
    const phone = uniquePhone()
    const first = await registerWithCode(app(), { phone: `+86${phone}`, password: 'long-enough', displayName: 'C' })
    expect(first.status).toBe(201)
    expect(first.body.user.phone).toBe(phone)
    const again = await call(app(), 'POST', '/api/v1/auth/register', {
      body: { phone, code: '000000', password: 'long-enough', displayName: 'D' },
    })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('PHONE_TAKEN')
    const foreign = await registerWithCode(app(), {
      phone: '+447700900' + String(Math.floor(Math.random() * 1000)).padStart(3, '0'),
      password: 'long-enough',
      displayName: 'E',
    })
    expect(foreign.status).toBe(201)
  })

  it('makes one account under a race: the others are told the phone is taken or the code spent', async () => {
    const phone = uniquePhone()
    const body = { phone, code: await registerCode(app(), phone), password: 'long-enough', displayName: 'Racer' }
    const results = await Promise.all(
      Array.from({ length: 4 }, () => call(app(), 'POST', '/api/v1/auth/register', { body })),
    )
    expect(results.filter((r) => r.status === 201)).toHaveLength(1)
    for (const refused of results.filter((r) => r.status !== 201)) {
      expect([409, 400]).toContain(refused.status)
      expect(['PHONE_TAKEN', 'PHONE_CODE_EXPIRED']).toContain(refused.body.error.code)
    }
    const again = await call(app(), 'POST', '/api/v1/auth/register', { body })
    expect(again.body.error.code).toBe('PHONE_TAKEN')
  })

  it.each([
    [{ password: 'long-enough', displayName: 'x' }, 'phone'],
    [{ phone: '12345', password: 'long-enough', displayName: 'x' }, 'phone'],
    [{ phone: '23800138000', password: 'long-enough', displayName: 'x' }, 'phone'],
    [{ phone: 13800138000, password: 'long-enough', displayName: 'x' }, 'phone'],
    [{ phone: '13800138000', password: 'short', displayName: 'x' }, 'password'],
    [{ phone: '13800138000', password: 'x'.repeat(129), displayName: 'x' }, 'password'],
    [{ phone: '13800138000', password: 'long-enough' }, 'displayName'],
    [{ phone: '13800138000', password: 'long-enough', displayName: '' }, 'displayName'],
    [{ phone: '13800138000', password: 'long-enough', displayName: '   ' }, 'displayName'],
    [{ phone: '13800138000', password: 'long-enough', displayName: 'x'.repeat(33) }, 'displayName'],
    [{ phone: '13800138000', password: 'long-enough', displayName: 'a\u0000b' }, 'displayName'],
    [{ phone: '13800138000', password: 'long-enough', displayName: 'x', locale: 'fr' }, 'locale'],
    [{ phone: '13800138000', password: 'long-enough', displayName: 'x', admin: true }, 'admin'],
  ])('refuses %j with 400 VALIDATION_FAILED naming %s', async (body, field) => {
    const res = await call(app(), 'POST', '/api/v1/auth/register', { body, headers: { 'accept-language': 'en' } })
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field })
    expect(res.body.error.message).toContain(field)
  })

  it('logs in with the right password and refuses a wrong one or an unknown phone alike', async () => {
    const user = await registerUser(app())
    const ok = await call(app(), 'POST', '/api/v1/auth/login', { body: { phone: user.phone, password: user.password } })
    expect(ok.status).toBe(200)
    expect(ok.body.user.id).toBe(user.id)
    expect(ok.body.token).not.toBe(user.token)

    const wrong = await call(app(), 'POST', '/api/v1/auth/login', {
      body: { phone: user.phone, password: 'not-it-at-all' },
    })
    const unknown = await call(app(), 'POST', '/api/v1/auth/login', {
      body: { phone: uniquePhone(), password: 'whatever1' },
    })
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401)
      expect(res.body.error.code).toBe('INVALID_CREDENTIALS')
    }
    expect(wrong.body).toEqual(unknown.body)
  })

  it('throttles password guessing per phone with 429 RATE_LIMITED and Retry-After, and never switches that off', async () => {
    const user = await registerUser(app())
    for (let i = 0; i < 10; i++) {
      const res = await call(app(), 'POST', '/api/v1/auth/login', {
        body: { phone: user.phone, password: `guess-${i}-xx` },
      })
      expect(res.status).toBe(401)
    }
    const blocked = await call(app(), 'POST', '/api/v1/auth/login', {
      body: { phone: user.phone, password: user.password },
    })
    expect(blocked.status).toBe(429)
    expect(blocked.body.error.code).toBe('RATE_LIMITED')
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0)
  })

  it('logs out: 204, and the token stops working while other sessions go on', async () => {
    const user = await registerUser(app())
    const other = await call(app(), 'POST', '/api/v1/auth/login', {
      body: { phone: user.phone, password: user.password },
    })
    const res = await app().inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { authorization: `Bearer ${user.token}` },
    })
    expect(res.statusCode).toBe(204)
    expect(res.body).toBe('')
    expect(String(res.headers['set-cookie'])).toMatch(/lc_session=;/)
    expect((await call(app(), 'GET', '/api/v1/me', { token: user.token })).status).toBe(401)
    expect((await call(app(), 'GET', '/api/v1/me', { token: other.body.token })).status).toBe(200)
  })

  it('answers 401 UNAUTHENTICATED for a missing, malformed or unknown token', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer nope' },
      { authorization: 'Basic abc' },
      { authorization: 'Bearer ' + 'x'.repeat(5000) },
    ]) {
      const res = await call(app(), 'GET', '/api/v1/me', { headers })
      expect(res.status).toBe(401)
      expect(res.body.error.code).toBe('UNAUTHENTICATED')
    }
    expect((await call(app(), 'POST', '/api/v1/auth/logout')).status).toBe(401)
  })

  it('checks authentication before validation: a stranger gets 401, not a hint about the body', async () => {
    const res = await call(app(), 'PUT', '/api/v1/me/pin', { body: { pin: 'abc' } })
    expect(res.status).toBe(401)
  })

  it('stores the password hashed with scrypt and the token only as a hash', async () => {
    const user = await registerUser(app())
    const db = app().ctx.database.db
    const row = await db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow()
    expect(row.password_hash).toMatch(/^scrypt\$\d+\$8\$1\$/)
    expect(row.password_hash).not.toContain(user.password)
    const sessions = await db.selectFrom('sessions').select('token_hash').where('user_id', '=', user.id).execute()
    expect(sessions).toHaveLength(1)
    expect(sessions[0]!.token_hash).not.toBe(user.token)
  })
})
