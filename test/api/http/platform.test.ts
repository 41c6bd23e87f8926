import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  call,
  createTestApp,
  registerCode,
  registerUser,
  registerWithCode,
  uniquePhone,
  type Json,
  type TestApp,
} from '../../helpers/app.js'
import { makeIdNumber } from '../../helpers/id-numbers.js'

describe('health, OpenAPI and security headers', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp()
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app

  it('reports health with the database and bus in use', async () => {
    const res = await call(app(), 'GET', '/api/v1/health')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      status: 'ok',
      db: process.env.DATABASE_URL ? 'postgres' : 'sqlite',
      bus: process.env.REDIS_URL ? 'redis' : 'memory',
    })
  })

  it('serves an OpenAPI document describing every endpoint so far, the error shape and Idempotency-Key', async () => {
    const res = await call(app(), 'GET', '/api/v1/openapi.json')
    expect(res.status).toBe(200)
    expect(res.body.openapi).toMatch(/^3\./)
    const paths = res.body.paths as Record<string, Record<string, unknown>>
    const expected: Array<[string, string]> = [
      ['/api/v1/health', 'get'],
      ['/api/v1/auth/register', 'post'],
      ['/api/v1/auth/login', 'post'],
      ['/api/v1/auth/logout', 'post'],
      ['/api/v1/me', 'get'],
      ['/api/v1/me', 'patch'],
      ['/api/v1/me/real-name', 'post'],
      ['/api/v1/me/pin', 'put'],
      ['/api/v1/users', 'get'],
      ['/api/v1/wallet', 'get'],
      ['/api/v1/wallet/topups', 'post'],
      ['/api/v1/wallet/withdrawals', 'post'],
      ['/api/v1/transfers', 'post'],
      ['/api/v1/wallet/transactions', 'get'],
      ['/api/v1/wallet/bill', 'get'],
      ['/api/v1/payment-requests', 'post'],
      ['/api/v1/payment-requests', 'get'],
      ['/api/v1/payment-requests/{id}/pay', 'post'],
      ['/api/v1/payment-requests/{id}/decline', 'post'],
      ['/api/v1/friend-requests', 'post'],
      ['/api/v1/friend-requests', 'get'],
      ['/api/v1/friend-requests/{id}/accept', 'post'],
      ['/api/v1/friend-requests/{id}/decline', 'post'],
      ['/api/v1/friends', 'get'],
      ['/api/v1/friends/{userId}', 'delete'],
      ['/api/v1/friends/{userId}/settings', 'put'],
      ['/api/v1/blocks', 'post'],
      ['/api/v1/blocks/{userId}', 'delete'],
      ['/api/v1/groups', 'post'],
      ['/api/v1/groups', 'get'],
      ['/api/v1/groups/{id}', 'get'],
      ['/api/v1/groups/{id}/members', 'post'],
      ['/api/v1/groups/{id}/members/{userId}', 'delete'],
      ['/api/v1/posts', 'post'],
      ['/api/v1/feed', 'get'],
      ['/api/v1/users/{id}/posts', 'get'],
      ['/api/v1/posts/{id}', 'get'],
      ['/api/v1/posts/{id}', 'delete'],
      ['/api/v1/posts/{id}/likes', 'post'],
      ['/api/v1/posts/{id}/likes', 'delete'],
      ['/api/v1/posts/{id}/comments', 'post'],
      ['/api/v1/comments/{id}', 'delete'],
      ['/api/v1/posts/{id}/tips', 'post'],
    ]
    for (const [path, method] of expected) expect(paths[path]?.[method], `${method} ${path}`).toBeDefined()
    const register = paths['/api/v1/auth/register']!.post as { responses: Record<string, unknown> }
    expect(Object.keys(register.responses)).toEqual(expect.arrayContaining(['201', '4XX', '5XX']))
    expect(JSON.stringify(res.body.components.schemas)).toContain('ErrorBody')
    const transfer = paths['/api/v1/transfers']!.post as { parameters: Array<{ name: string; in: string }> }
    expect(transfer.parameters).toContainEqual(expect.objectContaining({ name: 'idempotency-key', in: 'header' }))
  })

  it('serves an API docs page', async () => {
    const res = await app().inject({ method: 'GET', url: '/api/v1/docs/' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('text/html')
  })

  it('sends security headers with a strict CSP and no CORS grant', async () => {
    const res = await app().inject({
      method: 'GET',
      url: '/api/v1/health',
      headers: { origin: 'https://evil.example' },
    })
    const csp = String(res.headers['content-security-policy'])
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).toContain("frame-ancestors 'none'")
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('writes no password, token, cookie, PIN or ID number to the logs, even at trace level', async () => {
    const lines: string[] = []
    const logged = await createTestApp({ logLevel: 'trace', logStream: { write: (line) => lines.push(line) } })
    try {
      const phone = uniquePhone()
      const password = 'hunter2-very-secret'
      const reg = await registerWithCode(logged.app, { phone, password, displayName: '日志' })
      const token = reg.body.token as string
      const idNumber = makeIdNumber('1987-07-07')
      await call(logged.app, 'POST', '/api/v1/me/real-name', { token, body: { name: '日志人', idNumber } })
      await call(logged.app, 'PUT', '/api/v1/me/pin', { token, body: { pin: '918273' } })
      await call(logged.app, 'PUT', '/api/v1/me/pin', { token, body: { pin: '111111', currentPin: '564738' } })
      await call(logged.app, 'POST', '/api/v1/auth/login', { body: { phone, password } })
      await logged.app.inject({
        method: 'GET',
        url: `/api/v1/me?token=${token}`,
        headers: { cookie: `lc_session=${token}` },
      })
      const lookedUp = uniquePhone()
      await call(logged.app, 'GET', `/api/v1/users?phone=${lookedUp}`, { token })
      const all = lines.join('\n')
      expect(lines.length).toBeGreaterThan(5)
      for (const secret of [password, token, idNumber, '918273', '564738', '日志人', lookedUp]) {
        expect(all).not.toContain(secret)
      }
      expect(all).toContain('"reqId"')
    } finally {
      await logged.close()
    }
  })
})

describe('per-address abuse limits', () => {
  it('limits registrations per client address when IP limits are on, with Retry-After', async () => {
    const limited = await createTestApp({ ipLimits: true })
    try {
      const responses: Json[] = []
      for (let i = 0; i < 21; i++) {
        // Codes from addresses of their own (they have their own limit); the registrations all from one.
        const phone = uniquePhone()
        const code = await registerCode(limited.app, phone)
        responses.push(
          await call(limited.app, 'POST', '/api/v1/auth/register', {
            body: { phone, code, password: 'long-enough', displayName: `u${i}` },
          }),
        )
      }
      const last = responses[20]!
      expect(responses.slice(0, 20).every((r) => r.status === 201)).toBe(true)
      expect(last.status).toBe(429)
      expect(last.body.error.code).toBe('RATE_LIMITED')
      expect(Number(last.headers['retry-after'])).toBeGreaterThan(0)
    } finally {
      await limited.close()
    }
  })

  it('has no per-address limit when switched off (load tests)', async () => {
    const open = await createTestApp({ ipLimits: false })
    try {
      const user = await registerUser(open.app)
      for (let i = 0; i < 40; i++) {
        const res = await call(open.app, 'POST', '/api/v1/auth/login', {
          body: { phone: user.phone, password: user.password },
        })
        expect(res.status).toBe(200)
      }
    } finally {
      await open.close()
    }
  })
})
