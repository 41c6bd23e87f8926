import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp } from '../../helpers/app.js'
import { makeIdNumber } from '../../helpers/id-numbers.js'

describe('profile, locale and user lookup', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp()
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app

  it('updates the display name and locale, trimming the name', async () => {
    const user = await registerUser(app())
    const res = await call(app(), 'PATCH', '/api/v1/me', {
      token: user.token,
      body: { displayName: '  新名字  ', locale: 'zh-Hant' },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ displayName: '新名字', locale: 'zh-Hant' })
    expect((await call(app(), 'GET', '/api/v1/me', { token: user.token })).body.displayName).toBe('新名字')
  })

  it('accepts an empty patch and changes nothing', async () => {
    const user = await registerUser(app(), '不变')
    const res = await call(app(), 'PATCH', '/api/v1/me', { token: user.token, body: {} })
    expect(res.status).toBe(200)
    expect(res.body.displayName).toBe('不变')
  })

  it.each([
    [{ locale: 'de' }, 'locale'],
    [{ displayName: '' }, 'displayName'],
    [{ displayName: ' ' }, 'displayName'],
    [{ phone: '13800138000' }, 'phone'],
  ])('refuses the patch %j naming %s, and changes nothing', async (body, field) => {
    const user = await registerUser(app(), '原名')
    const res = await call(app(), 'PATCH', '/api/v1/me', { token: user.token, body })
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field })
    expect((await call(app(), 'GET', '/api/v1/me', { token: user.token })).body.displayName).toBe('原名')
  })

  it('answers errors in the user’s own language before Accept-Language', async () => {
    const user = await registerUser(app())
    await call(app(), 'PATCH', '/api/v1/me', { token: user.token, body: { locale: 'en' } })
    const res = await call(app(), 'PATCH', '/api/v1/me', {
      token: user.token,
      body: { locale: 'xx' },
      headers: { 'accept-language': 'zh-CN' },
    })
    expect(res.body.error.message).toBe('The field “locale” is invalid.')
  })

  it('finds a user by exact phone only, showing the masked real name and nothing private', async () => {
    const me = await registerUser(app())
    const other = await registerUser(app(), '小红')
    await call(app(), 'POST', '/api/v1/me/real-name', {
      token: other.token,
      body: { name: '张小红', idNumber: makeIdNumber('1995-03-08') },
    })
    const found = await call(app(), 'GET', `/api/v1/users?phone=${other.phone}`, { token: me.token })
    expect(found.status).toBe(200)
    expect(found.body).toEqual({ items: [{ id: other.id, displayName: '小红', maskedName: '*小红' }] })

    const plus86 = await call(app(), 'GET', `/api/v1/users?phone=%2B86${other.phone}`, { token: me.token })
    expect(plus86.body.items).toHaveLength(1)
    const partial = await call(app(), 'GET', `/api/v1/users?phone=${other.phone.slice(0, 7)}`, { token: me.token })
    expect(partial.body).toEqual({ items: [] })
  })

  it('requires a phone and a login to look anyone up', async () => {
    const me = await registerUser(app())
    const missing = await call(app(), 'GET', '/api/v1/users', { token: me.token })
    expect(missing.status).toBe(400)
    expect(missing.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'phone' })
    expect((await call(app(), 'GET', '/api/v1/users?phone=13800138000')).status).toBe(401)
  })

  it('limits lookups per user so that the phone book cannot be enumerated', async () => {
    const me = await registerUser(app())
    const statuses: number[] = []
    for (let i = 0; i < 31; i++) {
      statuses.push(
        (await call(app(), 'GET', `/api/v1/users?phone=1390000${String(i).padStart(4, '0')}`, { token: me.token }))
          .status,
      )
    }
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true)
    expect(statuses[30]).toBe(429)
  })
})
