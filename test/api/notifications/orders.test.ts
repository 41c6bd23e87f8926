import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, type TestApp, type TestUser } from '../../helpers/app.js'
import { openShop, order, ship, step } from '../../helpers/commerce.js'
import { notificationsOf } from '../../helpers/notifications.js'
import { befriend } from '../../helpers/social.js'
import { topUp, verifiedUserWithPin } from '../../helpers/wallet.js'

describe('notification fan-out: orders, from the order to its end', () => {
  let now = Date.parse('2026-10-01T02:00:00Z')
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp({ clock: () => now })
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app
  const as = (user: TestUser, method: 'POST', url: string, body?: unknown) =>
    call(app(), method, url, { token: user.token, body })

  /** What a user was told about one order, oldest first, as [kind, actor id or null]. */
  async function toldAbout(user: TestUser, orderId: string): Promise<Array<[string, string | null]>> {
    const { items } = await notificationsOf(app(), user, '?limit=100')
    return items
      .filter((n: any) => n.ref.type === 'order' && n.ref.id === orderId)
      .reverse()
      .map((n: any) => [n.kind, n.actor?.id ?? null])
  }

  it('tells the seller of an order, its payment, a refund request and the receipt; the buyer of shipping', async () => {
    const { seller, buyer, postId } = await openShop(app(), { title: '云南小粒咖啡', price: 4_200 })
    const id = (await order(app(), buyer, postId, 2, { shippingAddress: '上海市徐汇区漕溪北路 1 号' })).body.id
    const created = (await notificationsOf(app(), seller)).items[0]
    expect(created).toMatchObject({
      kind: 'order.created',
      actor: { id: buyer.id },
      ref: { type: 'order', id },
      data: { title: '云南小粒咖啡', quantity: 2, amount: 8_400, currency: 'CNY' },
    })
    // What the order needs to be rendered, and nothing of the delivery.
    expect(JSON.stringify(created)).not.toContain('漕溪北路')

    expect((await step(app(), buyer, id, 'pay')).status).toBe(200)
    expect((await ship(app(), seller, id, '顺丰 SF123')).status).toBe(200)
    expect((await step(app(), buyer, id, 'refund', { reason: '包装破了' })).status).toBe(200)
    expect((await as(seller, 'POST', `/api/v1/orders/${id}/refund/decline`)).status).toBe(200)
    expect((await step(app(), buyer, id, 'confirm')).status).toBe(200)

    expect(await toldAbout(seller, id)).toEqual([
      ['order.created', buyer.id],
      ['order.paid', buyer.id],
      ['order.refund_requested', buyer.id],
      ['order.completed', buyer.id],
    ])
    expect(await toldAbout(buyer, id)).toEqual([
      ['order.shipped', seller.id],
      ['order.refund_declined', seller.id],
    ])
    expect(JSON.stringify(await notificationsOf(app(), seller))).not.toContain('包装破了')
  })

  it('代付: tells the friend asked, the seller and the buyer when the friend pays, and both of a refund', async () => {
    const { seller, buyer, postId } = await openShop(app(), { price: 6_600 }, 0)
    const friend = await verifiedUserWithPin(app(), '代付的朋友')
    await befriend(app(), buyer, friend)
    await topUp(app(), friend, 10_000)
    const id = (await order(app(), buyer, postId)).body.id
    expect((await as(buyer, 'POST', `/api/v1/orders/${id}/pay-requests`, { friendId: friend.id })).status).toBe(201)
    expect(await toldAbout(friend, id)).toEqual([['order.pay_requested', buyer.id]])

    expect((await step(app(), friend, id, 'pay')).status).toBe(200)
    expect((await step(app(), seller, id, 'refund')).status).toBe(200)
    expect(await toldAbout(buyer, id)).toEqual([
      ['order.paid', friend.id],
      ['order.refunded', seller.id],
    ])
    expect(await toldAbout(friend, id)).toEqual([
      ['order.pay_requested', buyer.id],
      ['order.refunded', seller.id],
    ])
    expect(await toldAbout(seller, id)).toEqual([
      ['order.created', buyer.id],
      ['order.paid', friend.id],
    ])
  })

  it('a buyer who takes their money back before shipping, or calls the order off, tells the seller', async () => {
    const { seller, buyer, postId } = await openShop(app())
    const refunded = (await order(app(), buyer, postId)).body.id
    await step(app(), buyer, refunded, 'pay')
    expect((await step(app(), buyer, refunded, 'refund')).body.status).toBe('refunded')
    const cancelled = (await order(app(), buyer, postId)).body.id
    expect((await as(buyer, 'POST', `/api/v1/orders/${cancelled}/cancel`)).body.status).toBe('closed')

    expect((await toldAbout(seller, refunded)).at(-1)).toEqual(['order.refunded', buyer.id])
    expect((await toldAbout(seller, cancelled)).at(-1)).toEqual(['order.closed', buyer.id])
    expect(await toldAbout(buyer, refunded)).toEqual([])
    expect(await toldAbout(buyer, cancelled)).toEqual([])
  })

  it('the scheduler closing an unpaid order and confirming a shipped one tells both parties, from no one', async () => {
    const { seller, buyer, postId } = await openShop(app())
    const shipped = (await order(app(), buyer, postId)).body.id
    await step(app(), buyer, shipped, 'pay')
    await ship(app(), seller, shipped)
    const unpaid = (await order(app(), buyer, postId)).body.id

    now += 11 * 24 * 3600_000
    expect(await app().ctx.fulfilment.settleDue()).toBe(2)
    expect((await toldAbout(buyer, unpaid)).at(-1)).toEqual(['order.closed', null])
    expect((await toldAbout(seller, unpaid)).at(-1)).toEqual(['order.closed', null])
    expect((await toldAbout(buyer, shipped)).at(-1)).toEqual(['order.completed', null])
    expect((await toldAbout(seller, shipped)).at(-1)).toEqual(['order.completed', null])
    expect((await notificationsOf(app(), buyer)).items[0].actor).toBeNull()
  })
})
