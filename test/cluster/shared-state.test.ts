import { afterAll, beforeAll, expect, it } from 'vitest'
import { call, registerCode, registerUser, uniquePhone, type Json } from '../helpers/app.js'
import { createTestCluster, type TestCluster } from '../helpers/cluster.js'
import { describeIfCluster } from '../helpers/optional.js'
import { befriend } from '../helpers/social.js'
import { idem, PIN, topUp, verifiedUserWithPin, walletOf } from '../helpers/wallet.js'

describeIfCluster('two processes share what limits and remembers', () => {
  let cluster: TestCluster
  beforeAll(async () => {
    // Per-address limits on, to see them hold across the two processes.
    cluster = await createTestCluster({ ipLimits: true })
  })
  afterAll(() => cluster.close())

  it('accepts a session made on A at B, and forgets it on both after logging out on B', async () => {
    const user = await registerUser(cluster.a, '甲')
    expect((await call(cluster.b, 'GET', '/api/v1/me', { token: user.token })).body.id).toBe(user.id)
    expect((await call(cluster.b, 'POST', '/api/v1/auth/logout', { token: user.token })).status).toBe(204)
    expect((await call(cluster.a, 'GET', '/api/v1/me', { token: user.token })).status).toBe(401)
  })

  it('replays on B the answer A gave to an idempotency key, and moves the money once', async () => {
    const from = await verifiedUserWithPin(cluster.a, '付款人')
    const to = await verifiedUserWithPin(cluster.a, '收款人')
    await befriend(cluster.a, from, to)
    await topUp(cluster.a, from, 5_000)
    const key = idem()
    const send = (app: TestCluster['a']) =>
      call(app, 'POST', '/api/v1/transfers', {
        token: from.token,
        body: { toUserId: to.id, amount: 1_200, pin: PIN },
        headers: { 'idempotency-key': key },
      })
    const first = await send(cluster.a)
    expect(first.status).toBe(201)
    const again = await send(cluster.b)
    expect(again).toMatchObject({ status: 201, body: first.body })
    expect((await walletOf(cluster.b, from)).balance).toBe(3_800)
    expect((await walletOf(cluster.a, to)).balance).toBe(1_200)
  })

  it('locks the PIN after five wrong tries spread over A and B, on both', async () => {
    const user = await verifiedUserWithPin(cluster.a, '忘了密码')
    const change = (app: TestCluster['a'], currentPin: string) =>
      call(app, 'PUT', '/api/v1/me/pin', { token: user.token, body: { pin: '135790', currentPin } })
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) statuses.push((await change(i % 2 ? cluster.b : cluster.a, '000000')).status)
    expect(statuses.slice(0, 4)).toEqual([403, 403, 403, 403])
    for (const app of [cluster.a, cluster.b]) {
      const locked = await change(app, PIN)
      expect([locked.status, locked.body.error.code]).toEqual([423, 'PIN_LOCKED'])
    }
  })

  it('counts password guesses on A and B against one limit', async () => {
    const user = await registerUser(cluster.a)
    for (let i = 0; i < 10; i++) {
      const res = await call(i % 2 ? cluster.b : cluster.a, 'POST', '/api/v1/auth/login', {
        body: { phone: user.phone, password: `guess-${i}-xx` },
      })
      expect(res.status).toBe(401)
    }
    for (const app of [cluster.a, cluster.b]) {
      const blocked = await call(app, 'POST', '/api/v1/auth/login', {
        body: { phone: user.phone, password: user.password },
      })
      expect([blocked.status, blocked.body.error.code]).toEqual([429, 'RATE_LIMITED'])
    }
  })

  it('gives a danmaku sender one rate across A and B: a burst of three, then 429', async () => {
    const host = await registerUser(cluster.a, '主播')
    const viewer = await registerUser(cluster.a, '观众')
    const created = await call(cluster.a, 'POST', '/api/v1/live/events', {
      token: host.token,
      body: { title: '限速', startsAt: new Date().toISOString() },
    })
    await call(cluster.a, 'POST', `/api/v1/live/events/${created.body.id}/start`, { token: host.token })
    // All at once through both processes, well within the second it takes a token to come back.
    const sent = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        call(i % 2 ? cluster.b : cluster.a, 'POST', `/api/v1/live/events/${created.body.id}/danmaku`, {
          token: viewer.token,
          body: { text: `第${i}条` },
        }),
      ),
    )
    const statuses = sent.map((r) => r.status).sort()
    expect(statuses).toEqual([201, 201, 201, 429])
  })

  it('holds the per-address registration limit across A and B (Redis counters)', async () => {
    // Registrations from this one address, on alternating processes (the helpers register from addresses of their own).
    const responses: Json[] = []
    for (let i = 0; i < 24; i++) {
      // The codes from addresses of their own (they have their own limit), the registrations all from this one.
      const phone = uniquePhone()
      const code = await registerCode(cluster.a, phone)
      responses.push(
        await call(i % 2 ? cluster.b : cluster.a, 'POST', '/api/v1/auth/register', {
          body: { phone, code, password: 'long-enough', displayName: `u${i}` },
        }),
      )
    }
    const refused = responses.filter((r) => r.status === 429)
    const accepted = responses.filter((r) => r.status === 201)
    // Each process alone would allow 20, so all 24; together they allow 20 in all.
    expect(accepted.length).toBe(20)
    expect(accepted.length + refused.length).toBe(24)
    expect(responses.at(-1)!.status).toBe(429)
    expect(responses.at(-2)!.status).toBe(429)
  })
})
