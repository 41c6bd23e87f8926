import type { DomainEvent } from '../../../src/server/events/types.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, type TestApp, type TestUser } from '../../helpers/app.js'
import { openShop, order, step } from '../../helpers/commerce.js'
import { kindsOf } from '../../helpers/notifications.js'
import { befriend } from '../../helpers/social.js'
import { idem, topUp, verifiedUserWithPin } from '../../helpers/wallet.js'

describe('notification suppression: oneself, blocks either way, mutes — decided when it happens', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp()
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app
  const as = (user: TestUser, method: 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, headers = {}) =>
    call(app(), method, url, { token: user.token, body, headers })

  /** Two friends, one post by the author. */
  async function scene() {
    const author = await verifiedUserWithPin(app(), '作者')
    const fan = await verifiedUserWithPin(app(), '粉丝')
    await befriend(app(), author, fan)
    await topUp(app(), fan, 5_000)
    const postId = (await as(author, 'POST', '/api/v1/posts', { text: '新店开业', visibility: { type: 'friends' } }))
      .body.id as string
    return { author, fan, postId }
  }
  /** What a user was told, newest first, leaving out the befriending. */
  const newsOf = async (user: TestUser) =>
    (await kindsOf(app(), user)).filter((kind) => !kind.startsWith('friend_request.'))
  const like = (user: TestUser, postId: string) => as(user, 'POST', `/api/v1/posts/${postId}/likes`)
  const unlike = (user: TestUser, postId: string) => as(user, 'DELETE', `/api/v1/posts/${postId}/likes`)
  const comment = (user: TestUser, postId: string, body: object) =>
    as(user, 'POST', `/api/v1/posts/${postId}/comments`, body)
  const tip = (user: TestUser, postId: string) =>
    as(user, 'POST', `/api/v1/posts/${postId}/tips`, undefined, { 'idempotency-key': idem() })

  it('tells no one of what they did themselves', async () => {
    const { author, postId } = await scene()
    expect((await like(author, postId)).status).toBe(204)
    expect((await comment(author, postId, { text: '欢迎光临' })).status).toBe(201)
    expect(await newsOf(author)).toEqual([])
  })

  it('a block placed after a like silences the next like, whoever blocked whom; unblocking lets them through', async () => {
    const { author, fan, postId } = await scene()
    await like(fan, postId)
    expect(await newsOf(author)).toEqual(['post.liked'])

    await unlike(fan, postId)
    await as(author, 'POST', '/api/v1/blocks', { userId: fan.id })
    // Blocked, the fan cannot even see the post; and a like that got through anyway (told by the feed as it
    // committed) finds the block when the listener runs.
    expect((await like(fan, postId)).status).toBe(404)
    const liked: DomainEvent = {
      type: 'post.liked',
      post: { id: postId, authorId: author.id, text: '新店开业' },
      likerId: fan.id,
    }
    app().ctx.events.emit(liked)
    // What came before the block stays: blocks are read when something happens, not when the list is read.
    expect(await newsOf(author)).toEqual(['post.liked'])

    await as(author, 'DELETE', `/api/v1/blocks/${fan.id}`)
    await as(fan, 'POST', '/api/v1/blocks', { userId: author.id })
    app().ctx.events.emit(liked)
    // Where the wallet does not stop it, the listener does: the one who blocked may still ask for money, and the
    // other is not told (asked the other way, the wallet refuses, as it refuses a transfer).
    expect((await as(author, 'POST', '/api/v1/payment-requests', { fromUserId: fan.id, amount: 100 })).status).toBe(403)
    expect((await as(fan, 'POST', '/api/v1/payment-requests', { fromUserId: author.id, amount: 100 })).status).toBe(201)
    expect(await newsOf(fan)).toEqual([])
    expect(await newsOf(author)).toEqual(['post.liked'])

    await as(fan, 'DELETE', `/api/v1/blocks/${author.id}`)
    await like(fan, postId)
    expect(await newsOf(author)).toEqual(['post.liked', 'post.liked'])
  })

  it('muting someone silences their likes, comments, tips and payment requests', async () => {
    const { author, fan, postId } = await scene()
    await as(author, 'PUT', `/api/v1/friends/${fan.id}/settings`, { muteTheirPosts: true })
    expect((await like(fan, postId)).status).toBe(204)
    expect((await comment(fan, postId, { text: '恭喜' })).status).toBe(201)
    expect((await tip(fan, postId)).status).toBe(201)
    expect((await as(fan, 'POST', '/api/v1/payment-requests', { fromUserId: author.id, amount: 100 })).status).toBe(201)
    expect(await newsOf(author)).toEqual([])

    // Muting is one-sided: the muted one still hears of the author.
    const mine = await comment(fan, postId, { text: '我先来' })
    await comment(author, postId, { text: '谢谢', replyToCommentId: mine.body.id })
    expect(await newsOf(fan)).toEqual(['comment.replied'])

    await as(author, 'PUT', `/api/v1/friends/${fan.id}/settings`, { muteTheirPosts: false })
    await comment(fan, postId, { text: '再来' })
    expect(await newsOf(author)).toEqual(['post.commented'])
  })

  it('a seller who muted a buyer hears nothing of their orders; blocked, the buyer cannot pay', async () => {
    const { seller, buyer, postId } = await openShop(app())
    await as(seller, 'PUT', `/api/v1/friends/${buyer.id}/settings`, { muteTheirPosts: true })
    const id = (await order(app(), buyer, postId)).body.id
    expect((await step(app(), buyer, id, 'pay')).status).toBe(200)
    expect((await kindsOf(app(), seller)).filter((k) => k.startsWith('order.'))).toEqual([])

    await as(seller, 'POST', '/api/v1/blocks', { userId: buyer.id })
    expect((await step(app(), seller, id, 'refund')).status).toBe(200)
    expect((await kindsOf(app(), buyer)).filter((k) => k.startsWith('order.'))).toEqual([])
  })

  it('a reply reaches the one answered only if they are friends with the one replying', async () => {
    const { author, fan, postId } = await scene()
    const stranger = await verifiedUserWithPin(app(), '陌生人')
    await befriend(app(), author, stranger)
    const fans = await comment(fan, postId, { text: '第一' })
    // The stranger sees the post (a friend of the author) but is not the fan's friend: WeChat shows the fan nothing.
    expect((await comment(stranger, postId, { text: '第二', replyToCommentId: fans.body.id })).status).toBe(201)
    expect(await newsOf(fan)).toEqual([])
    expect(await newsOf(author)).toEqual(['post.commented', 'post.commented'])
  })
})
