import { afterAll, describe, expect, it } from 'vitest'
import { ConfigError, ENVIRONMENT_HELP, loadConfig } from '../../../src/server/config.js'
import { call, createTestApp, uniquePhone, type TestApp } from '../../helpers/app.js'

const LOGIN_LIMIT_PER_MINUTE = 30

/** Logins for phones nobody has, each once, so that only the per-address limit can refuse them. */
async function loginsUntilLimited(testApp: TestApp, clientAddress: string): Promise<number[]> {
  const statuses: number[] = []
  for (let i = 0; i <= LOGIN_LIMIT_PER_MINUTE; i++) {
    const res = await call(testApp.app, 'POST', '/api/v1/auth/login', {
      headers: { 'x-forwarded-for': clientAddress },
      body: { phone: uniquePhone(), password: 'not-the-password-1' },
    })
    statuses.push(res.status)
  }
  return statuses
}

describe('LIFECIRCLE_TRUST_PROXY', () => {
  const apps: TestApp[] = []
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()))
  })

  it('is off by default and takes addresses, CIDRs or loopback; anything else is refused', () => {
    expect(loadConfig({}).trustProxy).toBe(false)
    expect(loadConfig({ LIFECIRCLE_TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback')
    expect(loadConfig({ LIFECIRCLE_TRUST_PROXY: '10.0.0.0/8, ::1' }).trustProxy).toBe('10.0.0.0/8,::1')
    for (const bad of ['true', '*', 'nginx.local']) {
      expect(() => loadConfig({ LIFECIRCLE_TRUST_PROXY: bad }), bad).toThrow(ConfigError)
    }
    expect(ENVIRONMENT_HELP).toContain('LIFECIRCLE_TRUST_PROXY')
  })

  it('behind a trusted proxy, limits count each client named by X-Forwarded-For', async () => {
    const testApp = await createTestApp({ ipLimits: true, env: { LIFECIRCLE_TRUST_PROXY: 'loopback' } })
    apps.push(testApp)
    const first = await loginsUntilLimited(testApp, '203.0.113.7')
    expect(first.at(-1)).toBe(429)
    const other = await loginsUntilLimited(testApp, '203.0.113.8')
    expect(other[0]).toBe(401)
  })

  it('without it, X-Forwarded-For is ignored: a client cannot escape its limit by claiming another address', async () => {
    const testApp = await createTestApp({ ipLimits: true })
    apps.push(testApp)
    expect((await loginsUntilLimited(testApp, '203.0.113.7')).at(-1)).toBe(429)
    expect((await loginsUntilLimited(testApp, '203.0.113.8'))[0]).toBe(429)
  })
})
