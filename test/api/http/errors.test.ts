import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp } from '../../helpers/app.js'

describe('error handling at the edge', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp()
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    for (const payload of ['{bad', '{"phone": "1380', '']) {
      const res = await app().inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        payload,
      })
      expect(res.statusCode).toBe(400)
      expect(res.json().error).toEqual({ code: 'MALFORMED_JSON', message: 'The request body is not valid JSON.' })
    }
  })

  it('answers a JSON body that is not an object with 400 naming the body', async () => {
    for (const payload of ['[]', 'null', '"text"', '42']) {
      const res = await app().inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload,
      })
      expect(res.statusCode).toBe(400)
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body' })
    }
  })

  it('answers an oversize body with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await app().inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ phone: '13800138000', password: 'x'.repeat(300_000), displayName: 'big' }),
    })
    expect(res.statusCode).toBe(413)
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('answers an unsupported content type with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await app().inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'text/xml' },
      payload: '<login/>',
    })
    expect(res.statusCode).toBe(415)
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
  })

  it('answers unknown API routes and methods with a JSON 404 NOT_FOUND', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nothing-here'],
      ['DELETE', '/api/v1/me'],
      ['GET', '/api/v2/health'],
      ['POST', '/api/v1/health'],
    ] as const) {
      const res = await call(app(), method, url, { headers: { 'accept-language': 'zh-TW' } })
      expect(res.status).toBe(404)
      expect(res.body.error).toEqual({ code: 'NOT_FOUND', message: '找不到該內容。' })
    }
  })

  it('localises messages by Accept-Language for anonymous callers, defaulting to Simplified Chinese', async () => {
    const ask = async (language?: string) =>
      (
        await call(app(), 'GET', '/api/v1/me', {
          headers: language ? { 'accept-language': language } : {},
        })
      ).body.error.message as string
    expect(await ask('en-US,en;q=0.9')).toBe('Please log in first.')
    expect(await ask('zh-HK')).toBe('請先登入。')
    expect(await ask('zh-Hant')).toBe('請先登入。')
    expect(await ask('zh-SG')).toBe('请先登录。')
    expect(await ask('fr')).toBe('请先登录。')
    expect(await ask()).toBe('请先登录。')
  })

  it('coerces nothing in bodies: a number where text belongs is a 400, not a guess', async () => {
    const user = await registerUser(app())
    const res = await call(app(), 'PATCH', '/api/v1/me', { token: user.token, body: { displayName: 12345 } })
    expect(res.status).toBe(400)
    expect(res.body.error.field).toBe('displayName')
  })

  it('tags every response with a request id', async () => {
    const res = await app().inject({ method: 'GET', url: '/api/v1/health' })
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })
})
