import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/app.js'
import { makeIdNumber } from '../../helpers/id-numbers.js'

const PIN = '246813'

describe('payment requests, history and the annual bill', () => {
  let now = Date.parse('2026-03-15T04:00:00Z')
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp({ clock: () => now })
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app

  async function verifiedUser(name = '收款人'): Promise<TestUser> {
    const user = await registerUser(app(), name)
    await call(app(), 'POST', '/api/v1/me/real-name', {
      token: user.token,
      body: { name: `李${name}`, idNumber: makeIdNumber('1992-06-01') },
    })
    await call(app(), 'PUT', '/api/v1/me/pin', { token: user.token, body: { pin: PIN } })
    return user
  }
  const post = (user: TestUser, url: string, body?: unknown, key: string | null = crypto.randomUUID()) =>
    call(app(), 'POST', url, { token: user.token, body, headers: key === null ? {} : { 'idempotency-key': key } })
  const get = (user: TestUser, url: string) => call(app(), 'GET', url, { token: user.token })
  /** The clock jumps months in these tests; a fresh session keeps the user logged in. */
  const relogin = async (user: TestUser) => {
    const res = await call(app(), 'POST', '/api/v1/auth/login', {
      body: { phone: user.phone, password: user.password },
    })
    user.token = res.body.token
  }
  const balance = async (user: TestUser) => (await get(user, '/api/v1/wallet')).body.balance as number

  describe('收钱 and 交钱', () => {
    it('creates an open request that the payer sees incoming and the requester outgoing', async () => {
      const requester = await verifiedUser('要钱')
      const payer = await verifiedUser('付钱')
      const res = await post(
        requester,
        '/api/v1/payment-requests',
        { fromUserId: payer.id, amount: 880, note: '电影票' },
        null,
      )
      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({
        id: expect.any(String),
        status: 'open',
        amount: 880,
        currency: 'CNY',
        note: '电影票',
        requester: { id: requester.id, displayName: '要钱' },
        payer: { id: payer.id, displayName: '付钱' },
        settledAt: null,
      })
      const incoming = await get(payer, '/api/v1/payment-requests?direction=incoming')
      expect(incoming.body).toEqual({ items: [res.body], nextCursor: null })
      const outgoing = await get(requester, '/api/v1/payment-requests?direction=outgoing')
      expect(outgoing.body.items.map((r: { id: string }) => r.id)).toEqual([res.body.id])
      expect((await get(requester, '/api/v1/payment-requests?direction=incoming')).body.items).toEqual([])
    })

    it('refuses a request from yourself (400), from nobody (404), and without a direction (400)', async () => {
      const user = await verifiedUser()
      const self = await post(user, '/api/v1/payment-requests', { fromUserId: user.id, amount: 1 }, null)
      expect([self.status, self.body.error.code]).toEqual([400, 'CANNOT_REQUEST_FROM_YOURSELF'])
      const nobody = await post(user, '/api/v1/payment-requests', { fromUserId: 'ghost', amount: 1 }, null)
      expect([nobody.status, nobody.body.error.code]).toEqual([404, 'NOT_FOUND'])
      const noDirection = await get(user, '/api/v1/payment-requests')
      expect(noDirection.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'direction' })
      const zero = await post(user, '/api/v1/payment-requests', { fromUserId: 'ghost', amount: 0 }, null)
      expect(zero.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'amount' })
    })

    it('is paid once with the PIN; paying again is 409 ALREADY_PAID; the money moved once', async () => {
      const requester = await verifiedUser()
      const payer = await verifiedUser()
      await post(payer, '/api/v1/wallet/topups', { amount: 2_000 })
      const { body: request } = await post(
        requester,
        '/api/v1/payment-requests',
        { fromUserId: payer.id, amount: 880 },
        null,
      )

      const paid = await post(payer, `/api/v1/payment-requests/${request.id}/pay`, { pin: PIN })
      expect(paid.status).toBe(200)
      expect(paid.body).toMatchObject({
        status: 'paid',
        transaction: { category: 'request', amount: -880, counterparty: { id: requester.id } },
      })
      const twice = await post(payer, `/api/v1/payment-requests/${request.id}/pay`, { pin: PIN })
      expect([twice.status, twice.body.error.code]).toEqual([409, 'ALREADY_PAID'])
      expect(await balance(payer)).toBe(1_120)
      expect(await balance(requester)).toBe(880)
      const view = (await get(requester, '/api/v1/payment-requests?direction=outgoing')).body.items[0]
      expect(view).toMatchObject({ status: 'paid', settledAt: expect.any(String) })
      const history = (await get(requester, '/api/v1/wallet/transactions')).body.items
      expect(history[0]).toMatchObject({ category: 'request', amount: 880, counterparty: { id: payer.id } })
    })

    it('lets only the payer pay or decline: 403 for the requester, 404 for anyone else', async () => {
      const requester = await verifiedUser()
      const payer = await verifiedUser()
      const stranger = await verifiedUser()
      const { body: request } = await post(
        requester,
        '/api/v1/payment-requests',
        { fromUserId: payer.id, amount: 10 },
        null,
      )
      expect((await post(requester, `/api/v1/payment-requests/${request.id}/pay`, { pin: PIN })).status).toBe(403)
      expect((await post(stranger, `/api/v1/payment-requests/${request.id}/pay`, { pin: PIN })).status).toBe(404)
      expect((await post(stranger, `/api/v1/payment-requests/${request.id}/decline`, undefined, null)).status).toBe(404)
      expect((await post(payer, '/api/v1/payment-requests/nope/pay', { pin: PIN })).status).toBe(404)
    })

    it('keeps the request open when the payer cannot afford it', async () => {
      const requester = await verifiedUser()
      const payer = await verifiedUser()
      const { body: request } = await post(
        requester,
        '/api/v1/payment-requests',
        { fromUserId: payer.id, amount: 10 },
        null,
      )
      const broke = await post(payer, `/api/v1/payment-requests/${request.id}/pay`, { pin: PIN })
      expect([broke.status, broke.body.error.code]).toEqual([409, 'INSUFFICIENT_FUNDS'])
      expect((await get(payer, '/api/v1/payment-requests?direction=incoming')).body.items[0].status).toBe('open')
    })

    it('declines: 200, again 200, and then paying is 409 REQUEST_DECLINED; a paid one cannot be declined', async () => {
      const requester = await verifiedUser()
      const payer = await verifiedUser()
      await post(payer, '/api/v1/wallet/topups', { amount: 100 })
      const { body: a } = await post(requester, '/api/v1/payment-requests', { fromUserId: payer.id, amount: 10 }, null)
      const declined = await post(payer, `/api/v1/payment-requests/${a.id}/decline`, undefined, null)
      expect([declined.status, declined.body]).toEqual([200, { status: 'declined' }])
      expect((await post(payer, `/api/v1/payment-requests/${a.id}/decline`, undefined, null)).status).toBe(200)
      const pay = await post(payer, `/api/v1/payment-requests/${a.id}/pay`, { pin: PIN })
      expect([pay.status, pay.body.error.code]).toEqual([409, 'REQUEST_DECLINED'])

      const { body: b } = await post(requester, '/api/v1/payment-requests', { fromUserId: payer.id, amount: 10 }, null)
      await post(payer, `/api/v1/payment-requests/${b.id}/pay`, { pin: PIN })
      const late = await post(payer, `/api/v1/payment-requests/${b.id}/decline`, undefined, null)
      expect([late.status, late.body.error.code]).toEqual([409, 'ALREADY_PAID'])
      expect(await balance(payer)).toBe(90)
    })

    it('pages requests newest first by cursor', async () => {
      const requester = await verifiedUser()
      const payer = await verifiedUser()
      for (let i = 1; i <= 5; i++) {
        now += 1000
        await post(requester, '/api/v1/payment-requests', { fromUserId: payer.id, amount: i }, null)
      }
      const first = await get(payer, '/api/v1/payment-requests?direction=incoming&limit=2')
      const second = await get(
        payer,
        `/api/v1/payment-requests?direction=incoming&limit=2&cursor=${first.body.nextCursor}`,
      )
      const third = await get(
        payer,
        `/api/v1/payment-requests?direction=incoming&limit=2&cursor=${second.body.nextCursor}`,
      )
      const amounts = [first, second, third].flatMap((page) => page.body.items.map((r: { amount: number }) => r.amount))
      expect(amounts).toEqual([5, 4, 3, 2, 1])
      expect(third.body.nextCursor).toBeNull()
    })
  })

  describe('transaction history', () => {
    it('pages every movement exactly once, newest first, with signed amounts', async () => {
      const user = await verifiedUser()
      const friend = await verifiedUser()
      await post(user, '/api/v1/wallet/topups', { amount: 100_000 })
      for (let i = 1; i <= 23; i++) {
        if (i % 3 === 0) now += 1 // most share a millisecond with another: the cursor must still be exact
        await post(user, '/api/v1/transfers', { toUserId: friend.id, amount: i, pin: PIN })
      }
      const seen: Array<{ id: string; amount: number; createdAt: string }> = []
      let cursor: string | null = null
      do {
        const res: { body: { items: typeof seen; nextCursor: string | null } } = await get(
          user,
          `/api/v1/wallet/transactions?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
        )
        seen.push(...res.body.items)
        cursor = res.body.nextCursor
      } while (cursor)
      expect(seen).toHaveLength(24)
      expect(new Set(seen.map((t) => t.id)).size).toBe(24)
      expect(seen.map((t) => t.amount).sort((a, b) => a - b)).toEqual([
        ...Array.from({ length: 23 }, (_, i) => -(23 - i)),
        100_000,
      ])
      const times = seen.map((t) => t.createdAt)
      expect(times).toEqual([...times].sort().reverse())
    })

    it.each([
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=abc', 'limit'],
      ['cursor=not-a-cursor', 'cursor'],
    ])('refuses ?%s with 400 naming %s', async (query, field) => {
      const user = await verifiedUser()
      const res = await get(user, `/api/v1/wallet/transactions?${query}`)
      expect(res.status).toBe(400)
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field })
    })
  })

  describe('annual bill', () => {
    it('sums a year by category and by China-time month, leaving other years out', async () => {
      now = Date.parse('2025-12-31T15:59:00Z') // 23:59 on 31 Dec in China
      const user = await verifiedUser()
      const friend = await verifiedUser()
      await post(user, '/api/v1/wallet/topups', { amount: 9_999 })
      now = Date.parse('2025-12-31T16:01:00Z') // 00:01 on 1 Jan 2026 in China
      await post(user, '/api/v1/wallet/topups', { amount: 50_000 })
      now = Date.parse('2026-02-10T02:00:00Z')
      await relogin(user)
      await relogin(friend)
      await post(user, '/api/v1/transfers', { toUserId: friend.id, amount: 1_200, pin: PIN })
      await post(friend, '/api/v1/transfers', { toUserId: user.id, amount: 300, pin: PIN })
      now = Date.parse('2026-07-01T02:00:00Z')
      await relogin(user)
      await post(user, '/api/v1/wallet/withdrawals', { amount: 5_000, pin: PIN })

      const bill = await get(user, '/api/v1/wallet/bill?year=2026')
      expect(bill.status).toBe(200)
      expect(bill.body).toMatchObject({ year: 2026, currency: 'CNY', totalIn: 50_300, totalOut: 6_200 })
      expect(bill.body.byCategory).toEqual([
        { category: 'topup', in: 50_000, out: 0 },
        { category: 'withdrawal', in: 0, out: 5_000 },
        { category: 'transfer', in: 300, out: 1_200 },
      ])
      expect(bill.body.byMonth).toHaveLength(12)
      expect(bill.body.byMonth[0]).toEqual({ month: 1, in: 50_000, out: 0 })
      expect(bill.body.byMonth[1]).toEqual({ month: 2, in: 300, out: 1_200 })
      expect(bill.body.byMonth[6]).toEqual({ month: 7, in: 0, out: 5_000 })
      expect(bill.body.percentile).toBeUndefined()
      expect((await get(user, '/api/v1/wallet/bill?year=2025')).body.totalIn).toBe(9_999)
    })

    it('adds the spending percentile only when asked for', async () => {
      const user = await verifiedUser()
      now = Date.parse('2026-05-01T00:00:00Z')
      await post(user, '/api/v1/wallet/topups', { amount: 1_000 })
      await post(user, '/api/v1/wallet/withdrawals', { amount: 1_000, pin: PIN })
      const bill = await get(user, '/api/v1/wallet/bill?year=2026&percentile=true')
      expect(bill.body.percentile).toBeGreaterThan(0)
      expect(bill.body.percentile).toBeLessThanOrEqual(100)
    })

    it('needs a sensible year', async () => {
      const user = await verifiedUser()
      for (const query of ['', '?year=abc', '?year=1999', '?year=2101']) {
        const res = await get(user, `/api/v1/wallet/bill${query}`)
        expect(res.status).toBe(400)
        expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'year' })
      }
    })
  })
})
