import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp } from '../../helpers/app.js'

describe('PUT /me/pin', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp()
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app
  const setPin = (token: string, body: object) =>
    call(app(), 'PUT', '/api/v1/me/pin', { token, body, headers: { 'accept-language': 'en' } })

  it('sets a first PIN with 204 and shows hasPin', async () => {
    const user = await registerUser(app())
    const res = await app().inject({
      method: 'PUT',
      url: '/api/v1/me/pin',
      headers: { authorization: `Bearer ${user.token}` },
      payload: { pin: '482916' },
    })
    expect(res.statusCode).toBe(204)
    expect(res.body).toBe('')
    expect((await call(app(), 'GET', '/api/v1/me', { token: user.token })).body.hasPin).toBe(true)
  })

  it('changes the PIN only with the right current PIN', async () => {
    const user = await registerUser(app())
    await setPin(user.token, { pin: '482916' })

    const missing = await setPin(user.token, { pin: '555123' })
    expect(missing.status).toBe(400)
    expect(missing.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'currentPin' })

    const wrong = await setPin(user.token, { pin: '555123', currentPin: '000000' })
    expect(wrong.status).toBe(403)
    // The user's own setting (zh-Hans, chosen at registration) wins over the request's Accept-Language.
    expect(wrong.body.error).toEqual({
      code: 'PIN_INCORRECT',
      message: '支付密码错误，还可以尝试 4 次。',
      attemptsLeft: 4,
    })

    expect((await setPin(user.token, { pin: '555123', currentPin: '482916' })).status).toBe(204)
    expect((await setPin(user.token, { pin: '777888', currentPin: '482916' })).status).toBe(403)
    expect((await setPin(user.token, { pin: '777888', currentPin: '555123' })).status).toBe(204)
  })

  it('locks after five wrong current PINs in a row with 423 PIN_LOCKED, even for the right one', async () => {
    const user = await registerUser(app())
    await setPin(user.token, { pin: '482916' })
    const statuses: number[] = []
    for (let i = 0; i < 5; i++)
      statuses.push((await setPin(user.token, { pin: '111111', currentPin: '999999' })).status)
    expect(statuses).toEqual([403, 403, 403, 403, 423])
    const locked = await setPin(user.token, { pin: '111111', currentPin: '482916' })
    expect(locked.status).toBe(423)
    expect(locked.body.error).toMatchObject({ code: 'PIN_LOCKED', retryAfterSeconds: 900, minutes: 15 })
    expect(locked.headers['retry-after']).toBe('900')
  })

  it.each([
    [{ pin: '12345' }, 'pin'],
    [{ pin: '1234567' }, 'pin'],
    [{ pin: '12345a' }, 'pin'],
    [{ pin: 123456 }, 'pin'],
    [{ pin: '１２３４５６' }, 'pin'],
    [{}, 'pin'],
    [{ pin: '123456', currentPin: '12' }, 'currentPin'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const user = await registerUser(app())
    const res = await setPin(user.token, body)
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field })
    expect((await call(app(), 'GET', '/api/v1/me', { token: user.token })).body.hasPin).toBe(false)
  })
})
