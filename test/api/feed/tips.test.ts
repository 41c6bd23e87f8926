import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/app.js'
import { befriend } from '../../helpers/social.js'
import { idem, topUp, verifiedUserWithPin, walletOf } from '../../helpers/wallet.js'

describe('one-tap tips (打赏)', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp()
  })
  afterAll(() => testApp.close())
  const as = (user: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, headers = {}) =>
    call(testApp.app, method, url, { token: user.token, body, headers })
  const tip = (user: TestUser, postId: string, key = idem()) =>
    as(user, 'POST', `/api/v1/posts/${postId}/tips`, undefined, { 'idempotency-key': key })

  async function scene(options: { tipsEnabled?: boolean; funds?: number } = {}) {
    const author = await verifiedUserWithPin(testApp.app)
    const fan = await verifiedUserWithPin(testApp.app)
    await befriend(testApp.app, author, fan)
    if (options.funds !== 0) await topUp(testApp.app, fan, options.funds ?? 10_000)
    const body = { text: '新歌发布', visibility: { type: 'friends' }, tipsEnabled: options.tipsEnabled ?? true }
    const postId = (await as(author, 'POST', '/api/v1/posts', body)).body.id as string
    return { author, fan, postId }
  }

  it('draws 1–99 fen, moves it through the ledger with no PIN, and shows the total to the author only', async () => {
    const { author, fan, postId } = await scene()
    const amounts: number[] = []
    for (let i = 0; i < 12; i++) {
      const res = await tip(fan, postId)
      expect(res.status).toBe(201)
      expect(res.body.amount).toBeGreaterThanOrEqual(1)
      expect(res.body.amount).toBeLessThanOrEqual(99)
      expect(res.body.transaction).toMatchObject({
        category: 'tip',
        amount: -res.body.amount,
        counterparty: { id: author.id },
      })
      amounts.push(res.body.amount)
    }
    const total = amounts.reduce((a, b) => a + b, 0)
    expect(new Set(amounts).size).toBeGreaterThan(1)
    expect((await walletOf(testApp.app, fan)).balance).toBe(10_000 - total)
    expect((await walletOf(testApp.app, author)).balance).toBe(total)
    const forAuthor = (await as(author, 'GET', `/api/v1/posts/${postId}`)).body
    expect(forAuthor.tipTotal).toBe(total)
    expect(forAuthor.tippers).toHaveLength(12)
    expect(forAuthor.tippers[0].user.id).toBe(fan.id)
    const forFan = (await as(fan, 'GET', `/api/v1/posts/${postId}`)).body
    expect(forFan.tipTotal).toBeUndefined()
    expect(forFan.tippers).toBeUndefined()
    expect((await testApp.app.ctx.ledger.audit()).ok).toBe(true)
  })

  it('replays the first tip for the same Idempotency-Key, and needs one', async () => {
    const { fan, postId } = await scene()
    const first = await tip(fan, postId, 'tap-1')
    const again = await tip(fan, postId, 'tap-1')
    expect(again.body).toEqual(first.body)
    expect((await walletOf(testApp.app, fan)).balance).toBe(10_000 - first.body.amount)
    const none = await as(fan, 'POST', `/api/v1/posts/${postId}/tips`)
    expect([none.status, none.body.error.code]).toEqual([400, 'IDEMPOTENCY_KEY_REQUIRED'])
  })

  it('refuses tips when turned off (409), to oneself (400), from a stranger (404), without money (409)', async () => {
    const off = await scene({ tipsEnabled: false })
    expect((await tip(off.fan, off.postId)).body.error.code).toBe('TIPS_DISABLED')
    expect((await as(off.author, 'GET', `/api/v1/posts/${off.postId}`)).body.tipsEnabled).toBe(false)

    const { author, postId } = await scene()
    const self = await tip(author, postId)
    expect([self.status, self.body.error.code]).toEqual([400, 'CANNOT_TIP_YOURSELF'])
    const stranger = await verifiedUserWithPin(testApp.app)
    await topUp(testApp.app, stranger, 1_000)
    expect((await tip(stranger, postId)).status).toBe(404)

    const broke = await scene({ funds: 0 })
    const res = await tip(broke.fan, broke.postId)
    expect([res.status, res.body.error.code]).toEqual([409, 'INSUFFICIENT_FUNDS'])
  })

  it('needs a verified real name to tip', async () => {
    const { author, postId } = await scene()
    const unverified = await registerUser(testApp.app)
    await befriend(testApp.app, author, unverified)
    const res = await tip(unverified, postId)
    expect([res.status, res.body.error.code]).toEqual([403, 'REAL_NAME_REQUIRED'])
  })

  it('stops at the daily password-free cap, even when tapped in parallel', async () => {
    const { fan, postId } = await scene({ funds: 50_000 })
    const results = await Promise.all(Array.from({ length: 80 }, () => tip(fan, postId)))
    const ok = results.filter((r) => r.status === 201)
    const capped = results.filter((r) => r.status === 409)
    expect(capped.length).toBeGreaterThan(0)
    expect(capped.every((r) => r.body.error.code === 'TIP_LIMIT_REACHED')).toBe(true)
    const spent = ok.reduce((sum, r) => sum + (r.body.amount as number), 0)
    expect(spent).toBeLessThanOrEqual(2_000)
    expect((await walletOf(testApp.app, fan)).balance).toBe(50_000 - spent)
    expect((await testApp.app.ctx.ledger.audit()).ok).toBe(true)
  })
})
