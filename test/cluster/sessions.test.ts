import { afterAll, beforeAll, expect, it } from 'vitest'
import { call, registerUser } from '../helpers/app.js'
import { createTestCluster, type TestCluster } from '../helpers/cluster.js'
import { describeIfCluster } from '../helpers/optional.js'
import { SocketClient } from '../helpers/socket.js'

/** Well under the periodic session check (10 s): only the bus notice can close the socket this fast. */
const WITHIN_MS = 2_000

describeIfCluster('a session ended through A closes its sockets held by B', () => {
  let cluster: TestCluster
  const sockets: SocketClient[] = []
  beforeAll(async () => {
    cluster = await createTestCluster()
    await cluster.listen()
  })
  afterAll(async () => {
    for (const socket of sockets) socket.socket.terminate()
    await cluster.close()
  })
  const connectToB = async (token: string) => {
    const socket = await SocketClient.connect(cluster.urls.b, token)
    sockets.push(socket)
    return socket
  }
  const closesWithin = (socket: SocketClient, ms: number) =>
    Promise.race([
      socket.closed(),
      new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`socket open after ${ms} ms`)), ms)),
    ])
  const login = async (phone: string, password: string) =>
    (await call(cluster.b, 'POST', '/api/v1/auth/login', { body: { phone, password } })).body.token as string

  it('logout on A', async () => {
    const user = await registerUser(cluster.a)
    const other = await connectToB(await login(user.phone, user.password))
    const onB = await connectToB(user.token)
    const closed = closesWithin(onB, WITHIN_MS)
    expect((await call(cluster.a, 'POST', '/api/v1/auth/logout', { token: user.token })).status).toBe(204)
    expect(await closed).toBe(4401)
    expect(other.socket.readyState).toBe(other.socket.OPEN)
    expect((await call(cluster.b, 'GET', '/api/v1/me', { token: user.token })).status).toBe(401)
  })

  it('a password change on A', async () => {
    const user = await registerUser(cluster.a)
    const onB = await connectToB(await login(user.phone, user.password))
    const closed = closesWithin(onB, WITHIN_MS)
    const res = await call(cluster.a, 'PUT', '/api/v1/me/password', {
      token: user.token,
      body: { currentPassword: user.password, newPassword: 'new-password-1' },
    })
    expect(res.status).toBe(204)
    expect(await closed).toBe(4401)
  })
})
