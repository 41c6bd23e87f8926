import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/app.js'
import { directConversation, groupConversation, say } from '../../helpers/chat.js'
import { befriend } from '../../helpers/social.js'
import { upload } from '../media/multipart.js'

describe('conversations and messages', () => {
  let now = Date.parse('2026-10-01T02:00:00Z')
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp({ clock: () => now++ })
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app
  const as = (user: TestUser, method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) =>
    call(app(), method, url, { token: user.token, body })

  async function friends() {
    const a = await registerUser(app(), '小明')
    const b = await registerUser(app(), '小红')
    await befriend(app(), a, b)
    return { a, b }
  }

  it('opens one direct conversation per pair of friends, and none with a stranger', async () => {
    const { a, b } = await friends()
    const first = await as(a, 'POST', '/api/v1/conversations', { userId: b.id })
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({ kind: 'direct', title: '小红', peer: { id: b.id }, unreadCount: 0 })
    const again = await as(b, 'POST', '/api/v1/conversations', { userId: a.id })
    expect([again.status, again.body.id]).toEqual([200, first.body.id])
    const [x, y] = await Promise.all([
      as(a, 'POST', '/api/v1/conversations', { userId: b.id }),
      as(b, 'POST', '/api/v1/conversations', { userId: a.id }),
    ])
    expect([x.body.id, y.body.id]).toEqual([first.body.id, first.body.id])

    const stranger = await registerUser(app())
    expect((await as(a, 'POST', '/api/v1/conversations', { userId: stranger.id })).status).toBe(403)
    expect((await as(a, 'POST', '/api/v1/conversations', { userId: a.id })).status).toBe(400)
    expect((await as(stranger, 'GET', `/api/v1/conversations/${first.body.id}`)).status).toBe(404)
    expect((await as(stranger, 'GET', `/api/v1/conversations/${first.body.id}/messages`)).status).toBe(404)
    expect((await say(app(), stranger, first.body.id, { text: 'hi' })).status).toBe(404)
  })

  it('numbers messages in order, pages back by cursor and resumes after a number without gaps', async () => {
    const { a, b } = await friends()
    const id = await directConversation(app(), a, b)
    for (let i = 1; i <= 25; i++) {
      const res = await say(app(), i % 2 ? a : b, id, { text: `第 ${i} 条` })
      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({ seq: i, text: `第 ${i} 条`, kind: 'text', burnAfterReading: null })
    }
    const seen: number[] = []
    let cursor: string | null = null
    do {
      const query: string = cursor ? `?limit=10&cursor=${cursor}` : '?limit=10'
      const page = await as(a, 'GET', `/api/v1/conversations/${id}/messages${query}`)
      seen.push(...page.body.items.map((m: { seq: number }) => m.seq))
      cursor = page.body.nextCursor
    } while (cursor)
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => 25 - i))

    const resumed: number[] = []
    let next = await as(b, 'GET', `/api/v1/conversations/${id}/messages?afterSeq=17&limit=3`)
    resumed.push(...next.body.items.map((m: { seq: number }) => m.seq))
    while (next.body.nextCursor) {
      next = await as(b, 'GET', `/api/v1/conversations/${id}/messages?limit=3&cursor=${next.body.nextCursor}`)
      resumed.push(...next.body.items.map((m: { seq: number }) => m.seq))
    }
    expect(resumed).toEqual([18, 19, 20, 21, 22, 23, 24, 25])
    expect((await as(a, 'GET', `/api/v1/conversations/${id}/messages?cursor=bad`)).status).toBe(400)
  })

  it('counts unread messages and shows the sender how far the other got', async () => {
    const { a, b } = await friends()
    const id = await directConversation(app(), a, b)
    for (const text of ['在吗', '晚上吃火锅？', '七点老地方']) await say(app(), a, id, { text })
    const list = (await as(b, 'GET', '/api/v1/conversations')).body.items
    expect(list[0]).toMatchObject({ id, unreadCount: 3, lastMessage: { text: '七点老地方' }, title: '小明' })
    expect((await as(a, 'GET', '/api/v1/conversations')).body.items[0].unreadCount).toBe(0)

    const statuses = async () =>
      (await as(a, 'GET', `/api/v1/conversations/${id}/messages`)).body.items.map((m: { status: string }) => m.status)
    expect(await statuses()).toEqual(['sent', 'sent', 'sent'])
    await as(b, 'GET', `/api/v1/conversations/${id}/messages`)
    expect(await statuses()).toEqual(['delivered', 'delivered', 'delivered'])
    expect((await as(b, 'POST', `/api/v1/conversations/${id}/read`, { seq: 2 })).status).toBe(204)
    expect(await statuses()).toEqual(['delivered', 'read', 'read'])
    expect((await as(b, 'GET', `/api/v1/conversations/${id}`)).body).toMatchObject({ unreadCount: 1, lastReadSeq: 2 })
    // Marks only rise, and never past the last message.
    await as(b, 'POST', `/api/v1/conversations/${id}/read`, { seq: 1 })
    await as(b, 'POST', `/api/v1/conversations/${id}/read`, { seq: 99 })
    expect((await as(b, 'GET', `/api/v1/conversations/${id}`)).body).toMatchObject({ unreadCount: 0, lastReadSeq: 3 })
  })

  it('refuses blocked pairs and bad messages, changing nothing', async () => {
    const { a, b } = await friends()
    const id = await directConversation(app(), a, b)
    const cases: Array<[unknown, string]> = [
      [{}, 'text'],
      [{ text: '   ' }, 'text'],
      [{ text: 'x'.repeat(5001) }, 'text'],
      [{ text: 'hi', extra: 1 }, 'extra'],
      [{ text: 'hi', burnAfterReading: { seconds: 0 } }, 'burnAfterReading.seconds'],
      [{ text: 'hi', burnAfterReading: { seconds: 61 } }, 'burnAfterReading.seconds'],
      [{ mediaId: 'nope' }, 'mediaId'],
    ]
    for (const [body, field] of cases) {
      const res = await say(app(), a, id, body)
      expect([res.status, res.body.error.code, res.body.error.field], JSON.stringify(body)).toEqual([
        400,
        'VALIDATION_FAILED',
        field,
      ])
    }
    await as(b, 'POST', '/api/v1/blocks', { userId: a.id })
    expect((await say(app(), a, id, { text: '你好' })).status).toBe(403)
    expect((await say(app(), b, id, { text: '你好' })).status).toBe(403)
    expect((await as(a, 'GET', `/api/v1/conversations/${id}`)).body.lastSeq).toBe(0)
  })

  it('gives every group its conversation, for its members only', async () => {
    const owner = await registerUser(app(), '群主')
    const [m1, m2] = [await registerUser(app(), '甲'), await registerUser(app(), '乙')]
    await befriend(app(), owner, m1)
    await befriend(app(), owner, m2)
    const id = await groupConversation(app(), owner, [m1, m2])
    const listed = (await as(m2, 'GET', '/api/v1/conversations')).body.items
    expect(listed).toMatchObject([{ id, kind: 'group', title: '周末爬山群', lastMessage: null, unreadCount: 0 }])
    await say(app(), m1, id, { text: '周六几点？' })
    await say(app(), owner, id, { text: '七点' })
    expect((await as(m2, 'GET', `/api/v1/conversations/${id}`)).body.unreadCount).toBe(2)
    expect((await as(m1, 'GET', `/api/v1/conversations/${id}`)).body.unreadCount).toBe(1)

    const outsider = await registerUser(app())
    expect((await say(app(), outsider, id, { text: '我也来' })).status).toBe(404)
    const groupId = listed[0].groupId as string
    expect((await as(owner, 'DELETE', `/api/v1/groups/${groupId}/members/${m2.id}`)).status).toBe(204)
    expect((await say(app(), m2, id, { text: '还在吗' })).status).toBe(404)
    expect((await as(m2, 'GET', `/api/v1/conversations/${id}/messages`)).status).toBe(404)
    expect((await as(m2, 'GET', '/api/v1/conversations')).body.items).toEqual([])
  })

  it('sends images that the other members may load, and nobody else', async () => {
    const { a, b } = await friends()
    const id = await directConversation(app(), a, b)
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 80, b: 40 } } })
      .png()
      .toBuffer()
    const mediaId = (await upload(app(), a.token, png, { filename: 'x.png', contentType: 'image/png' })).body.id
    const sent = await say(app(), a, id, { mediaId })
    expect(sent.body).toMatchObject({ kind: 'image', text: null, media: { id: mediaId } })
    const load = async (user: TestUser, path: string) =>
      (await app().inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${user.token}` } })).statusCode
    expect(await load(b, `/api/v1/media/${mediaId}`)).toBe(200)
    expect(await load(b, `/api/v1/media/${mediaId}/thumbnail`)).toBe(200)
    const stranger = await registerUser(app())
    expect(await load(stranger, `/api/v1/media/${mediaId}`)).toBe(404)
    // Someone else's upload cannot be sent.
    expect((await say(app(), b, id, { mediaId })).body.error.field).toBe('mediaId')
  })

  it('tells the sender how far the others have received and read', async () => {
    const { a, b } = await friends()
    const id = await directConversation(app(), a, b)
    for (const text of ['一', '二', '三']) await say(app(), a, id, { text })
    const frames: Array<{ type: string; data: any }> = []
    await app().ctx.bus.subscribe(`user:${a.id}`, (text) => frames.push(JSON.parse(text)))
    await app().ctx.chat.delivered({ id: b.id, locale: 'zh-Hans' }, id, 3)
    await expect
      .poll(() => frames)
      .toContainEqual({
        type: 'message.delivered',
        data: { conversationId: id, userId: b.id, seq: 3 },
      })
    await as(b, 'POST', `/api/v1/conversations/${id}/read`, { seq: 2 })
    await expect
      .poll(() => frames)
      .toContainEqual({ type: 'message.read', data: { conversationId: id, userId: b.id, seq: 2 } })
    expect((await as(a, 'GET', `/api/v1/conversations/${id}`)).body).toMatchObject({
      othersDeliveredSeq: 3,
      othersReadSeq: 2,
    })
  })
})
