import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestApp, registerUser, type TestApp } from '../../helpers/app.js'
import { directConversation, say } from '../../helpers/chat.js'
import { describeIfRedis, REDIS_TEST_URL } from '../../helpers/optional.js'
import { killRedisConnection } from '../../helpers/redis.js'
import { befriend } from '../../helpers/social.js'
import { SocketClient } from '../../helpers/socket.js'

describeIfRedis('sockets when the Redis bus comes back', () => {
  let testApp: TestApp
  let url: string
  const sockets: SocketClient[] = []

  beforeAll(async () => {
    testApp = await createTestApp({ redisUrl: REDIS_TEST_URL })
    url = await testApp.app.listen({ port: 0, host: '127.0.0.1' })
  })

  afterAll(async () => {
    for (const socket of sockets) socket.socket.terminate()
    await testApp.close()
  })

  it('are told `ready` again, so that clients catch up, and receive pushed frames again', async () => {
    const a = await registerUser(testApp.app)
    const b = await registerUser(testApp.app)
    await befriend(testApp.app, a, b)
    const id = await directConversation(testApp.app, a, b)
    const socket = await SocketClient.connect(url, b.token)
    sockets.push(socket)
    expect(socket.frames.filter((f) => f.type === 'ready')).toHaveLength(1)

    await killRedisConnection(`${testApp.config.redisPrefix}bus:subscriber`)
    const readies = await socket.collect('ready', 2)
    expect(readies[1]!.data).toEqual({ userId: b.id })

    const sent = await say(testApp.app, a, id, { text: '总线回来了' })
    expect((await socket.next((f) => f.type === 'message.new')).data).toMatchObject({ id: sent.body.id, seq: 1 })
  })
})
