import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/app.js'
import { kindsOf, latestOf } from '../../helpers/notifications.js'
import { befriend } from '../../helpers/social.js'
import { idem, PIN, topUp, verifiedUserWithPin } from '../../helpers/wallet.js'

describe('notification fan-out: friends, the Life Circle and payment requests', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp()
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app
  const as = (user: TestUser, method: 'GET' | 'POST', url: string, body?: unknown, headers = {}) =>
    call(app(), method, url, { token: user.token, body, headers })

  async function friendsWithPost(text = '周末去爬山，风景很好') {
    const author = await verifiedUserWithPin(app(), '作者')
    const friend = await verifiedUserWithPin(app(), '朋友')
    await befriend(app(), author, friend)
    const postId = (await as(author, 'POST', '/api/v1/posts', { text, visibility: { type: 'friends' } })).body
      .id as string
    return { author, friend, postId }
  }

  it('tells the one asked of a friend request, with its message, and the asker when it is accepted', async () => {
    const alice = await registerUser(app(), '阿丽')
    const bob = await registerUser(app(), '小波')
    const sent = await as(alice, 'POST', '/api/v1/friend-requests', { toUserId: bob.id, message: '我是阿丽' })
    expect(await latestOf(app(), bob)).toMatchObject({
      kind: 'friend_request.received',
      actor: { id: alice.id, displayName: '阿丽' },
      ref: { type: 'friend_request', id: sent.body.id },
      data: { message: '我是阿丽' },
      read: false,
    })
    await as(bob, 'POST', `/api/v1/friend-requests/${sent.body.id}/accept`)
    expect(await latestOf(app(), alice)).toMatchObject({
      kind: 'friend_request.accepted',
      actor: { id: bob.id },
      ref: { type: 'friend_request', id: sent.body.id },
    })
    // Accepting again changes nothing and says nothing.
    await as(bob, 'POST', `/api/v1/friend-requests/${sent.body.id}/accept`)
    expect(await kindsOf(app(), alice)).toEqual(['friend_request.accepted'])
  })

  it('asking back someone who asked first is accepting: the first asker hears it', async () => {
    const alice = await registerUser(app())
    const bob = await registerUser(app())
    const sent = await as(alice, 'POST', '/api/v1/friend-requests', { toUserId: bob.id })
    await as(bob, 'POST', '/api/v1/friend-requests', { toUserId: alice.id })
    expect(await latestOf(app(), alice)).toMatchObject({
      kind: 'friend_request.accepted',
      actor: { id: bob.id },
      ref: { id: sent.body.id },
    })
    expect(await kindsOf(app(), bob)).toEqual(['friend_request.received'])
  })

  it('tells the author of a like once, with the start of the post', async () => {
    const text = '今天的晚霞特别美，拍了好多照片，大家帮我看看哪一张最好看？我选不出来了'
    const { author, friend, postId } = await friendsWithPost(text)
    await as(friend, 'POST', `/api/v1/posts/${postId}/likes`)
    await as(friend, 'POST', `/api/v1/posts/${postId}/likes`)
    const [like, ...rest] = (await kindsOf(app(), author)).filter((k) => k === 'post.liked')
    expect([like, rest]).toEqual(['post.liked', []])
    expect(await latestOf(app(), author)).toMatchObject({
      kind: 'post.liked',
      actor: { id: friend.id },
      ref: { type: 'post', id: postId },
      data: { excerpt: text.slice(0, 30) + '…' },
    })
  })

  it('tells the author of a comment, and the one answered of a reply, each once', async () => {
    const { author, friend, postId } = await friendsWithPost()
    const third = await verifiedUserWithPin(app(), '第三人')
    await befriend(app(), author, third)
    await befriend(app(), friend, third)
    const first = await as(friend, 'POST', `/api/v1/posts/${postId}/comments`, { text: '在哪里呀？' })
    expect(await latestOf(app(), author)).toMatchObject({
      kind: 'post.commented',
      actor: { id: friend.id },
      ref: { type: 'post', id: postId },
      data: { commentId: first.body.id, text: '在哪里呀？', excerpt: '周末去爬山，风景很好' },
    })

    // The author answers the friend: the friend hears of the reply, the author of nothing (it is theirs).
    const answer = await as(author, 'POST', `/api/v1/posts/${postId}/comments`, {
      text: '香山',
      replyToCommentId: first.body.id,
    })
    expect(await latestOf(app(), friend)).toMatchObject({
      kind: 'comment.replied',
      actor: { id: author.id },
      ref: { type: 'post', id: postId },
      data: { commentId: answer.body.id, text: '香山' },
    })

    // A third friend answers the friend: the friend hears of the reply, the author of a comment on their post.
    const long = '我也想去'.repeat(20)
    await as(third, 'POST', `/api/v1/posts/${postId}/comments`, { text: long, replyToCommentId: first.body.id })
    expect(await latestOf(app(), friend)).toMatchObject({ kind: 'comment.replied', actor: { id: third.id } })
    const forAuthor = await latestOf(app(), author)
    expect(forAuthor).toMatchObject({ kind: 'post.commented', actor: { id: third.id } })
    expect(forAuthor.data.text).toBe(long.slice(0, 50) + '…')

    // A reply to the author's own comment tells the author once, as a reply.
    const authors = await as(author, 'POST', `/api/v1/posts/${postId}/comments`, { text: '欢迎一起' })
    await as(third, 'POST', `/api/v1/posts/${postId}/comments`, { text: '好', replyToCommentId: authors.body.id })
    const kinds = await kindsOf(app(), author)
    expect(kinds.slice(0, 2)).toEqual(['comment.replied', 'post.commented'])
  })

  it('tells the author of a tip, with the amount', async () => {
    const { author, friend, postId } = await friendsWithPost()
    await topUp(app(), friend, 1_000)
    const tip = await as(friend, 'POST', `/api/v1/posts/${postId}/tips`, undefined, { 'idempotency-key': idem() })
    expect(tip.status).toBe(201)
    expect(await latestOf(app(), author)).toMatchObject({
      kind: 'post.tipped',
      actor: { id: friend.id },
      ref: { type: 'post', id: postId },
      data: { amount: tip.body.amount, currency: 'CNY' },
    })
  })

  it('tells the payer of a payment request, and the requester when it is paid or declined', async () => {
    const requester = await verifiedUserWithPin(app(), '收钱的')
    const payer = await verifiedUserWithPin(app(), '付钱的')
    await topUp(app(), payer, 10_000)
    const ask = (note?: string) =>
      as(requester, 'POST', '/api/v1/payment-requests', { fromUserId: payer.id, amount: 2_500, note })

    const first = (await ask('上次的饭钱')).body.id as string
    expect(await latestOf(app(), payer)).toMatchObject({
      kind: 'payment_request.received',
      actor: { id: requester.id },
      ref: { type: 'payment_request', id: first },
      data: { amount: 2_500, currency: 'CNY', note: '上次的饭钱' },
    })
    const paid = await as(
      payer,
      'POST',
      `/api/v1/payment-requests/${first}/pay`,
      { pin: PIN },
      { 'idempotency-key': idem() },
    )
    expect(paid.status).toBe(200)
    expect(await latestOf(app(), requester)).toMatchObject({
      kind: 'payment_request.paid',
      actor: { id: payer.id },
      ref: { type: 'payment_request', id: first },
      data: { amount: 2_500, currency: 'CNY' },
    })

    const second = (await ask()).body.id as string
    await as(payer, 'POST', `/api/v1/payment-requests/${second}/decline`)
    await as(payer, 'POST', `/api/v1/payment-requests/${second}/decline`)
    expect(await kindsOf(app(), requester)).toEqual(['payment_request.declined', 'payment_request.paid'])
    expect(await latestOf(app(), requester)).toMatchObject({ actor: { id: payer.id }, ref: { id: second } })
  })
})
