import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/app.js'
import { directConversation, groupConversation, say } from '../../helpers/chat.js'
import { befriend } from '../../helpers/social.js'

function collect(testApp: TestApp, user: TestUser) {
  const frames: Array<{ type: string; data: any }> = []
  const ready = testApp.app.ctx.bus.subscribe(`user:${user.id}`, (text) => frames.push(JSON.parse(text)))
  return { frames, ready }
}

describe('burn after reading (閱後即焚)', () => {
  let now = Date.parse('2026-10-02T02:00:00Z')
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp({ clock: () => now })
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app
  const as = (user: TestUser, method: 'GET' | 'POST', url: string, body?: unknown) =>
    call(app(), method, url, { token: user.token, body })
  const open = (user: TestUser, id: string) => as(user, 'POST', `/api/v1/messages/${id}/open`)

  it('carries a placeholder everywhere, opens once for the recipient, then is gone', async () => {
    const a = await registerUser(app(), '小明')
    const b = await registerUser(app(), '小红')
    await befriend(app(), a, b)
    const id = await directConversation(app(), a, b)
    const pushedToB = collect(testApp, b)
    const pushedToA = collect(testApp, a)
    await Promise.all([pushedToA.ready, pushedToB.ready])

    const sent = await say(app(), a, id, { text: '保险柜密码 4721', burnAfterReading: { seconds: 10 } })
    expect(sent.status).toBe(201)
    expect(sent.body).toMatchObject({ text: null, burnAfterReading: { seconds: 10, openable: false, burned: false } })
    // With Redis as the bus, frames arrive a moment after the answer.
    await expect.poll(() => pushedToB.frames.length).toBeGreaterThan(0)
    expect(JSON.stringify(pushedToB.frames)).not.toContain('4721')
    expect(pushedToB.frames[0]).toMatchObject({ type: 'message.new', data: { burnAfterReading: { openable: true } } })
    for (const user of [a, b]) {
      const listed = await as(user, 'GET', `/api/v1/conversations/${id}/messages`)
      const conversations = await as(user, 'GET', '/api/v1/conversations')
      expect(JSON.stringify([listed.body, conversations.body])).not.toContain('4721')
    }
    expect((await as(b, 'GET', `/api/v1/conversations/${id}/messages`)).body.items[0].burnAfterReading.openable).toBe(
      true,
    )

    expect((await open(a, sent.body.id)).status).toBe(403)
    const opened = await open(b, sent.body.id)
    expect(opened.status).toBe(200)
    expect(opened.body).toEqual({ text: '保险柜密码 4721', seconds: 10 })
    expect(opened.headers['cache-control']).toBe('no-store')
    const again = await open(b, sent.body.id)
    expect([again.status, again.body.error.code]).toEqual([410, 'MESSAGE_BURNED'])

    const after = (await as(b, 'GET', `/api/v1/conversations/${id}/messages`)).body.items[0]
    expect(after.burnAfterReading).toMatchObject({ openable: false, burned: true })
    await expect.poll(() => pushedToA.frames.some((f) => f.type === 'message.burned')).toBe(true)
    expect(pushedToA.frames.find((f) => f.type === 'message.burned')?.data).toEqual({
      messageId: sent.body.id,
      conversationId: id,
    })
    const stranger = await registerUser(app())
    expect((await open(stranger, sent.body.id)).status).toBe(404)
    const plain = await say(app(), a, id, { text: '普通消息' })
    expect((await open(b, plain.body.id)).status).toBe(404)
  })

  it('in a group, lets each member open it once and deletes the text after the last', async () => {
    const owner = await registerUser(app(), '群主')
    const members = [await registerUser(app()), await registerUser(app()), await registerUser(app())]
    for (const m of members) await befriend(app(), owner, m)
    const id = await groupConversation(app(), owner, members)
    const sent = await say(app(), owner, id, { text: '今晚的暗号：青山', burnAfterReading: { seconds: 5 } })
    const pushed = collect(testApp, owner)
    await pushed.ready
    for (const [i, member] of members.entries()) {
      expect((await open(member, sent.body.id)).body.text).toBe('今晚的暗号：青山')
      expect((await open(member, sent.body.id)).status).toBe(410)
      if (i === members.length - 1) {
        await expect.poll(() => pushed.frames.some((f) => f.type === 'message.burned')).toBe(true)
      } else {
        await new Promise((resolve) => setTimeout(resolve, 50))
        expect(pushed.frames.some((f) => f.type === 'message.burned')).toBe(false)
      }
    }
  })

  it('burns unopened messages after 72 hours, and tells the sender', async () => {
    const a = await registerUser(app())
    const b = await registerUser(app())
    await befriend(app(), a, b)
    const id = await directConversation(app(), a, b)
    const sent = await say(app(), a, id, { text: '过期就没了', burnAfterReading: { seconds: 3 } })
    const pushed = collect(testApp, a)
    await pushed.ready
    now += 72 * 3600_000 - 1
    expect(await app().ctx.burns.expire()).toBe(0)
    now += 1
    expect(await app().ctx.burns.expire()).toBe(1)
    await expect.poll(() => pushed.frames.map((f) => f.type)).toContain('message.burned')
    expect((await open(b, sent.body.id)).status).toBe(410)

    // Opened after its time but before a sweep: burned then, never shown.
    const late = await say(app(), a, id, { text: '也过期了', burnAfterReading: { seconds: 3 } })
    now += 72 * 3600_000
    expect((await open(b, late.body.id)).status).toBe(410)
    expect(await app().ctx.burns.expire()).toBe(0)
  })
})

describe('a burned text on disk (SQLite)', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp({ sqlite: true })
  })
  afterAll(() => testApp.close())

  it('is found nowhere in the database file or its WAL once burned', async () => {
    const app = testApp.app
    const a = await registerUser(app)
    const b = await registerUser(app)
    await befriend(app, a, b)
    const id = await directConversation(app, a, b)
    const secret = `燃烧的秘密-${crypto.randomUUID()}`
    const files = ['lifecircle.db', 'lifecircle.db-wal'].map((f) => path.join(testApp.config.dataDir, f))
    const onDisk = () =>
      files.some((file) => fs.existsSync(file) && fs.readFileSync(file).includes(Buffer.from(secret, 'utf8')))

    const sent = await say(app, a, id, { text: secret, burnAfterReading: { seconds: 5 } })
    // The test can see it before: it does look in the right places.
    expect(onDisk()).toBe(true)
    for (let i = 0; i < 20; i++) await say(app, a, id, { text: `之后的普通消息 ${i}` })
    const opened = await call(app, 'POST', `/api/v1/messages/${sent.body.id}/open`, { token: b.token })
    expect(opened.body.text).toBe(secret)
    expect(onDisk()).toBe(false)

    const expiring = `过期的秘密-${crypto.randomUUID()}`
    await say(app, a, id, { text: expiring, burnAfterReading: { seconds: 5 } })
    expect(files.some((f) => fs.readFileSync(f).includes(Buffer.from(expiring, 'utf8')))).toBe(true)
    // Its 72 hours are up.
    await app.ctx.database.db
      .updateTable('messages')
      .set({ burn_expires_at: 0 })
      .where('burned_at', 'is', null)
      .where('burn_seconds', 'is not', null)
      .execute()
    expect(await app.ctx.burns.expire()).toBe(1)
    expect(files.some((f) => fs.existsSync(f) && fs.readFileSync(f).includes(Buffer.from(expiring, 'utf8')))).toBe(
      false,
    )
  })
})

describe('a burn text and the logs', () => {
  it('never reaches them, even at trace level', async () => {
    const lines: string[] = []
    const testApp = await createTestApp({ logLevel: 'trace', logStream: { write: (line) => lines.push(line) } })
    try {
      const app = testApp.app
      const a = await registerUser(app)
      const b = await registerUser(app)
      await befriend(app, a, b)
      const id = await directConversation(app, a, b)
      const secret = `日志里不该有-${crypto.randomUUID()}`
      const sent = await say(app, a, id, { text: secret, burnAfterReading: { seconds: 5 } })
      await call(app, 'GET', `/api/v1/conversations/${id}/messages`, { token: b.token })
      const opened = await call(app, 'POST', `/api/v1/messages/${sent.body.id}/open`, { token: b.token })
      expect(opened.body.text).toBe(secret)
      expect(lines.length).toBeGreaterThan(5)
      expect(lines.join('\n')).not.toContain(secret)
    } finally {
      await testApp.close()
    }
  })
})
