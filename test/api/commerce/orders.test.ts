import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/app.js'
import { expectBooksBalanced, openShop, order, ship, step } from '../../helpers/commerce.js'
import { befriend } from '../../helpers/social.js'
import { idem, PIN, topUp, verifiedUserWithPin, walletOf } from '../../helpers/wallet.js'

describe('escrow orders (担保交易)', () => {
  let now = Date.parse('2026-06-01T02:00:00Z')
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp({ clock: () => now })
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app
  const as = (user: TestUser, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown) =>
    call(app(), method, url, { token: user.token, body })
  const stockOf = async (user: TestUser, postId: string) =>
    (await as(user, 'GET', `/api/v1/posts/${postId}`)).body.product.stock as number

  it('holds the money in escrow from payment to confirmation, then pays the seller; the books balance at every step', async () => {
    const { seller, buyer, postId } = await openShop(app(), { price: 3_800, stock: 10 })
    const created = await order(app(), buyer, postId, 2, { shippingAddress: '上海市徐汇区漕溪北路 1 号' })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      status: 'created',
      total: 7_600,
      quantity: 2,
      unitPrice: 3_800,
      role: 'buyer',
    })
    expect(created.body.expiresAt).toBe(new Date(now + 30 * 60_000).toISOString())
    expect(await stockOf(buyer, postId)).toBe(8)
    const id = created.body.id as string

    const key = idem()
    const paid = await step(app(), buyer, id, 'pay', { pin: PIN }, key)
    expect(paid.status).toBe(200)
    expect(paid.body).toMatchObject({ status: 'paid', paidBy: { id: buyer.id } })
    // A retry with the same key is the first answer; the money moved once.
    expect(await step(app(), buyer, id, 'pay', { pin: PIN }, key)).toMatchObject({ status: 200, body: paid.body })
    expect(await walletOf(app(), buyer)).toMatchObject({ balance: 100_000, available: 92_400 })
    expect((await walletOf(app(), seller)).balance).toBe(0)
    await expectBooksBalanced(app(), 7_600)

    now += 3600_000
    const shipped = await ship(app(), seller, id, '顺丰 SF1234567890')
    expect(shipped.status).toBe(200)
    expect(shipped.body).toMatchObject({ status: 'shipped', trackingNote: '顺丰 SF1234567890', role: 'seller' })
    expect(shipped.body.autoConfirmAt).toBe(new Date(now + 10 * 24 * 3600_000).toISOString())
    await expectBooksBalanced(app(), 7_600)

    const confirmed = await step(app(), buyer, id, 'confirm')
    expect(confirmed.status).toBe(200)
    expect(confirmed.body.status).toBe('completed')
    expect(confirmed.body.timeline.map((e: { status: string }) => e.status)).toEqual([
      'created',
      'paid',
      'shipped',
      'completed',
    ])
    expect(await walletOf(app(), buyer)).toMatchObject({ balance: 92_400, available: 92_400 })
    expect((await walletOf(app(), seller)).balance).toBe(7_600)
    await expectBooksBalanced(app(), 0)

    const history = (await as(buyer, 'GET', '/api/v1/wallet/transactions')).body.items
    const byCategory = (items: Array<{ category: string }>) => items.filter((i) => i.category === 'order')
    expect(byCategory(history)).toMatchObject([{ amount: -7_600, status: 'completed' }])
    const sellerHistory = (await as(seller, 'GET', '/api/v1/wallet/transactions')).body.items
    expect(byCategory(sellerHistory)).toMatchObject([{ amount: 7_600, status: 'completed' }])
  })

  it('allows each step only to the right party and from the right state', async () => {
    const { seller, buyer, postId } = await openShop(app())
    const stranger = await verifiedUserWithPin(app())
    const id = (await order(app(), buyer, postId)).body.id as string
    const stateError = (res: { status: number; body: any }, status: string) => {
      expect([res.status, res.body.error?.code, res.body.error?.status]).toEqual([409, 'ORDER_STATE_INVALID', status])
    }

    // Strangers learn nothing; the wrong party is refused.
    for (const path of ['', '/cancel']) {
      const res = await as(stranger, path ? 'POST' : 'GET', `/api/v1/orders/${id}${path}`)
      expect([res.status, res.body.error.code]).toEqual([404, 'NOT_FOUND'])
    }
    expect((await step(app(), stranger, id, 'pay')).status).toBe(404)
    expect((await step(app(), seller, id, 'pay')).status).toBe(403)
    expect((await ship(app(), buyer, id)).status).toBe(403)
    // created: nothing to ship, confirm or refund yet.
    stateError(await ship(app(), seller, id), 'created')
    stateError(await step(app(), buyer, id, 'confirm'), 'created')
    stateError(await step(app(), buyer, id, 'refund'), 'created')
    expect((await as(seller, 'POST', `/api/v1/orders/${id}/refund/decline`)).status).toBe(409)

    expect((await step(app(), buyer, id, 'pay')).status).toBe(200)
    stateError(await step(app(), buyer, id, 'pay'), 'paid')
    stateError(await as(buyer, 'POST', `/api/v1/orders/${id}/cancel`), 'paid')
    stateError(await step(app(), buyer, id, 'confirm'), 'paid')
    expect((await step(app(), seller, id, 'confirm')).status).toBe(403)
    expect((await ship(app(), buyer, id)).status).toBe(403)

    expect((await ship(app(), seller, id)).status).toBe(200)
    stateError(await ship(app(), seller, id), 'shipped')
    stateError(await step(app(), buyer, id, 'pay'), 'shipped')
    stateError(await as(buyer, 'PUT', `/api/v1/orders/${id}/address`, { shippingAddress: '改地址' }), 'shipped')

    expect((await step(app(), buyer, id, 'confirm')).status).toBe(200)
    for (const res of [
      await step(app(), buyer, id, 'confirm'),
      await step(app(), buyer, id, 'refund'),
      await step(app(), seller, id, 'refund'),
      await ship(app(), seller, id),
      await as(seller, 'POST', `/api/v1/orders/${id}/cancel`),
    ]) {
      stateError(res, 'completed')
    }
    await expectBooksBalanced(app(), 0)
  })

  it('never sells more than is in stock when many friends buy the last one at once', async () => {
    const { seller, postId } = await openShop(app(), { stock: 1 }, 0)
    const buyers = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const buyer = await registerUser(app())
        await befriend(app(), seller, buyer)
        return buyer
      }),
    )
    const results = await Promise.all(buyers.map((buyer) => order(app(), buyer, postId)))
    expect(results.filter((r) => r.status === 201)).toHaveLength(1)
    const refused = results.filter((r) => r.status !== 201)
    expect(refused.map((r) => [r.status, r.body.error.code])).toEqual(refused.map(() => [409, 'OUT_OF_STOCK']))
    expect(await stockOf(seller, postId)).toBe(0)

    // Five left, twenty buyers taking one or two each: exactly five units sold.
    await as(seller, 'PATCH', `/api/v1/posts/${postId}/product`, { stock: 5 })
    const many = await Promise.all(
      buyers.concat(buyers.slice(0, 8)).map((b, i) => order(app(), b, postId, 1 + (i % 2))),
    )
    const sold = many.filter((r) => r.status === 201).reduce((sum, r) => sum + (r.body.quantity as number), 0)
    expect(sold + (await stockOf(seller, postId))).toBe(5)
    expect(many.every((r) => r.status === 201 || r.body.error.code === 'OUT_OF_STOCK')).toBe(true)
  })

  it('closes unpaid orders after 30 minutes and returns their stock; an expired order cannot be paid', async () => {
    const { buyer, postId } = await openShop(app(), { stock: 3 })
    const late = (await order(app(), buyer, postId, 2)).body.id as string
    const cancelled = (await order(app(), buyer, postId, 1)).body.id as string
    expect(await stockOf(buyer, postId)).toBe(0)
    expect((await as(buyer, 'POST', `/api/v1/orders/${cancelled}/cancel`)).body.status).toBe('closed')
    expect(await stockOf(buyer, postId)).toBe(1)

    now += 30 * 60_000
    const tooLate = await step(app(), buyer, late, 'pay')
    expect([tooLate.status, tooLate.body.error.code, tooLate.body.error.status]).toEqual([
      409,
      'ORDER_STATE_INVALID',
      'closed',
    ])
    expect(await app().ctx.fulfilment.settleDue()).toBeGreaterThanOrEqual(1)
    const closed = (await as(buyer, 'GET', `/api/v1/orders/${late}`)).body
    expect(closed.status).toBe('closed')
    expect(closed.timeline.at(-1)).toMatchObject({ status: 'closed' })
    expect(await stockOf(buyer, postId)).toBe(3)
    expect((await walletOf(app(), buyer)).available).toBe(100_000)
    await expectBooksBalanced(app())
  })

  it('refunds to whoever paid: at once before shipping (stock returns), by the seller after', async () => {
    const { seller, buyer, postId } = await openShop(app(), { price: 1_000, stock: 5 })
    const early = (await order(app(), buyer, postId, 2)).body.id as string
    await step(app(), buyer, early, 'pay')
    const refunded = await step(app(), buyer, early, 'refund', { reason: '拍错了' })
    expect(refunded.body).toMatchObject({ status: 'refunded', refundReason: '拍错了' })
    expect(await stockOf(buyer, postId)).toBe(5)
    expect(await walletOf(app(), buyer)).toMatchObject({ balance: 100_000, available: 100_000 })

    const late = (await order(app(), buyer, postId, 1)).body.id as string
    await step(app(), buyer, late, 'pay')
    await ship(app(), seller, late)
    const asked = await step(app(), buyer, late, 'refund', { reason: '收到时已损坏' })
    expect(asked.body).toMatchObject({ status: 'shipped', refundRequested: true, autoConfirmAt: null })
    const again = await step(app(), buyer, late, 'refund')
    expect([again.status, again.body.error.code]).toEqual([409, 'ORDER_STATE_INVALID'])
    const bySeller = await step(app(), seller, late, 'refund')
    expect(bySeller.body).toMatchObject({ status: 'refunded', refundReason: '收到时已损坏' })
    expect(await walletOf(app(), buyer)).toMatchObject({ balance: 100_000, available: 100_000 })
    expect((await walletOf(app(), seller)).balance).toBe(0)
    // Shipped goods were sent: their stock does not come back.
    expect(await stockOf(buyer, postId)).toBe(4)
    await expectBooksBalanced(app())
  })

  it('auto-confirms ten days after shipping through the scheduler; a refund request pauses the clock', async () => {
    const { seller, buyer, postId } = await openShop(app(), { price: 2_000 })
    const quiet = (await order(app(), buyer, postId)).body.id as string
    const disputed = (await order(app(), buyer, postId)).body.id as string
    for (const id of [quiet, disputed]) {
      await step(app(), buyer, id, 'pay')
      await ship(app(), seller, id)
    }
    now += 9 * 24 * 3600_000
    await step(app(), buyer, disputed, 'refund', { reason: '还没收到' })
    now += 24 * 3600_000 - 1
    await app().ctx.fulfilment.settleDue()
    expect((await as(buyer, 'GET', `/api/v1/orders/${quiet}`)).body.status).toBe('shipped')
    now += 1
    await app().ctx.fulfilment.settleDue()
    expect((await as(buyer, 'GET', `/api/v1/orders/${quiet}`)).body.status).toBe('completed')
    expect((await walletOf(app(), seller)).balance).toBe(2_000)

    // Paused with one day left: days may pass; once the seller declines, that day runs again.
    now += 5 * 24 * 3600_000
    await app().ctx.fulfilment.settleDue()
    expect((await as(buyer, 'GET', `/api/v1/orders/${disputed}`)).body).toMatchObject({
      status: 'shipped',
      refundRequested: true,
    })
    const declined = await as(seller, 'POST', `/api/v1/orders/${disputed}/refund/decline`)
    expect(declined.body).toMatchObject({
      refundRequested: false,
      autoConfirmAt: new Date(now + 24 * 3600_000).toISOString(),
    })
    now += 24 * 3600_000
    await app().ctx.fulfilment.settleDue()
    const done = (await as(seller, 'GET', `/api/v1/orders/${disputed}`)).body
    expect(done.status).toBe('completed')
    expect(done.timeline.map((e: { status: string }) => e.status)).toEqual([
      'created',
      'paid',
      'shipped',
      'refund_requested',
      'refund_declined',
      'completed',
    ])
    expect((await walletOf(app(), seller)).balance).toBe(4_000)
    await expectBooksBalanced(app(), 0)
  })

  it('confirms exactly once when the buyer and the scheduler race', async () => {
    const { seller, buyer, postId } = await openShop(app(), { price: 500 })
    const id = (await order(app(), buyer, postId)).body.id as string
    await step(app(), buyer, id, 'pay')
    await ship(app(), seller, id)
    now += 10 * 24 * 3600_000
    const [byBuyer] = await Promise.all([step(app(), buyer, id, 'confirm'), app().ctx.fulfilment.settleDue()])
    expect([200, 409]).toContain(byBuyer.status)
    expect((await walletOf(app(), seller)).balance).toBe(500)
    await expectBooksBalanced(app(), 0)
  })

  it('lets exactly one of two racing parties win, with the money held or paid out once', async () => {
    const { seller, buyer, postId } = await openShop(app(), { price: 900, stock: 20 })
    const friend = await verifiedUserWithPin(app(), '朋友')
    await befriend(app(), buyer, friend)
    await topUp(app(), friend, 10_000)

    // Buyer and friend pay the same order at once, several times over.
    const twice = (await order(app(), buyer, postId)).body.id as string
    await as(buyer, 'POST', `/api/v1/orders/${twice}/pay-requests`, { friendId: friend.id })
    const payments = await Promise.all([
      step(app(), buyer, twice, 'pay'),
      step(app(), friend, twice, 'pay'),
      step(app(), buyer, twice, 'pay'),
      step(app(), friend, twice, 'pay'),
    ])
    expect(payments.filter((r) => r.status === 200)).toHaveLength(1)
    expect(payments.filter((r) => r.status === 409)).toHaveLength(3)
    const spent =
      100_000 - (await walletOf(app(), buyer)).available + (10_000 - (await walletOf(app(), friend)).available)
    expect(spent).toBe(900)
    await expectBooksBalanced(app(), 900)

    // The seller refunds while the buyer confirms: one of them, never both.
    await ship(app(), seller, twice)
    const [confirmed, refunded] = await Promise.all([
      step(app(), buyer, twice, 'confirm'),
      step(app(), seller, twice, 'refund'),
    ])
    expect([confirmed.status, refunded.status].sort()).toEqual([200, 409])
    const sellerGot = (await walletOf(app(), seller)).balance
    expect(sellerGot).toBe(confirmed.status === 200 ? 900 : 0)
    await expectBooksBalanced(app(), 0)

    // Ten orders paid and shipped, then settled at once by both sides and two schedulers.
    const ids = await Promise.all(
      Array.from({ length: 10 }, async () => (await order(app(), buyer, postId)).body.id as string),
    )
    await Promise.all(ids.map((id) => step(app(), buyer, id, 'pay')))
    await Promise.all(ids.map((id) => ship(app(), seller, id)))
    now += 10 * 24 * 3600_000
    await Promise.all([
      ...ids.map((id, i) => step(app(), i % 2 ? buyer : seller, id, i % 2 ? 'confirm' : 'refund')),
      app().ctx.fulfilment.settleDue(),
      app().ctx.fulfilment.settleDue(),
    ])
    const final = await Promise.all(ids.map(async (id) => (await as(buyer, 'GET', `/api/v1/orders/${id}`)).body))
    const completed = final.filter((o) => o.status === 'completed').length
    expect(completed + final.filter((o) => o.status === 'refunded').length).toBe(10)
    expect((await walletOf(app(), seller)).balance).toBe(sellerGot + completed * 900)
    await expectBooksBalanced(app(), 0)
  })
})
