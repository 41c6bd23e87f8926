import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/app.js'

describe('sessions and password change', () => {
  let testApp: TestApp
  let now = Date.parse('2026-03-01T08:00:00Z')
  beforeAll(async () => {
    testApp = await createTestApp({ clock: () => now })
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app

  /** A second session of the user, opened from a given device and address. */
  const login = async (user: TestUser, userAgent: string, address: string, password = user.password) => {
    const res = await app().inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'user-agent': userAgent },
      remoteAddress: address,
      payload: { phone: user.phone, password },
    })
    expect(res.statusCode).toBe(200)
    return res.json<{ token: string }>().token
  }
  const sessionsOf = async (token: string) => {
    const res = await call(app(), 'GET', '/api/v1/me/sessions', { token })
    expect(res.status).toBe(200)
    return res.body.items as Array<Record<string, unknown> & { id: string; current: boolean }>
  }
  const works = async (token: string) => (await call(app(), 'GET', '/api/v1/me', { token })).status

  it('lists my sessions with device, address and times, marking the current one, and never the token', async () => {
    const user = await registerUser(app())
    const created = new Date(now).toISOString()
    const phone = await login(user, 'LifeCircle-iOS/2.1', '203.0.113.7')
    now += 5 * 60_000
    const laptop = await login(user, 'Mozilla/5.0 (Macintosh) Firefox/131.0', '198.51.100.20')
    const items = await sessionsOf(laptop)
    expect(items).toHaveLength(3)
    expect(items[0]).toEqual({
      id: expect.any(String),
      current: true,
      userAgent: 'Mozilla/5.0 (Macintosh) Firefox/131.0',
      address: '198.51.100.20',
      createdAt: new Date(now).toISOString(),
      lastSeenAt: new Date(now).toISOString(),
    })
    const phoneSession = items.find((s) => s.userAgent === 'LifeCircle-iOS/2.1')
    expect(phoneSession).toMatchObject({ current: false, address: '203.0.113.7', createdAt: created })
    expect(items.filter((s) => s.current)).toHaveLength(1)
    const text = JSON.stringify(items)
    for (const token of [user.token, phone, laptop]) expect(text).not.toContain(token)
    // Seen from the other session's view, that one is current, and listed first.
    expect((await sessionsOf(phone))[0]).toMatchObject({ id: phoneSession?.id, current: true })
  })

  it('updates last seen time and address at most once a minute', async () => {
    const user = await registerUser(app())
    const token = await login(user, 'ua', '192.0.2.1')
    const seen = async () => (await sessionsOf(token)).find((s) => s.current)
    const first = await seen()
    now += 30_000
    await app().inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
      remoteAddress: '192.0.2.2',
    })
    expect(await seen()).toEqual(first)
    now += 31_000
    await app().inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
      remoteAddress: '192.0.2.3',
    })
    expect(await seen()).toMatchObject({ address: '192.0.2.3', lastSeenAt: new Date(now).toISOString() })
  })

  it("revokes one session: its token stops working, the others don't; someone else's id is 404", async () => {
    const user = await registerUser(app())
    const other = await login(user, 'other', '192.0.2.9')
    const target = (await sessionsOf(user.token)).find((s) => !s.current)!
    const stranger = await registerUser(app())
    expect((await call(app(), 'DELETE', `/api/v1/me/sessions/${target.id}`, { token: stranger.token })).status).toBe(
      404,
    )
    expect(await works(other)).toBe(200)
    expect((await call(app(), 'DELETE', `/api/v1/me/sessions/${target.id}`, { token: user.token })).status).toBe(204)
    expect(await works(other)).toBe(401)
    expect(await works(user.token)).toBe(200)
    expect((await call(app(), 'DELETE', `/api/v1/me/sessions/${target.id}`, { token: user.token })).status).toBe(404)
    expect(await sessionsOf(user.token)).toHaveLength(1)
  })

  it('revokes every other session but keeps this one', async () => {
    const user = await registerUser(app())
    const others = [await login(user, 'a', '192.0.2.10'), await login(user, 'b', '192.0.2.11')]
    const bystander = await registerUser(app())
    const res = await call(app(), 'POST', '/api/v1/me/sessions/revoke-others', { token: user.token })
    expect(res.status).toBe(204)
    for (const token of others) expect(await works(token)).toBe(401)
    expect(await works(user.token)).toBe(200)
    expect(await works(bystander.token)).toBe(200)
    expect((await sessionsOf(user.token)).map((s) => s.current)).toEqual([true])
  })

  it('logout ends the session: the token is 401 afterwards, the other sessions stay', async () => {
    const user = await registerUser(app())
    const other = await login(user, 'ua', '192.0.2.12')
    expect((await call(app(), 'POST', '/api/v1/auth/logout', { token: other })).status).toBe(204)
    expect(await works(other)).toBe(401)
    expect(await works(user.token)).toBe(200)
    expect(await sessionsOf(user.token)).toHaveLength(1)
  })

  it('changes the password with the current one, ending every other session but this one', async () => {
    const user = await registerUser(app())
    const other = await login(user, 'ua', '192.0.2.13')
    const res = await call(app(), 'PUT', '/api/v1/me/password', {
      token: user.token,
      body: { currentPassword: user.password, newPassword: 'a-brand-new-one' },
    })
    expect(res.status).toBe(204)
    expect(await works(other)).toBe(401)
    expect(await works(user.token)).toBe(200)
    const old = await call(app(), 'POST', '/api/v1/auth/login', {
      body: { phone: user.phone, password: user.password },
    })
    expect(old.status).toBe(401)
    await login(user, 'ua', '192.0.2.13', 'a-brand-new-one')
  })

  it('refuses a wrong current password (403 PASSWORD_INCORRECT) or a short new one, changing nothing', async () => {
    const user = await registerUser(app())
    const other = await login(user, 'ua', '192.0.2.14')
    const wrong = await call(app(), 'PUT', '/api/v1/me/password', {
      token: user.token,
      body: { currentPassword: 'not-the-password', newPassword: 'a-brand-new-one' },
      headers: { 'accept-language': 'en' },
    })
    expect(wrong.status).toBe(403)
    expect(wrong.body.error.code).toBe('PASSWORD_INCORRECT')
    const short = await call(app(), 'PUT', '/api/v1/me/password', {
      token: user.token,
      body: { currentPassword: user.password, newPassword: 'short' },
    })
    expect(short.status).toBe(400)
    expect(await works(other)).toBe(200)
    await login(user, 'ua', '192.0.2.14')
  })

  it('locks password changes after 5 wrong current passwords in 15 minutes, even with the right one', async () => {
    const user = await registerUser(app())
    const attempt = (currentPassword: string) =>
      call(app(), 'PUT', '/api/v1/me/password', {
        token: user.token,
        body: { currentPassword, newPassword: 'a-brand-new-one' },
      })
    for (let i = 0; i < 5; i++) expect((await attempt(`guess-${i}`)).status).toBe(403)
    const locked = await attempt(user.password)
    expect(locked.status).toBe(429)
    expect(locked.body.error.code).toBe('RATE_LIMITED')
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0)
    now += 15 * 60_000 + 1
    expect((await attempt(user.password)).status).toBe(204)
  })

  it('needs a session for every one of these', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/me/sessions'],
      ['DELETE', '/api/v1/me/sessions/x'],
      ['POST', '/api/v1/me/sessions/revoke-others'],
      ['PUT', '/api/v1/me/password'],
    ] as const) {
      expect((await call(app(), method, url, { body: method === 'PUT' ? {} : undefined })).status).toBe(401)
    }
  })
})
