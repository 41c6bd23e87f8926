import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/app.js'
import { expectBooksBalanced, openShop, order, ship, step } from '../../helpers/commerce.js'
import { befriend } from '../../helpers/social.js'
import { idem, PIN, topUp, verifiedUserWithPin, walletOf } from '../../helpers/wallet.js'

describe('who sees and does what around an order: 代付, shipping details, shared purchases, listings', () => {
  let now = Date.parse('2026-07-01T02:00:00Z')
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp({ clock: () => now })
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app
  const as = (user: TestUser, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown) =>
    call(app(), method, url, { token: user.token, body })

  async function withFriend(funds = 50_000) {
    const shop = await openShop(app(), { price: 6_600, stock: 3 }, 0)
    const friend = await verifiedUserWithPin(app(), '代付的朋友')
    await befriend(app(), shop.buyer, friend)
    if (funds > 0) await topUp(app(), friend, funds)
    const created = await order(app(), shop.buyer, shop.postId, 1, { shippingAddress: '北京市朝阳区建国路 88 号' })
    return { ...shop, friend, id: created.body.id as string }
  }

  it('代付: only the asked friend (or the buyer) pays; the friend sees items and total, never the address', async () => {
    const { seller, buyer, friend, id } = await withFriend()
    const other = await verifiedUserWithPin(app())
    await befriend(app(), buyer, other)
    await topUp(app(), other, 50_000)

    const notFriend = await registerUser(app())
    const refused = await as(buyer, 'POST', `/api/v1/orders/${id}/pay-requests`, { friendId: notFriend.id })
    expect([refused.status, refused.body.error.field]).toEqual([400, 'friendId'])
    expect((await as(friend, 'POST', `/api/v1/orders/${id}/pay-requests`, { friendId: friend.id })).status).toBe(404)

    const asked = await as(buyer, 'POST', `/api/v1/orders/${id}/pay-requests`, { friendId: friend.id })
    expect(asked.status).toBe(201)
    expect(asked.body.payRequest).toMatchObject({
      friend: { id: friend.id },
      expiresAt: new Date(now + 24 * 3600_000).toISOString(),
    })
    // The order now waits as long as the request.
    expect(asked.body.expiresAt).toBe(asked.body.payRequest.expiresAt)

    const seen = await as(friend, 'GET', `/api/v1/orders/${id}`)
    expect(seen.body).toMatchObject({ role: 'payer', total: 6_600, title: '手工凤梨酥', buyer: { id: buyer.id } })
    expect(seen.body).not.toHaveProperty('shippingAddress')
    expect(JSON.stringify(seen.body)).not.toContain('建国路')
    expect((await as(friend, 'GET', '/api/v1/orders?role=payer')).body.items.map((o: { id: string }) => o.id)).toEqual([
      id,
    ])
    expect((await as(other, 'GET', `/api/v1/orders/${id}`)).status).toBe(404)
    expect((await step(app(), other, id, 'pay')).status).toBe(404)
    expect((await step(app(), seller, id, 'pay')).status).toBe(403)

    const paid = await step(app(), friend, id, 'pay')
    expect(paid.status).toBe(200)
    expect(paid.body).toMatchObject({ status: 'paid', paidBy: { id: friend.id }, payRequest: null })
    expect(paid.body).not.toHaveProperty('shippingAddress')
    expect((await walletOf(app(), friend)).available).toBe(50_000 - 6_600)
    expect((await walletOf(app(), buyer)).balance).toBe(0)
    // The friend pays, the buyer still decides: the buyer ships nothing but may ask for the refund, which goes to the friend.
    expect((await step(app(), friend, id, 'refund')).status).toBe(403)
    const refunded = await step(app(), buyer, id, 'refund', { reason: '不要了' })
    expect(refunded.body.status).toBe('refunded')
    expect(await walletOf(app(), friend)).toMatchObject({ balance: 50_000, available: 50_000 })
    expect((await walletOf(app(), buyer)).balance).toBe(0)
    await expectBooksBalanced(app(), 0)
  })

  it('代付: a request expires after 24 hours; asking another friend takes it from the first', async () => {
    const { buyer, friend, id } = await withFriend()
    const second = await verifiedUserWithPin(app(), '第二个朋友')
    await befriend(app(), buyer, second)
    await topUp(app(), second, 50_000)

    await as(buyer, 'POST', `/api/v1/orders/${id}/pay-requests`, { friendId: friend.id })
    await as(buyer, 'POST', `/api/v1/orders/${id}/pay-requests`, { friendId: second.id })
    expect((await step(app(), friend, id, 'pay')).status).toBe(404)
    now += 24 * 3600_000
    const late = await step(app(), second, id, 'pay')
    expect([late.status, late.body.error.code]).toEqual([409, 'PAY_REQUEST_EXPIRED'])
    expect((await walletOf(app(), second)).available).toBe(50_000)
    await app().ctx.fulfilment.settleDue()
    expect((await as(buyer, 'GET', `/api/v1/orders/${id}`)).body.status).toBe('closed')
  })

  it('shows the address and the tracking note to the buyer and the seller only', async () => {
    const { seller, buyer, id } = await withFriend()
    await topUp(app(), buyer, 10_000)
    const moved = await as(buyer, 'PUT', `/api/v1/orders/${id}/address`, {
      shippingAddress: '上海市黄浦区南京东路 1 号',
    })
    expect(moved.body.shippingAddress).toBe('上海市黄浦区南京东路 1 号')
    expect((await as(seller, 'PUT', `/api/v1/orders/${id}/address`, { shippingAddress: 'x' })).status).toBe(403)
    await step(app(), buyer, id, 'pay')
    await ship(app(), seller, id, '中通 7312')
    for (const party of [buyer, seller]) {
      const view = (await as(party, 'GET', `/api/v1/orders/${id}`)).body
      expect(view).toMatchObject({ shippingAddress: '上海市黄浦区南京东路 1 号', trackingNote: '中通 7312' })
    }
    const sold = (await as(seller, 'GET', '/api/v1/orders?role=seller')).body.items
    expect(sold.map((o: { id: string }) => o.id)).toContain(id)
    expect((await as(buyer, 'GET', '/api/v1/orders?role=seller')).body.items).toEqual([])
    await step(app(), buyer, id, 'confirm')
    await expectBooksBalanced(app(), 0)
  })

  it('lets only the buyer share a paid purchase, showing the item and the price only if they choose', async () => {
    const { seller, buyer, friend, postId, id } = await withFriend()
    await befriend(app(), seller, friend)
    await topUp(app(), buyer, 10_000)
    const share = (user: TestUser, showPrice?: boolean) =>
      as(user, 'POST', '/api/v1/posts', {
        text: '朋友家的凤梨酥，太好吃了',
        visibility: { type: 'friends' },
        kind: 'purchase',
        orderId: id,
        ...(showPrice === undefined ? {} : { showPrice }),
      })
    const unpaid = await share(buyer)
    expect([unpaid.status, unpaid.body.error.code]).toEqual([409, 'ORDER_STATE_INVALID'])
    await step(app(), buyer, id, 'pay')
    expect((await share(seller)).status).toBe(403)
    expect((await share(friend)).status).toBe(404)

    const hidden = await share(buyer)
    expect(hidden.status).toBe(201)
    expect(hidden.body).toMatchObject({ kind: 'purchase', purchase: { productPostId: postId, title: '手工凤梨酥' } })
    expect(hidden.body.purchase).not.toHaveProperty('price')
    expect(hidden.body).not.toHaveProperty('product')
    const shown = await share(buyer, true)
    expect(shown.body.purchase.price).toBe(6_600)
    const feed = (await as(friend, 'GET', '/api/v1/feed')).body.items
    expect(feed.find((p: { id: string }) => p.id === hidden.body.id).purchase.title).toBe('手工凤梨酥')
    const status = await as(buyer, 'POST', '/api/v1/posts', {
      text: '随便说说',
      visibility: { type: 'friends' },
      orderId: id,
    })
    expect([status.status, status.body.error.field]).toEqual([400, 'orderId'])
  })

  it('lets the seller reprice, restock and delist; orders already placed keep their price', async () => {
    const { seller, buyer, postId } = await openShop(app(), { price: 1_000, stock: 2 })
    const before = (await order(app(), buyer, postId)).body
    const edited = await as(seller, 'PATCH', `/api/v1/posts/${postId}/product`, { price: 1_200, stock: 9 })
    expect(edited.body.product).toMatchObject({ price: 1_200, stock: 9, delisted: false })
    expect((await as(buyer, 'PATCH', `/api/v1/posts/${postId}/product`, { price: 1 })).status).toBe(403)
    expect((await as(seller, 'PATCH', `/api/v1/posts/${postId}/product`, {})).status).toBe(400)
    expect((await as(seller, 'PATCH', `/api/v1/posts/${postId}/product`, { price: 0 })).status).toBe(400)
    const after = (await order(app(), buyer, postId)).body
    expect([before.total, after.total]).toEqual([1_000, 1_200])
    expect((await step(app(), buyer, before.id, 'pay')).body.total).toBe(1_000)

    await as(seller, 'PATCH', `/api/v1/posts/${postId}/product`, { delisted: true })
    const delisted = await order(app(), buyer, postId)
    expect([delisted.status, delisted.body.error.code]).toEqual([409, 'PRODUCT_DELISTED'])
    // Orders already placed go on.
    expect((await step(app(), buyer, after.id, 'pay')).status).toBe(200)
    const card = (await as(buyer, 'GET', `/api/v1/posts/${postId}`)).body
    expect(card.product).toMatchObject({ delisted: true, stock: 8 })
  })

  it('refuses bad orders with a clear 4xx and changes nothing', async () => {
    const { seller, buyer, postId } = await openShop(app(), { price: 2_000_000, stock: 5 })
    const stranger = await registerUser(app())
    const status = (await as(seller, 'POST', '/api/v1/posts', { text: '普通动态', visibility: { type: 'friends' } }))
      .body.id as string
    const cases: Array<[TestUser, unknown, number, string]> = [
      [buyer, { postId, quantity: 0 }, 400, 'VALIDATION_FAILED'],
      [buyer, { postId, quantity: 1.5 }, 400, 'VALIDATION_FAILED'],
      [buyer, { postId, quantity: '1' }, 400, 'VALIDATION_FAILED'],
      [buyer, { postId }, 400, 'VALIDATION_FAILED'],
      [buyer, { postId, quantity: 1, extra: true }, 400, 'VALIDATION_FAILED'],
      [buyer, { postId, quantity: 1, shippingAddress: 'a\u0000b' }, 400, 'VALIDATION_FAILED'],
      [buyer, { postId, quantity: 6 }, 409, 'OUT_OF_STOCK'],
      [buyer, { postId, quantity: 3 }, 409, 'ORDER_TOTAL_TOO_LARGE'],
      [buyer, { postId: status, quantity: 1 }, 400, 'VALIDATION_FAILED'],
      [buyer, { postId: 'nope', quantity: 1 }, 404, 'NOT_FOUND'],
      [stranger, { postId, quantity: 1 }, 404, 'NOT_FOUND'],
      [seller, { postId, quantity: 1 }, 400, 'CANNOT_BUY_FROM_YOURSELF'],
    ]
    for (const [user, body, code, error] of cases) {
      const res = await as(user, 'POST', '/api/v1/orders', body)
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([code, error])
    }
    expect((await call(app(), 'POST', '/api/v1/orders', { body: { postId, quantity: 1 } })).status).toBe(401)
    expect((await as(buyer, 'GET', '/api/v1/orders')).body.items).toEqual([])
    expect((await as(buyer, 'GET', `/api/v1/posts/${postId}`)).body.product.stock).toBe(5)

    const id = (await order(app(), buyer, postId)).body.id as string
    const noKey = await as(buyer, 'POST', `/api/v1/orders/${id}/pay`, { pin: PIN })
    expect([noKey.status, noKey.body.error.code]).toEqual([400, 'IDEMPOTENCY_KEY_REQUIRED'])
    const wrongPin = await step(app(), buyer, id, 'pay', { pin: '000000' })
    expect([wrongPin.status, wrongPin.body.error.code]).toEqual([403, 'PIN_INCORRECT'])
    const poor = await step(app(), buyer, id, 'pay')
    expect([poor.status, poor.body.error.code]).toEqual([409, 'INSUFFICIENT_FUNDS'])
    const key = idem()
    await step(app(), buyer, id, 'pay', { pin: PIN }, key)
    const reused = await step(app(), buyer, id, 'refund', {}, key)
    expect([reused.status, reused.body.error.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED'])
    expect((await as(buyer, 'GET', `/api/v1/orders/${id}`)).body.status).toBe('created')
    expect((await as(buyer, 'GET', '/api/v1/orders?role=sideways')).status).toBe(400)
    const unverified = await registerUser(app())
    await befriend(app(), seller, unverified)
    const mine = (await order(app(), unverified, postId)).body.id as string
    const noRealName = await step(app(), unverified, mine, 'pay')
    expect([noRealName.status, noRealName.body.error.code]).toEqual([403, 'REAL_NAME_REQUIRED'])
    await expectBooksBalanced(app())
  })
})
