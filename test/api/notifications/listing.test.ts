import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/app.js'
import { notificationsOf } from '../../helpers/notifications.js'
import { verifiedUserWithPin } from '../../helpers/wallet.js'

describe('the notification list: pages, unread, read, and only ever one’s own', () => {
  let now = Date.parse('2026-03-01T02:00:00Z')
  let testApp: TestApp
  beforeAll(async () => {
    // Payment requests to one payer make the notifications paged through here: more than one may send by default.
    testApp = await createTestApp({
      clock: () => now,
      env: { LIFECIRCLE_PAYMENT_REQUESTS_PER_HOUR: '100', LIFECIRCLE_PAYMENT_REQUESTS_PER_PAYER_DAY: '100' },
    })
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app
  const as = (user: TestUser, method: 'GET' | 'POST', url: string, body?: unknown) =>
    call(app(), method, url, { token: user.token, body })
  const markRead = (user: TestUser, body?: unknown) => as(user, 'POST', '/api/v1/notifications/read', body)

  /** `count` payment requests to one payer, half of them in the same millisecond, so that keys tie on time. */
  async function payerWith(count: number) {
    const requester = await verifiedUserWithPin(app(), '收款人')
    const payer = await registerUser(app(), '付款人')
    for (let i = 0; i < count; i++) {
      if (i % 2 === 0) now += 1
      const res = await as(requester, 'POST', '/api/v1/payment-requests', { fromUserId: payer.id, amount: 100 + i })
      expect(res.status).toBe(201)
    }
    return { requester, payer }
  }

  async function everyPage(user: TestUser, query: string, limit: number): Promise<any[]> {
    const items: any[] = []
    let cursor: string | null = null
    do {
      const page: any = await notificationsOf(
        app(),
        user,
        `?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      )
      expect(page.items.length).toBeLessThanOrEqual(limit)
      items.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    return items
  }

  it('pages through everything exactly once, newest first, with the unread count on every page', async () => {
    const start = now
    const { payer } = await payerWith(25)
    const first = await notificationsOf(app(), payer, '?limit=10')
    expect(first).toMatchObject({ unreadCount: 25 })
    expect(first.items).toHaveLength(10)
    const all = await everyPage(payer, '', 10)
    expect(all).toHaveLength(25)
    expect(new Set(all.map((n) => n.id)).size).toBe(25)
    // Newest first by the time each happened, then by id among those of the same millisecond.
    const times = all.map((n) => Date.parse(n.createdAt) - start)
    expect(times).toEqual(Array.from({ length: 25 }, (_, i) => Math.floor((24 - i) / 2) + 1))
    const keys = all.map((n) => `${n.createdAt} ${n.id}`)
    expect(keys).toEqual([...keys].sort().reverse())
    // Ids follow the order things happened in, so the last request made is on top even within a millisecond.
    expect(all.map((n) => n.data.amount)).toEqual(Array.from({ length: 25 }, (_, i) => 124 - i))
    expect(all.every((n) => n.read === false && n.kind === 'payment_request.received')).toBe(true)
  })

  it('marks some read, lists the unread alone, then marks all read', async () => {
    const { payer } = await payerWith(7)
    const all = await everyPage(payer, '', 100)
    const chosen = [all[0].id, all[3].id]
    expect((await markRead(payer, { ids: chosen })).status).toBe(204)
    expect((await markRead(payer, { ids: chosen })).status).toBe(204)

    const list = await notificationsOf(app(), payer)
    expect(list.unreadCount).toBe(5)
    expect(list.items.filter((n: any) => n.read).map((n: any) => n.id)).toEqual(chosen)
    const unread = await everyPage(payer, '&unread=true', 2)
    expect(unread.map((n) => n.id)).toEqual(all.map((n) => n.id).filter((id) => !chosen.includes(id)))

    expect((await markRead(payer)).status).toBe(204)
    expect(await notificationsOf(app(), payer, '?unread=true')).toEqual({ items: [], nextCursor: null, unreadCount: 0 })
    expect((await markRead(payer, {})).status).toBe(204)
  })

  it('shows no one else’s notifications, and ids of others’ mark nothing', async () => {
    const { requester, payer } = await payerWith(3)
    const mine = await everyPage(payer, '', 100)
    const other = await registerUser(app())
    expect(await notificationsOf(app(), other)).toEqual({ items: [], nextCursor: null, unreadCount: 0 })
    expect((await markRead(other, { ids: mine.map((n) => n.id) })).status).toBe(204)
    expect((await markRead(requester)).status).toBe(204)
    expect((await notificationsOf(app(), payer)).unreadCount).toBe(3)
    // A cursor made from someone else's page still only walks one's own list.
    const theirs = await notificationsOf(app(), payer, '?limit=1')
    const page = await notificationsOf(app(), other, `?cursor=${encodeURIComponent(theirs.nextCursor)}`)
    expect(page.items).toEqual([])
  })

  it('refuses bad input and strangers', async () => {
    const user = await registerUser(app())
    expect((await call(app(), 'GET', '/api/v1/notifications')).status).toBe(401)
    expect((await call(app(), 'POST', '/api/v1/notifications/read', { body: {} })).status).toBe(401)
    const empty = await markRead(user, { ids: [] })
    expect([empty.status, empty.body.error.code, empty.body.error.field]).toEqual([400, 'VALIDATION_FAILED', 'ids'])
    expect((await markRead(user, { id: 'x' })).status).toBe(400)
    expect((await markRead(user, { ids: Array.from({ length: 101 }, (_, i) => `n${i}`) })).status).toBe(400)
    expect((await as(user, 'GET', '/api/v1/notifications?limit=101')).status).toBe(400)
    expect((await as(user, 'GET', '/api/v1/notifications?cursor=bm9wZQ')).body.error.field).toBe('cursor')
  })

  it('housekeeping forgets read notifications after 90 days and keeps unread ones', async () => {
    const { payer } = await payerWith(4)
    const [newest, second] = await everyPage(payer, '', 100)
    await markRead(payer, { ids: [newest.id, second.id] })
    now += 89 * 24 * 3600_000
    expect(await app().ctx.notifications.prune()).toBe(0)
    now += 2 * 24 * 3600_000
    const { payer: later } = await payerWith(1)
    await markRead(later)
    expect(await app().ctx.notifications.prune()).toBeGreaterThanOrEqual(2)
    // Sessions last 30 days: log in again after the long wait.
    const login = await call(app(), 'POST', '/api/v1/auth/login', {
      body: { phone: payer.phone, password: payer.password },
    })
    payer.token = login.body.token
    const left = await notificationsOf(app(), payer)
    expect(left.items).toHaveLength(2)
    expect(left.items.map((n: any) => n.id)).not.toContain(newest.id)
    expect(left.unreadCount).toBe(2)
    expect((await notificationsOf(app(), later)).items).toHaveLength(1)
  })
})
