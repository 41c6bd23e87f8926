import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/app.js'
import { befriend } from '../../helpers/social.js'
import { verifyRealName } from '../../helpers/wallet.js'

describe('posts, likes, comments and the feed', () => {
  let now = Date.parse('2026-08-01T04:00:00Z')
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp({ clock: () => now })
  })
  afterAll(() => testApp.close())
  const as = (user: TestUser, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) =>
    call(testApp.app, method, url, { token: user.token, body })
  const post = async (user: TestUser, body: object) => as(user, 'POST', '/api/v1/posts', body)

  it('creates a post and returns it as the API describes', async () => {
    const author = await registerUser(testApp.app, '作者')
    const res = await post(author, { text: ' 今天天气真好 ', visibility: { type: 'friends' } })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      id: expect.any(String),
      author: { id: author.id, displayName: '作者', maskedName: null, avatarUrl: null },
      kind: 'status',
      text: '今天天气真好',
      media: [],
      visibility: { type: 'friends' },
      createdAt: new Date(now).toISOString(),
      likes: [],
      comments: [],
      likeCount: 0,
      commentCount: 0,
      likedByMe: false,
      commercial: false,
      tipsEnabled: true,
      tipTotal: 0,
      tippers: [],
    })
  })

  it.each([
    [{ visibility: { type: 'friends' } }, 'text'],
    [{ text: '   ', visibility: { type: 'friends' } }, 'text'],
    [{ text: 'x'.repeat(2001), visibility: { type: 'friends' } }, 'text'],
    [{ text: 'hi' }, 'visibility'],
    [{ text: 'hi', visibility: { type: 'everyone' } }, 'visibility.type'],
    [{ text: 'hi', visibility: { type: 'include' } }, 'visibility.userIds'],
    [{ text: 'hi', visibility: { type: 'include', userIds: ['stranger'] } }, 'visibility.userIds'],
    [
      { text: 'hi', visibility: { type: 'friends' }, mediaIds: Array.from({ length: 10 }, (_, i) => `m${i}`) },
      'mediaIds',
    ],
    [{ text: 'hi', visibility: { type: 'friends' }, kind: 'product' }, 'product'],
    [{ text: 'hi', visibility: { type: 'friends' }, product: { title: 't', price: 1, stock: 1 } }, 'product'],
    [
      { text: 'hi', visibility: { type: 'friends' }, kind: 'product', product: { title: 't', price: 0, stock: 1 } },
      'product.price',
    ],
    [{ text: 'hi', visibility: { type: 'friends' }, kind: 'purchase' }, 'orderId'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const author = await registerUser(testApp.app)
    const res = await post(author, body)
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field })
  })

  it('shows a viewer only the likes and comments of their own friends; the author sees all', async () => {
    const author = await registerUser(testApp.app, '作者')
    const a = await registerUser(testApp.app, '甲')
    const b = await registerUser(testApp.app, '乙')
    const c = await registerUser(testApp.app, '丙')
    for (const friend of [a, b, c]) await befriend(testApp.app, author, friend)
    await befriend(testApp.app, a, b) // a and b know each other; c knows neither
    const id = (await post(author, { text: '周末去哪', visibility: { type: 'friends' } })).body.id
    for (const user of [a, b, c]) {
      await as(user, 'POST', `/api/v1/posts/${id}/likes`)
      await as(user, 'POST', `/api/v1/posts/${id}/comments`, { text: `${user.id} 说好` })
    }
    const names = (list: Array<{ id: string }>) => list.map((u) => u.id).sort()
    const forA = (await as(a, 'GET', `/api/v1/posts/${id}`)).body
    expect(names(forA.likes)).toEqual([a.id, b.id].sort())
    expect(forA.likeCount).toBe(2)
    expect(names(forA.comments.map((x: { author: { id: string } }) => x.author))).toEqual([a.id, b.id].sort())
    expect(forA.likedByMe).toBe(true)
    const forC = (await as(c, 'GET', `/api/v1/posts/${id}`)).body
    expect(names(forC.likes)).toEqual([c.id])
    expect(forC.commentCount).toBe(1)
    const forAuthor = (await as(author, 'GET', `/api/v1/posts/${id}`)).body
    expect(forAuthor.likeCount).toBe(3)
    expect(forAuthor.commentCount).toBe(3)
  })

  it('likes idempotently and unlikes', async () => {
    const author = await registerUser(testApp.app)
    const friend = await registerUser(testApp.app)
    await befriend(testApp.app, author, friend)
    const id = (await post(author, { text: 'like me', visibility: { type: 'friends' } })).body.id
    for (let i = 0; i < 2; i++) expect((await as(friend, 'POST', `/api/v1/posts/${id}/likes`)).status).toBe(204)
    expect((await as(author, 'GET', `/api/v1/posts/${id}`)).body.likeCount).toBe(1)
    expect((await as(friend, 'DELETE', `/api/v1/posts/${id}/likes`)).status).toBe(204)
    expect((await as(author, 'GET', `/api/v1/posts/${id}`)).body.likeCount).toBe(0)
  })

  it('replies to a comment, and lets the commenter or the post author delete comments, nobody else', async () => {
    const author = await registerUser(testApp.app, '作者')
    const a = await registerUser(testApp.app, '甲')
    const b = await registerUser(testApp.app, '乙')
    await befriend(testApp.app, author, a)
    await befriend(testApp.app, author, b)
    const id = (await post(author, { text: '求推荐', visibility: { type: 'friends' } })).body.id
    const first = await as(a, 'POST', `/api/v1/posts/${id}/comments`, { text: '火锅' })
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({ author: { id: a.id }, text: '火锅', replyTo: null })
    const reply = await as(author, 'POST', `/api/v1/posts/${id}/comments`, {
      text: '好主意',
      replyToCommentId: first.body.id,
    })
    expect(reply.body.replyTo).toMatchObject({ id: first.body.id, author: { id: a.id } })
    expect((await as(a, 'POST', `/api/v1/posts/${id}/comments`, { text: 'x', replyToCommentId: 'nope' })).status).toBe(
      404,
    )

    expect((await as(b, 'DELETE', `/api/v1/comments/${first.body.id}`)).status).toBe(403)
    expect((await as(a, 'DELETE', `/api/v1/comments/${first.body.id}`)).status).toBe(204)
    const other = await as(b, 'POST', `/api/v1/posts/${id}/comments`, { text: '烧烤' })
    expect((await as(author, 'DELETE', `/api/v1/comments/${other.body.id}`)).status).toBe(204)
    expect((await as(author, 'GET', `/api/v1/posts/${id}`)).body.comments.map((c: { id: string }) => c.id)).toEqual([
      reply.body.id,
    ])
  })

  it('deletes only one’s own posts', async () => {
    const author = await registerUser(testApp.app)
    const friend = await registerUser(testApp.app)
    await befriend(testApp.app, author, friend)
    const id = (await post(author, { text: 'bye', visibility: { type: 'friends' } })).body.id
    await as(friend, 'POST', `/api/v1/posts/${id}/comments`, { text: 'see you' })
    expect((await as(friend, 'DELETE', `/api/v1/posts/${id}`)).status).toBe(403)
    expect((await as(author, 'DELETE', `/api/v1/posts/${id}`)).status).toBe(204)
    expect((await as(friend, 'GET', `/api/v1/posts/${id}`)).status).toBe(404)
  })

  it('pages through the feed newest first, every post exactly once', async () => {
    const me = await registerUser(testApp.app)
    const friends = [await registerUser(testApp.app), await registerUser(testApp.app)]
    for (const friend of friends) await befriend(testApp.app, me, friend)
    const made: string[] = []
    for (let i = 0; i < 25; i++) {
      if (i % 4 === 0) now += 1 // several share a millisecond
      const author = [me, ...friends][i % 3]!
      made.push((await post(author, { text: `#${i}`, visibility: { type: 'friends' } })).body.id)
    }
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await as(
        me,
        'GET',
        `/api/v1/feed?limit=6${cursor ? `&cursor=${cursor}` : ''}`,
      )
      seen.push(...page.body.items.map((p) => p.id))
      cursor = page.body.nextCursor
    } while (cursor)
    expect(seen).toEqual([...made].reverse())
  })

  it('folds commercial posts on request and labels them always; limits product posts per day', async () => {
    const seller = await registerUser(testApp.app, '卖家')
    const buyer = await registerUser(testApp.app)
    await befriend(testApp.app, seller, buyer)
    const product = { title: '手工皂', price: 3_800, stock: 10 }
    // A seller must be able to receive what buyers pay.
    const unverified = await post(seller, { text: '上新', visibility: { type: 'friends' }, kind: 'product', product })
    expect([unverified.status, unverified.body.error.code]).toEqual([403, 'REAL_NAME_REQUIRED'])
    await verifyRealName(testApp.app, seller)
    for (let i = 0; i < 5; i++) {
      const res = await post(seller, { text: `上新 ${i}`, visibility: { type: 'friends' }, kind: 'product', product })
      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({ kind: 'product', commercial: true, product: { ...product, delisted: false } })
    }
    const sixth = await post(seller, { text: '又上新', visibility: { type: 'friends' }, kind: 'product', product })
    expect([sixth.status, sixth.body.error.code]).toEqual([429, 'RATE_LIMITED'])
    await post(seller, { text: '普通动态', visibility: { type: 'friends' } })

    const folded = (await as(buyer, 'GET', '/api/v1/feed?foldCommercial=true')).body.items
    expect(folded.filter((p: { folded?: boolean }) => p.folded)).toHaveLength(5)
    expect(folded.find((p: { kind: string }) => p.kind === 'status').folded).toBeUndefined()
    const open = (await as(buyer, 'GET', '/api/v1/feed')).body.items
    expect(open.every((p: { folded?: boolean }) => p.folded === undefined)).toBe(true)
  })

  it('converts friends’ text to the reader’s script on request, never the stored text or one’s own', async () => {
    const author = await registerUser(testApp.app)
    const reader = await registerUser(testApp.app)
    await befriend(testApp.app, author, reader)
    const id = (await post(author, { text: '我们的软件很好用', visibility: { type: 'friends' } })).body.id
    await as(reader, 'POST', `/api/v1/posts/${id}/comments`, { text: '軟體真的不錯' })
    const hant = (await as(reader, 'GET', `/api/v1/posts/${id}?script=hant`)).body
    expect(hant.text).toBe('我們的軟體很好用')
    expect(hant.comments[0].text).toBe('軟體真的不錯')
    const hans = (await as(author, 'GET', `/api/v1/posts/${id}?script=hans`)).body
    expect(hans.text).toBe('我们的软件很好用')
    expect(hans.comments[0].text).toBe('软件真的不错')
    expect((await as(reader, 'GET', `/api/v1/posts/${id}`)).body.text).toBe('我们的软件很好用')
    expect((await as(reader, 'GET', '/api/v1/feed?script=hant')).body.items[0].text).toBe('我們的軟體很好用')
    expect((await as(reader, 'GET', `/api/v1/posts/${id}?script=latin`)).status).toBe(400)
  })

  it('keeps hostile markup as plain text', async () => {
    const author = await registerUser(testApp.app)
    const text = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    expect((await post(author, { text, visibility: { type: 'private' } })).body.text).toBe(text)
  })
})
