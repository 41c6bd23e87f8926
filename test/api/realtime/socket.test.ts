import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/app.js'
import { directConversation, groupConversation, say } from '../../helpers/chat.js'
import { befriend } from '../../helpers/social.js'
import { firstFrame, refusedStatus, SocketClient } from '../../helpers/socket.js'

describe('the WebSocket gateway', () => {
  let testApp: TestApp
  let url: string
  const sockets: SocketClient[] = []
  beforeAll(async () => {
    testApp = await createTestApp({ env: { LIFECIRCLE_WS_HEARTBEAT_SECONDS: '1' } })
    url = await testApp.app.listen({ port: 0, host: '127.0.0.1' })
  })
  afterAll(async () => {
    for (const socket of sockets) socket.socket.terminate()
    await testApp.close()
  })
  const app = () => testApp.app
  const connect = async (user: TestUser, options = {}) => {
    const socket = await SocketClient.connect(url, user.token, options)
    sockets.push(socket)
    return socket
  }

  it('refuses a bad token, or a cookie from another site, before the upgrade', async () => {
    const ws = url.replace(/^http/, 'ws')
    expect(await refusedStatus(`${ws}/api/v1/ws`)).toBe(401)
    expect(await refusedStatus(`${ws}/api/v1/ws?token=not-a-session`)).toBe(401)
    const user = await registerUser(app())
    const cookie = { headers: { cookie: `lc_session=${user.token}` } }
    expect(await refusedStatus(`${ws}/api/v1/ws`, { ...cookie, origin: 'https://evil.example' })).toBe(403)
    expect(await refusedStatus(`${ws}/api/v1/ws`, cookie)).toBe(403)
    const host = new URL(url).host
    expect((await firstFrame(`${ws}/api/v1/ws`, { ...cookie, origin: `http://${host}` })).type).toBe('ready')
  })

  it('delivers each message live to every socket of every member, in order, exactly once', async () => {
    const owner = await registerUser(app())
    const members = [await registerUser(app()), await registerUser(app())]
    for (const m of members) await befriend(app(), owner, m)
    const id = await groupConversation(app(), owner, members)
    const phone = await connect(members[0]!)
    const laptop = await connect(members[0]!)
    const other = await connect(members[1]!)
    const mine = await connect(owner)
    const sent = await Promise.all(
      Array.from({ length: 30 }, (_, i) => say(app(), i % 2 ? owner : members[1]!, id, { text: `消息 ${i}` })),
    )
    expect(sent.every((r) => r.status === 201)).toBe(true)
    for (const socket of [phone, laptop, other, mine]) {
      const frames = await socket.collect('message.new', 30)
      const seqs = frames.map((f) => f.data.seq as number)
      expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => i + 1))
      expect(new Set(frames.map((f) => f.data.id)).size).toBe(30)
    }
    // The senders' own messages come back with their status; the others' without.
    expect(mine.frames.find((f) => f.type === 'message.new' && f.data.sender.id === owner.id)?.data.status).toBe('sent')
  })

  it('lets a client that was away resume from its last number with nothing missed and nothing twice', async () => {
    const a = await registerUser(app())
    const b = await registerUser(app())
    await befriend(app(), a, b)
    const id = await directConversation(app(), a, b)
    let socket = await connect(b)
    for (let i = 1; i <= 3; i++) await say(app(), a, id, { text: `在线 ${i}` })
    const seen = (await socket.collect('message.new', 3)).map((f) => f.data.seq as number)
    await socket.close()
    for (let i = 4; i <= 9; i++) await say(app(), a, id, { text: `离线 ${i}` })

    socket = await connect(b)
    const missed = await call(app(), 'GET', `/api/v1/conversations/${id}/messages?afterSeq=${Math.max(...seen)}`, {
      token: b.token,
    })
    await say(app(), a, id, { text: '又上线了' })
    const live = await socket.collect('message.new', 1)
    const all = [...seen, ...missed.body.items.map((m: { seq: number }) => m.seq), ...live.map((f) => f.data.seq)]
    expect(all).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    // Delivered over the socket: the client says so, and the sender sees it.
    // Frames are handled side by side, so the answer to a later ping does not wait for the mark's write.
    socket.send({ type: 'message.delivered', conversationId: id, seq: 10 })
    const statusOfLast = async () =>
      (await call(app(), 'GET', `/api/v1/conversations/${id}/messages?limit=1`, { token: a.token })).body.items[0]
        .status
    await expect.poll(statusOfLast, { timeout: 5_000 }).toBe('delivered')
  })

  it('answers frames it does not understand with an error, and keeps the socket', async () => {
    const user = await registerUser(app())
    const socket = await connect(user)
    socket.socket.send('not json')
    socket.send({ type: 'nonsense' })
    socket.send({ type: 'message.delivered', conversationId: 'x'.repeat(65), seq: 1 })
    socket.send({ type: 'message.delivered', conversationId: 'unknown', seq: 1 })
    const errors = await socket.collect('error', 4)
    expect(errors.map((f) => f.data.code)).toEqual(['UNKNOWN_FRAME', 'UNKNOWN_FRAME', 'VALIDATION_FAILED', 'NOT_FOUND'])
    socket.send({ type: 'ping' })
    await socket.next((f) => f.type === 'pong')
  })

  it('drops a socket that stops answering pings', async () => {
    const user = await registerUser(app())
    const silent = await connect(user, { autoPong: false })
    const started = Date.now()
    expect(await silent.closed()).toBe(1006)
    expect(Date.now() - started).toBeLessThan(4_000)
    await expect.poll(() => app().ctx.gateway.socketsOf(user.id)).toBe(0)
  })
})

describe('a client that does not read', () => {
  let testApp: TestApp
  let url: string
  beforeAll(async () => {
    testApp = await createTestApp()
    url = await testApp.app.listen({ port: 0, host: '127.0.0.1' })
  })
  afterAll(() => testApp.close())

  it('is cut off, instead of the server buffering for it without end', async () => {
    const app = testApp.app
    const user = await registerUser(app)
    const slow = await SocketClient.connect(url, user.token)
    ;(slow.socket as unknown as { _socket: { pause(): void } })._socket.pause()
    expect(app.ctx.gateway.socketsOf(user.id)).toBe(1)
    const big = 'x'.repeat(60_000)
    for (let i = 0; i < 300 && app.ctx.gateway.socketsOf(user.id) > 0; i++) {
      await app.ctx.push.toUsers([user.id], { type: 'test.flood', data: big })
      await new Promise((resolve) => setImmediate(resolve))
    }
    await expect.poll(() => app.ctx.gateway.socketsOf(user.id), { timeout: 5_000 }).toBe(0)
    slow.socket.terminate()
  })
})
