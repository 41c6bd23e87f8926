import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, uniqueAddress, uniquePhone, type TestApp } from '../../helpers/app.js'

const PASSWORD = 'long-enough'

describe('phone codes with the sandbox provider', () => {
  let now = Date.parse('2030-03-01T08:00:00Z')
  let testApp: TestApp
  const lines: string[] = []
  beforeAll(async () => {
    testApp = await createTestApp({
      clock: () => now,
      logLevel: 'info',
      logStream: { write: (line) => void lines.push(line) },
    })
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app
  const register = (phone: string, code: string | undefined) =>
    call(app(), 'POST', '/api/v1/auth/register', {
      body: { phone, password: PASSWORD, displayName: '新人', ...(code !== undefined ? { code } : {}) },
    })
  const ask = (phone: string, purpose: string, remoteAddress = uniqueAddress()) =>
    call(app(), 'POST', '/api/v1/auth/codes', { body: { phone, purpose }, remoteAddress })
  const outboxOf = async (phone: string) => {
    const operator = await registerUser(app(), '运营')
    await app().ctx.accounts.setOperator(operator.phone, true)
    const res = await call(app(), 'GET', '/api/v1/admin/sms-outbox', { token: operator.token })
    expect(res.status).toBe(200)
    expect(res.body.sandbox).toBe(true)
    return (res.body.items as Array<{ phone: string; purpose: string; text: string }>).filter((m) => m.phone === phone)
  }
  const codeIn = (text: string) => /\d{6}/.exec(text)![0]

  it('returns a register code as sandboxCode, logs it at info as the sandbox outbox, and it registers once', async () => {
    const phone = uniquePhone()
    const res = await ask(phone, 'register')
    expect(res.status).toBe(202)
    expect(res.body.sandboxCode).toMatch(/^\d{6}$/)
    expect(lines.some((line) => line.includes('sandbox SMS') && line.includes(res.body.sandboxCode))).toBe(true)
    expect((await register(phone, res.body.sandboxCode)).status).toBe(201)
  })

  it('refuses a missing, a wrong and an old code with their own errors', async () => {
    const phone = uniquePhone()
    const { sandboxCode } = (await ask(phone, 'register')).body
    expect((await register(phone, undefined)).body.error.code).toBe('PHONE_CODE_REQUIRED')
    const wrong = await register(phone, sandboxCode === '000000' ? '000001' : '000000')
    expect(wrong.status).toBe(400)
    expect(wrong.body.error.code).toBe('PHONE_CODE_INVALID')
    now += 5 * 60_000
    const old = await register(phone, sandboxCode)
    expect(old.status).toBe(400)
    expect(old.body.error.code).toBe('PHONE_CODE_EXPIRED')
  })

  it('kills a code after 5 wrong tries: even the right one is then PHONE_CODE_EXPIRED', async () => {
    const phone = uniquePhone()
    const { sandboxCode } = (await ask(phone, 'register')).body
    const wrong = sandboxCode === '999999' ? '999998' : '999999'
    for (let i = 0; i < 5; i++) expect((await register(phone, wrong)).body.error.code).toBe('PHONE_CODE_INVALID')
    expect((await register(phone, sandboxCode)).body.error.code).toBe('PHONE_CODE_EXPIRED')
  })

  it('binds a code to its phone and its purpose, and a reset code is single use', async () => {
    const user = await registerUser(app())
    const other = uniquePhone()
    const { sandboxCode } = (await ask(other, 'register')).body
    expect((await register(uniquePhone(), sandboxCode)).body.error.code).toBe('PHONE_CODE_INVALID')

    now += 61_000
    expect((await ask(user.phone, 'reset-pin')).status).toBe(202)
    const pinCode = codeIn((await outboxOf(user.phone)).find((m) => m.purpose === 'reset-pin')!.text)
    const reset = (code: string) =>
      call(app(), 'POST', '/api/v1/auth/password-reset', {
        body: { phone: user.phone, code, newPassword: 'brand-new-password' },
      })
    expect((await reset(pinCode)).body.error.code).toBe('PHONE_CODE_INVALID')

    now += 61_000
    expect((await ask(user.phone, 'reset-password')).status).toBe(202)
    const passwordCode = codeIn((await outboxOf(user.phone)).find((m) => m.purpose === 'reset-password')!.text)
    expect((await reset(passwordCode)).status).toBe(204)
    expect((await reset(passwordCode)).body.error.code).toBe('PHONE_CODE_EXPIRED')
  })

  it('never returns a reset code, and sends nothing for an unknown phone with the same 202', async () => {
    const user = await registerUser(app())
    for (const purpose of ['reset-password', 'reset-pin']) {
      now += 61_000
      const known = await ask(user.phone, purpose)
      expect(known.status).toBe(202)
      expect(known.body).toEqual({})
      const stranger = uniquePhone()
      const unknown = await ask(stranger, purpose)
      expect(unknown.status).toBe(202)
      expect(unknown.body).toEqual({})
      expect(await outboxOf(stranger)).toEqual([])
    }
    const sent = (await outboxOf(user.phone)).filter((m) => m.purpose !== 'register')
    expect(sent.map((m) => m.purpose).sort()).toEqual(['reset-password', 'reset-pin'])
  })

  it('tells a taken phone at once and sends it nothing', async () => {
    const user = await registerUser(app())
    now += 61_000
    const res = await ask(user.phone, 'register')
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('PHONE_TAKEN')
    expect(await outboxOf(user.phone)).toHaveLength(1)
  })

  it('keeps the outbox to operators', async () => {
    const user = await registerUser(app())
    const res = await call(app(), 'GET', '/api/v1/admin/sms-outbox', { token: user.token })
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('FORBIDDEN')
  })

  it('limits codes per phone: one a minute, five an hour, with LIFECIRCLE_IP_LIMITS off', async () => {
    expect(testApp.config.ipLimits).toBe(false)
    const phone = uniquePhone()
    expect((await ask(phone, 'register')).status).toBe(202)
    const soon = await ask(phone, 'register')
    expect(soon.status).toBe(429)
    expect(soon.body.error.code).toBe('RATE_LIMITED')
    expect(Number(soon.headers['retry-after'])).toBeGreaterThan(0)
    for (let i = 0; i < 4; i++) {
      now += 61_000
      expect((await ask(phone, 'register')).status).toBe(202)
    }
    now += 61_000
    const hourly = await ask(phone, 'register')
    expect(hourly.status).toBe(429)
    expect(Number(hourly.headers['retry-after'])).toBeGreaterThan(60)
  })

  it('limits codes per client address: 20 an hour, whatever the phones', async () => {
    const address = uniqueAddress()
    for (let i = 0; i < 20; i++) expect((await ask(uniquePhone(), 'register', address)).status).toBe(202)
    const over = await ask(uniquePhone(), 'register', address)
    expect(over.status).toBe(429)
    expect(over.headers['retry-after']).toBeDefined()
    expect((await ask(uniquePhone(), 'register')).status).toBe(202)
  })
})

describe('phone codes with the webhook provider', () => {
  const SECRET = 'webhook-secret-0123456789abcdefghij'
  const received: Array<{ body: string; signature: string | undefined }> = []
  let failing = false
  let server: http.Server
  let testApp: TestApp
  const lines: string[] = []
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      let body = ''
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
      request.on('end', () => {
        received.push({ body, signature: request.headers['x-lifecircle-signature'] as string | undefined })
        response.statusCode = failing ? 500 : 200
        response.end()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    testApp = await createTestApp({
      logLevel: 'info',
      logStream: { write: (line) => void lines.push(line) },
      env: {
        LIFECIRCLE_SMS_PROVIDER: 'webhook',
        LIFECIRCLE_SMS_WEBHOOK_URL: `http://127.0.0.1:${port}/sms`,
        LIFECIRCLE_SMS_WEBHOOK_SECRET: SECRET,
      },
    })
  })
  afterAll(async () => {
    await testApp.close()
    await new Promise((resolve) => server.close(resolve))
  })

  it('POSTs a signed JSON body, returns no sandboxCode, logs no code, and the code registers', async () => {
    const phone = '+85291234567'
    const res = await call(testApp.app, 'POST', '/api/v1/auth/codes', { body: { phone, purpose: 'register' } })
    expect(res.status).toBe(202)
    expect(res.body).toEqual({})
    const message = received.at(-1)!
    const expected = crypto.createHmac('sha256', SECRET).update(message.body).digest('hex')
    expect(message.signature).toBe(`sha256=${expected}`)
    const payload = JSON.parse(message.body)
    expect(payload).toEqual({
      phone,
      text: expect.any(String),
      purpose: 'register',
      id: expect.any(String),
      sentAt: expect.any(String),
    })
    const code = /\d{6}/.exec(payload.text)![0]
    expect(lines.some((line) => line.includes(code))).toBe(false)
    const registered = await call(testApp.app, 'POST', '/api/v1/auth/register', {
      body: { phone, code, password: PASSWORD, displayName: 'HK' },
    })
    expect(registered.status).toBe(201)
    expect(registered.body.user.phone).toBe(phone)
  })

  it('answers 503 SERVICE_UNAVAILABLE when the gateway fails, and keeps no code it could not send', async () => {
    failing = true
    const phone = uniquePhone()
    const res = await call(testApp.app, 'POST', '/api/v1/auth/codes', { body: { phone, purpose: 'register' } })
    failing = false
    expect(res.status).toBe(503)
    expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE')
    const code = /\d{6}/.exec(JSON.parse(received.at(-1)!.body).text)![0]
    const registered = await call(testApp.app, 'POST', '/api/v1/auth/register', {
      body: { phone, code, password: PASSWORD, displayName: 'X' },
    })
    expect(registered.body.error.code).toBe('PHONE_CODE_INVALID')
  })
})
