import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../helpers/app.js'
import { directConversation } from '../helpers/chat.js'
import { firstFrame, refusedStatus } from '../helpers/socket.js'
import { befriend } from '../helpers/social.js'

let t: TestApp
let user: TestUser
let cookie: string

beforeAll(async () => {
  t = await createTestApp()
  user = await registerUser(t.app)
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { phone: user.phone, password: user.password },
  })
  const session = login.cookies.find((c) => c.name === 'lc_session')
  if (!session) throw new Error('login set no session cookie')
  cookie = `lc_session=${session.value}`
})
afterAll(() => t.close())

const HOST = 'lifecircle.example'

function patchName(headers: Record<string, string>, displayName: string) {
  return t.app.inject({
    method: 'PATCH',
    url: '/api/v1/me',
    headers: { host: HOST, 'content-type': 'application/json', ...headers },
    payload: JSON.stringify({ displayName }),
  })
}

async function displayName(): Promise<string> {
  return (await call(t.app, 'GET', '/api/v1/me', { token: user.token })).body.displayName
}

describe('CSRF: a cookie session only acts for pages of this origin', () => {
  it.each([
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['a sibling subdomain as Origin', { origin: `https://shop.${HOST}` }],
    ['a foreign Referer and no Origin', { referer: 'https://evil.example/page' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site', origin: `https://${HOST}` }],
    ['an unparsable Origin', { origin: 'null' }],
  ])('refuses %s with 403 CROSS_SITE_REQUEST and changes nothing', async (_, headers) => {
    const before = await displayName()
    const res = await patchName({ cookie, ...headers }, '被伪造的名字')
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('CROSS_SITE_REQUEST')
    expect(await displayName()).toBe(before)
  })

  it('lets same-origin pages through', async () => {
    const sameOrigin: Record<string, string>[] = [
      { origin: `https://${HOST}` },
      { referer: `http://${HOST}/me` },
      { 'sec-fetch-site': 'same-origin', origin: `https://${HOST}` },
    ]
    for (const headers of sameOrigin) {
      const res = await patchName({ cookie, ...headers }, '同源改名')
      expect(res.statusCode).toBe(200)
    }
    expect(await displayName()).toBe('同源改名')
  })

  it('does not check bearer-token clients, who hold their token themselves', async () => {
    const res = await patchName({ authorization: `Bearer ${user.token}`, origin: 'https://evil.example' }, '令牌改名')
    expect(res.statusCode).toBe(200)
  })

  it.each([
    ['Basic credentials', 'Basic eDp4'],
    ['a bearer token that is no session', 'Bearer not-a-session'],
    ['a bare scheme', 'Bearer'],
  ])('still checks a cookie request that also sends Authorization with %s', async (_, authorization) => {
    const before = await displayName()
    const res = await patchName({ cookie, authorization, origin: 'https://evil.example' }, '被伪造的名字')
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('CROSS_SITE_REQUEST')
    expect(await displayName()).toBe(before)
  })

  it('lets a header that is no bearer token ride along with the cookie from this origin', async () => {
    const res = await patchName({ cookie, authorization: 'Basic eDp4', origin: `https://${HOST}` }, 'Basic 同源')
    expect(res.statusCode).toBe(200)
    expect(await displayName()).toBe('Basic 同源')
  })

  it('never lets an invalid bearer token fall back to the cookie', async () => {
    const res = await patchName({ cookie, authorization: 'Bearer not-a-session', origin: `https://${HOST}` }, '回落')
    expect(res.statusCode).toBe(401)
    expect(await displayName()).not.toBe('回落')
  })

  it('leaves reads alone', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { host: HOST, cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    })
    expect(res.statusCode).toBe(200)
  })
})

describe('CSRF on the socket: a cookie opens one only from this origin, whatever else the request carries', () => {
  let ws: string
  beforeAll(async () => {
    ws = (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws')
  })

  it.each([
    ['Basic credentials: 403, the cookie is what authenticates', { authorization: 'Basic eDp4' }, '', 403],
    ['a ?token= that is no session: 401, the token decides alone', {}, '?token=not-a-session', 401],
    ['an empty ?token=: 401', {}, '?token=', 401],
  ])('refuses a foreign page whose cookie comes with %s', async (_, headers, query, status) => {
    const options = { headers: { cookie, ...headers }, origin: 'https://evil.example' }
    expect(await refusedStatus(`${ws}/api/v1/ws${query}`, options)).toBe(status)
  })

  it('opens for this origin with the cookie and Basic credentials', async () => {
    const host = new URL(ws.replace(/^ws/, 'http')).host
    const options = { headers: { cookie, authorization: 'Basic eDp4' }, origin: `http://${host}` }
    expect((await firstFrame(`${ws}/api/v1/ws`, options)).type).toBe('ready')
  })
})

describe('hostile requests answer 4xx in the error shape, never 5xx', () => {
  it('a path segment far too long → 414 URI_TOO_LONG', async () => {
    const res = await call(t.app, 'GET', `/api/v1/posts/${'a'.repeat(100_000)}`, { token: user.token })
    expect(res.status).toBe(414)
    expect(res.body.error.code).toBe('URI_TOO_LONG')
  })

  it('a broken percent-escape in the path → 400 BAD_REQUEST', async () => {
    const res = await call(t.app, 'GET', '/api/v1/posts/%E0%A4%A', { token: user.token })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('BAD_REQUEST')
  })

  it.each([
    [
      'cut off before its end',
      'multipart/form-data; boundary=XX',
      '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nabc',
    ],
    ['without a boundary', 'multipart/form-data', 'not multipart at all'],
  ])('a multipart upload %s → 400 VALIDATION_FAILED', async (_, contentType, payload) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/media',
      headers: { authorization: `Bearer ${user.token}`, 'content-type': contentType },
      payload,
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'file' })
  })

  it('JSON nested a hundred thousand deep → 400', async () => {
    const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
      payload: `{"displayName":${deep.slice(0, 200_000)}}`,
    })
    expect(res.statusCode).toBe(400)
  })

  it('NUL in text → 400 VALIDATION_FAILED naming the field', async () => {
    const res = await call(t.app, 'PATCH', '/api/v1/me', { token: user.token, body: { displayName: 'a\u0000b' } })
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'displayName' })
  })

  it('muting someone who does not exist → 404, in a live room as in the feed', async () => {
    const nobody = '01J0000000000000000000000Z'
    const feedMute = await call(t.app, 'PUT', `/api/v1/friends/${nobody}/settings`, {
      token: user.token,
      body: { muteTheirPosts: true },
    })
    expect(feedMute.status).toBe(404)
    const event = await call(t.app, 'POST', '/api/v1/live/events', {
      token: user.token,
      body: { title: '静音测试', startsAt: new Date(Date.now() + 3_600_000).toISOString() },
    })
    for (const userId of [nobody, '\u{10ffff}不存在']) {
      const liveMute = await call(t.app, 'POST', `/api/v1/live/events/${event.body.id}/mutes`, {
        token: user.token,
        body: { userId },
      })
      expect(liveMute.status).toBe(404)
      expect(liveMute.body.error.code).toBe('NOT_FOUND')
    }
  })
})

describe('NUL in the URL', () => {
  it.each(['/api/v1/posts/%00', '/api/v1/orders?cursor=a%00b', '/api/v1/live/events/x%00/keywords'])(
    '%s → 400 VALIDATION_FAILED (PostgreSQL would refuse the text with a 500)',
    async (url) => {
      const res = await call(t.app, 'GET', url, { token: user.token })
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('VALIDATION_FAILED')
    },
  )
})

describe('values the database cannot hold, wherever they are', () => {
  it.each([
    ['an id in the body', '/api/v1/blocks', { userId: 'nul\u0000byte' }, 'userId'],
    ['an id in a list in the body', '/api/v1/notifications/read', { ids: ['a', 'b\u0000'] }, 'ids.1'],
  ])('NUL in %s → 400 VALIDATION_FAILED naming the field', async (_, url, body, field) => {
    const res = await call(t.app, 'POST', url, { token: user.token, body })
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field })
  })

  it('a message number beyond any stored one → 400 VALIDATION_FAILED', async () => {
    const friend = await registerUser(t.app)
    await befriend(t.app, user, friend)
    const url = `/api/v1/conversations/${await directConversation(t.app, user, friend)}`
    for (const [method, path, body] of [
      ['GET', '/messages?afterSeq=7.960048627173561e%2B130', undefined],
      ['GET', '/messages?afterSeq=2147483648', undefined],
      ['POST', '/read', { seq: 1e20 }],
    ] as const) {
      const res = await call(t.app, method, url + path, { token: user.token, body })
      expect(res.status, `${method} ${path}`).toBe(400)
      expect(res.body.error.code).toBe('VALIDATION_FAILED')
    }
  })
})
