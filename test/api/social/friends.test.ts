import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/app.js'
import { befriend } from '../../helpers/social.js'
import { PIN, idem, topUp, verifiedUserWithPin } from '../../helpers/wallet.js'

describe('friends, friend requests and blocks', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp()
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app
  const post = (user: TestUser, url: string, body?: unknown) => call(app(), 'POST', url, { token: user.token, body })
  const get = (user: TestUser, url: string) => call(app(), 'GET', url, { token: user.token })

  it('sends a request with a message that the other side sees and accepts, making both friends', async () => {
    const a = await registerUser(app(), '阿明')
    const b = await registerUser(app(), '小红')
    const sent = await post(a, '/api/v1/friend-requests', { toUserId: b.id, message: '我是阿明' })
    expect(sent.status).toBe(201)
    expect(sent.body).toMatchObject({ status: 'pending', message: '我是阿明', from: { id: a.id }, to: { id: b.id } })

    const incoming = await get(b, '/api/v1/friend-requests?direction=incoming')
    expect(incoming.body.items.map((r: { id: string }) => r.id)).toEqual([sent.body.id])
    expect((await get(a, '/api/v1/friend-requests?direction=outgoing')).body.items[0].id).toBe(sent.body.id)

    const accepted = await post(b, `/api/v1/friend-requests/${sent.body.id}/accept`)
    expect(accepted.status).toBe(200)
    expect(accepted.body.status).toBe('accepted')
    const friendsOfA = await get(a, '/api/v1/friends')
    expect(friendsOfA.body.items).toEqual([
      expect.objectContaining({ id: b.id, displayName: '小红', muteTheirPosts: false, hideMyPosts: false }),
    ])
    expect((await get(b, '/api/v1/friends')).body.items.map((f: { id: string }) => f.id)).toEqual([a.id])
  })

  it('accepts at once when the other side had already asked', async () => {
    const a = await registerUser(app())
    const b = await registerUser(app())
    await post(a, '/api/v1/friend-requests', { toUserId: b.id })
    const back = await post(b, '/api/v1/friend-requests', { toUserId: a.id })
    expect(back.body.status).toBe('accepted')
    expect((await get(a, '/api/v1/friends')).body.items).toHaveLength(1)
  })

  it('answers a repeated request with the pending one, and refuses self, strangers that do not exist, and friends', async () => {
    const a = await registerUser(app())
    const b = await registerUser(app())
    const first = await post(a, '/api/v1/friend-requests', { toUserId: b.id })
    const again = await post(a, '/api/v1/friend-requests', { toUserId: b.id })
    expect(again.body.id).toBe(first.body.id)
    expect((await post(a, '/api/v1/friend-requests', { toUserId: a.id })).body.error.code).toBe(
      'CANNOT_BEFRIEND_YOURSELF',
    )
    expect((await post(a, '/api/v1/friend-requests', { toUserId: 'nobody' })).status).toBe(404)
    await post(b, `/api/v1/friend-requests/${first.body.id}/accept`)
    const friends = await post(a, '/api/v1/friend-requests', { toUserId: b.id })
    expect([friends.status, friends.body.error.code]).toEqual([409, 'ALREADY_FRIENDS'])
  })

  it('lets only the addressee answer: the sender gets 403, others 404; answered requests are final', async () => {
    const a = await registerUser(app())
    const b = await registerUser(app())
    const c = await registerUser(app())
    const sent = await post(a, '/api/v1/friend-requests', { toUserId: b.id })
    expect((await post(a, `/api/v1/friend-requests/${sent.body.id}/accept`)).status).toBe(403)
    expect((await post(c, `/api/v1/friend-requests/${sent.body.id}/accept`)).status).toBe(404)
    expect((await post(b, `/api/v1/friend-requests/${sent.body.id}/decline`)).body.status).toBe('declined')
    const late = await post(b, `/api/v1/friend-requests/${sent.body.id}/accept`)
    expect([late.status, late.body.error.code]).toEqual([409, 'FRIEND_REQUEST_NOT_PENDING'])
    expect((await get(a, '/api/v1/friends')).body.items).toEqual([])
  })

  it('removes a friend on both sides with 204, and 404 for someone who is not a friend', async () => {
    const a = await registerUser(app())
    const b = await registerUser(app())
    await befriend(testApp.app, a, b)
    const removed = await app().inject({
      method: 'DELETE',
      url: `/api/v1/friends/${b.id}`,
      headers: { authorization: `Bearer ${a.token}` },
    })
    expect(removed.statusCode).toBe(204)
    expect((await get(b, '/api/v1/friends')).body.items).toEqual([])
    expect((await call(app(), 'DELETE', `/api/v1/friends/${b.id}`, { token: a.token })).status).toBe(404)
  })

  it('keeps per-friend settings private to the one who set them', async () => {
    const a = await registerUser(app())
    const b = await registerUser(app())
    await befriend(testApp.app, a, b)
    const res = await call(app(), 'PUT', `/api/v1/friends/${b.id}/settings`, {
      token: a.token,
      body: { muteTheirPosts: true },
    })
    expect(res.body).toEqual({ muteTheirPosts: true, hideMyPosts: false })
    const both = await call(app(), 'PUT', `/api/v1/friends/${b.id}/settings`, {
      token: a.token,
      body: { hideMyPosts: true },
    })
    expect(both.body).toEqual({ muteTheirPosts: true, hideMyPosts: true })
    expect((await get(b, '/api/v1/friends')).body.items[0]).toMatchObject({ muteTheirPosts: false, hideMyPosts: false })
    const stranger = await registerUser(app())
    expect(
      (
        await call(app(), 'PUT', `/api/v1/friends/${stranger.id}/settings`, {
          token: a.token,
          body: { muteTheirPosts: true },
        })
      ).status,
    ).toBe(404)
    const bad = await call(app(), 'PUT', `/api/v1/friends/${b.id}/settings`, {
      token: a.token,
      body: { muteTheirPosts: 'yes' },
    })
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'muteTheirPosts' })
  })

  it('blocks: hides each from the other, declines pending requests, refuses payments; unblock restores', async () => {
    const payer = await verifiedUserWithPin(app())
    const blocker = await verifiedUserWithPin(app())
    await topUp(app(), payer, 1_000)
    const pending = await post(payer, '/api/v1/friend-requests', { toUserId: blocker.id })
    const blocked = await post(blocker, '/api/v1/blocks', { userId: payer.id })
    expect(blocked.status).toBe(201)
    expect(blocked.body).toMatchObject({ userId: payer.id, user: { id: payer.id, displayName: '钱包用户' } })
    expect((await get(blocker, '/api/v1/blocks')).body.items.map((b: { userId: string }) => b.userId)).toEqual([
      payer.id,
    ])
    expect((await get(blocker, '/api/v1/friend-requests?direction=incoming')).body.items[0].id).toBe(pending.body.id)
    expect((await get(blocker, '/api/v1/friend-requests?direction=incoming')).body.items[0].status).toBe('declined')
    expect((await post(payer, '/api/v1/friend-requests', { toUserId: blocker.id })).status).toBe(404)

    const pay = await call(app(), 'POST', '/api/v1/transfers', {
      token: payer.token,
      body: { toUserId: blocker.id, amount: 100, pin: PIN },
      headers: { 'idempotency-key': idem() },
    })
    expect([pay.status, pay.body.error.code]).toEqual([403, 'FORBIDDEN'])

    expect((await call(app(), 'DELETE', `/api/v1/blocks/${payer.id}`, { token: blocker.token })).status).toBe(204)
    expect((await post(payer, '/api/v1/friend-requests', { toUserId: blocker.id })).status).toBe(201)
    expect((await post(blocker, '/api/v1/blocks', { userId: blocker.id })).body.error.code).toBe(
      'CANNOT_BLOCK_YOURSELF',
    )
    expect((await post(blocker, '/api/v1/blocks', { userId: 'nobody' })).status).toBe(404)
  })

  it('pages friends by cursor without repeats', async () => {
    const me = await registerUser(app())
    const others = await Promise.all(Array.from({ length: 5 }, () => registerUser(app())))
    for (const other of others) await befriend(testApp.app, me, other)
    const first = await get(me, '/api/v1/friends?limit=2')
    const second = await get(me, `/api/v1/friends?limit=2&cursor=${first.body.nextCursor}`)
    const third = await get(me, `/api/v1/friends?limit=2&cursor=${second.body.nextCursor}`)
    const ids = [first, second, third].flatMap((p) => p.body.items.map((f: { id: string }) => f.id))
    expect(new Set(ids)).toEqual(new Set(others.map((o) => o.id)))
    expect(third.body.nextCursor).toBeNull()
  })

  it('requires a login for every friends endpoint', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/friends'],
      ['POST', '/api/v1/friend-requests'],
      ['GET', '/api/v1/friend-requests?direction=incoming'],
      ['POST', '/api/v1/blocks'],
      ['GET', '/api/v1/groups'],
    ] as const) {
      expect((await call(app(), method, url)).status).toBe(401)
    }
  })
})
