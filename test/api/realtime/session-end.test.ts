import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/app.js'
import { directConversation, say } from '../../helpers/chat.js'
import { befriend } from '../../helpers/social.js'
import { refusedStatus, SocketClient } from '../../helpers/socket.js'

/** Well under the 10 s a socket would otherwise wait for its periodic session check. */
const AT_ONCE_MS = 1_500

describe('a socket ends with its session', () => {
  let testApp: TestApp
  let url: string
  const sockets: SocketClient[] = []
  beforeAll(async () => {
    testApp = await createTestApp()
    url = await testApp.app.listen({ port: 0, host: '127.0.0.1' })
  })
  afterAll(async () => {
    for (const socket of sockets) socket.socket.terminate()
    await testApp.close()
  })
  const app = () => testApp.app
  const connect = async (token: string) => {
    const socket = await SocketClient.connect(url, token)
    sockets.push(socket)
    return socket
  }
  const login = async (user: TestUser) => {
    const res = await call(app(), 'POST', '/api/v1/auth/login', {
      body: { phone: user.phone, password: user.password },
    })
    return res.body.token as string
  }
  /** Resolves with the close code, or rejects when the socket is still open after `ms`. */
  const closesWithin = (socket: SocketClient, ms: number) =>
    Promise.race([
      socket.closed(),
      new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`socket open after ${ms} ms`)), ms)),
    ])

  it("logout closes that session's socket at once, and no message reaches it; other sessions' sockets stay", async () => {
    const user = await registerUser(app())
    const friend = await registerUser(app())
    await befriend(app(), user, friend)
    const conversation = await directConversation(app(), friend, user)
    const laptopToken = await login(user)
    const phone = await connect(user.token)
    const laptop = await connect(laptopToken)
    const closed = closesWithin(phone, AT_ONCE_MS)
    expect((await call(app(), 'POST', '/api/v1/auth/logout', { token: user.token })).status).toBe(204)
    expect(await closed).toBe(4401)
    expect(phone.socket.readyState).toBe(phone.socket.CLOSED)

    expect((await say(app(), friend, conversation, { text: '登出之后的消息' })).status).toBe(201)
    expect((await laptop.next((f) => f.type === 'message.new')).data.text).toBe('登出之后的消息')
    expect(phone.frames.some((f) => f.type === 'message.new')).toBe(false)
    // Reconnecting re-checks the session: the dead token gets no socket.
    const ws = url.replace(/^http/, 'ws')
    expect(await refusedStatus(`${ws}/api/v1/ws?token=${encodeURIComponent(user.token)}`)).toBe(401)
  })

  it('revoking a session, or all others, closes their sockets at once', async () => {
    const user = await registerUser(app())
    const [second, third] = [await login(user), await login(user)]
    const mine = await connect(user.token)
    const secondSockets = [await connect(second), await connect(second)]
    const thirdSocket = await connect(third)
    const id = (await call(app(), 'GET', '/api/v1/me/sessions', { token: second })).body.items.find(
      (s: { current: boolean }) => s.current,
    ).id
    const closed = secondSockets.map((s) => closesWithin(s, AT_ONCE_MS))
    expect((await call(app(), 'DELETE', `/api/v1/me/sessions/${id}`, { token: user.token })).status).toBe(204)
    expect(await Promise.all(closed)).toEqual([4401, 4401])
    expect(thirdSocket.socket.readyState).toBe(thirdSocket.socket.OPEN)

    const thirdClosed = closesWithin(thirdSocket, AT_ONCE_MS)
    expect((await call(app(), 'POST', '/api/v1/me/sessions/revoke-others', { token: user.token })).status).toBe(204)
    expect(await thirdClosed).toBe(4401)
    expect(mine.socket.readyState).toBe(mine.socket.OPEN)
  })

  it("a password change closes the other sessions' sockets and keeps this one's", async () => {
    const user = await registerUser(app())
    const other = await connect(await login(user))
    const mine = await connect(user.token)
    const closed = closesWithin(other, AT_ONCE_MS)
    const res = await call(app(), 'PUT', '/api/v1/me/password', {
      token: user.token,
      body: { currentPassword: user.password, newPassword: 'another-password' },
    })
    expect(res.status).toBe(204)
    expect(await closed).toBe(4401)
    mine.send({ type: 'ping' })
    await mine.next((f) => f.type === 'pong')
  })
})

describe('a socket whose session ended without a notice', () => {
  let testApp: TestApp
  let url: string
  beforeAll(async () => {
    testApp = await createTestApp({ env: { LIFECIRCLE_WS_SESSION_CHECK_SECONDS: '1' } })
    url = await testApp.app.listen({ port: 0, host: '127.0.0.1' })
  })
  afterAll(() => testApp.close())

  it('is closed by the periodic session check within seconds', async () => {
    const user = await registerUser(testApp.app)
    const socket = await SocketClient.connect(url, user.token)
    // As if the session had been removed by a path that publishes nothing (expiry, an operator).
    await testApp.app.ctx.database.db.deleteFrom('sessions').where('user_id', '=', user.id).execute()
    const code = await Promise.race([
      socket.closed(),
      new Promise<number>((_, reject) => setTimeout(() => reject(new Error('still open')), 3_000)),
    ])
    expect(code).toBe(4401)
  })
})
