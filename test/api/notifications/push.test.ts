import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { userChannel } from '../../../src/server/realtime/push.js'
import { call, createTestApp, type TestApp, type TestUser } from '../../helpers/app.js'
import { openShop, order, ship, step } from '../../helpers/commerce.js'
import { notificationsOf } from '../../helpers/notifications.js'
import { befriend } from '../../helpers/social.js'
import { idem, topUp, verifiedUserWithPin } from '../../helpers/wallet.js'

describe('notification.new is pushed on the recipient’s channel, only once what it tells has committed', () => {
  let testApp: TestApp
  const stops: Array<() => Promise<void>> = []
  beforeAll(async () => {
    testApp = await createTestApp()
  })
  afterAll(async () => {
    for (const stop of stops) await stop()
    await testApp.close()
  })
  const app = () => testApp.app

  /** Every frame published on a user's channel from now on, and what `check` saw the moment each arrived. */
  async function listen<T>(user: TestUser, check?: (frame: any) => Promise<T>) {
    const frames: any[] = []
    const seen: Array<Promise<T>> = []
    stops.push(
      await app().ctx.bus.subscribe(userChannel(user.id), (text) => {
        const frame = JSON.parse(text)
        frames.push(frame)
        if (check) seen.push(check(frame))
      }),
    )
    return { frames, seen }
  }

  async function tipScene(funds: number) {
    const author = await verifiedUserWithPin(app(), '作者')
    const fan = await verifiedUserWithPin(app(), '粉丝')
    await befriend(app(), author, fan)
    if (funds > 0) await topUp(app(), fan, funds)
    const post = await call(app(), 'POST', '/api/v1/posts', {
      token: author.token,
      body: { text: '原创歌曲', visibility: { type: 'friends' } },
    })
    const tip = () =>
      call(app(), 'POST', `/api/v1/posts/${post.body.id}/tips`, {
        token: fan.token,
        headers: { 'idempotency-key': idem() },
      })
    return { author, fan, postId: post.body.id as string, tip }
  }

  it('pushes the stored notification to its recipient, after the tip it tells of is in the ledger', async () => {
    const { author, fan, postId, tip } = await tipScene(1_000)
    // The moment the frame arrives, the tip must already be readable from the database.
    const toAuthor = await listen(author, () => app().ctx.ledger.transfersByRef('post', [postId], 'tip'))
    const toFan = await listen(fan)
    expect((await tip()).status).toBe(201)

    const { items } = await notificationsOf(app(), author)
    // With Redis as the bus, the frame arrives a moment after the listener published it.
    await expect.poll(() => toAuthor.frames.length).toBe(1)
    expect(toAuthor.frames).toEqual([{ type: 'notification.new', data: items[0] }])
    expect(items[0]).toMatchObject({ kind: 'post.tipped', actor: { id: fan.id }, read: false })
    const [atArrival] = await Promise.all(toAuthor.seen)
    expect(atArrival).toHaveLength(1)
    expect(toFan.frames).toEqual([])
  })

  it('a refused tip stores and pushes nothing', async () => {
    const { author, tip } = await tipScene(0)
    const toAuthor = await listen(author)
    const refused = await tip()
    expect([refused.status, refused.body.error.code]).toEqual([409, 'INSUFFICIENT_FUNDS'])
    expect((await notificationsOf(app(), author)).items.map((n: any) => n.kind)).toEqual(['friend_request.accepted'])
    expect(toAuthor.frames).toEqual([])
  })

  it('order steps that fail store and push nothing; the one that succeeds does', async () => {
    const { seller, buyer, postId } = await openShop(app(), { price: 5_000 }, 1_000)
    const id = (await order(app(), buyer, postId)).body.id
    await app().ctx.events.idle()
    const toSeller = await listen(seller)
    const toBuyer = await listen(buyer)

    const broke = await step(app(), buyer, id, 'pay')
    expect([broke.status, broke.body.error.code]).toEqual([409, 'INSUFFICIENT_FUNDS'])
    expect((await ship(app(), seller, id)).status).toBe(409)
    expect((await step(app(), buyer, id, 'confirm')).status).toBe(409)
    await app().ctx.events.idle()
    expect([toSeller.frames, toBuyer.frames]).toEqual([[], []])

    await topUp(app(), buyer, 4_000)
    expect((await step(app(), buyer, id, 'pay')).status).toBe(200)
    await app().ctx.events.idle()
    await expect.poll(() => toSeller.frames.length).toBe(1)
    expect(toSeller.frames.map((f) => [f.type, f.data.kind])).toEqual([['notification.new', 'order.paid']])
    expect(toBuyer.frames).toEqual([])
  })
})
