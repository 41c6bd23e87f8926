import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp } from '../../helpers/app.js'
import { directConversation, say } from '../../helpers/chat.js'
import { describeIfRedis, REDIS_TEST_URL } from '../../helpers/optional.js'
import { befriend } from '../../helpers/social.js'
import { SocketClient } from '../../helpers/socket.js'

const TSX = path.resolve('node_modules/.bin/tsx')
const CLI = path.resolve('src/server/cli.ts')

describeIfRedis('two server processes sharing Redis', () => {
  let here: TestApp
  let hereUrl: string
  let there: ChildProcess
  let thereUrl: string
  const sockets: SocketClient[] = []

  beforeAll(async () => {
    here = await createTestApp({ sqlite: true, redisUrl: REDIS_TEST_URL })
    hereUrl = await here.app.listen({ port: 0, host: '127.0.0.1' })
    const port = 20000 + crypto.randomInt(20000)
    // The same data folder, secret and Redis channels: a second node of the same community.
    there = spawn(TSX, [CLI, 'serve'], {
      env: {
        ...process.env,
        DATABASE_URL: '',
        REDIS_URL: REDIS_TEST_URL,
        DATA_DIR: here.config.dataDir,
        LIFECIRCLE_SECRET: here.config.secret,
        LIFECIRCLE_REDIS_PREFIX: here.config.redisPrefix,
        LIFECIRCLE_IP_LIMITS: 'off',
        LOG_LEVEL: 'warn',
        PORT: String(port),
      },
      stdio: 'inherit',
    })
    thereUrl = `http://127.0.0.1:${port}`
    for (let i = 0; i < 150; i++) {
      const health = await fetch(`${thereUrl}/api/v1/health`).catch(() => undefined)
      if (health?.ok) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }, 30_000)

  afterAll(async () => {
    for (const socket of sockets) socket.socket.terminate()
    there.kill('SIGTERM')
    await new Promise((resolve) => there.once('exit', resolve))
    await here.close()
  })

  it('delivers a message sent on one process to a socket held by the other, both ways', async () => {
    const health = await fetch(`${thereUrl}/api/v1/health`)
    expect(await health.json()).toMatchObject({ status: 'ok', bus: 'redis' })
    const a = await registerUser(here.app)
    const b = await registerUser(here.app)
    await befriend(here.app, a, b)
    const id = await directConversation(here.app, a, b)

    const bThere = await SocketClient.connect(thereUrl, b.token)
    const aHere = await SocketClient.connect(hereUrl, a.token)
    sockets.push(bThere, aHere)
    const sent = await say(here.app, a, id, { text: '从这台发到那台' })
    expect((await bThere.next((f) => f.type === 'message.new')).data).toMatchObject({
      id: sent.body.id,
      text: '从这台发到那台',
    })

    const reply = await fetch(`${thereUrl}/api/v1/conversations/${id}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${b.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: '收到，从那台回过来' }),
    })
    expect(reply.status).toBe(201)
    const back = await aHere.next((f) => f.type === 'message.new' && f.data.sender.id === b.id)
    expect(back.data).toMatchObject({ text: '收到，从那台回过来', seq: 2 })
  })

  it('delivers danmaku stored on one process to a room watched on the other', async () => {
    const host = await registerUser(here.app, '主播')
    const watcher = await registerUser(here.app)
    const created = await fetch(`${thereUrl}/api/v1/live/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: '跨进程直播', startsAt: new Date().toISOString() }),
    })
    const { id } = (await created.json()) as { id: string }
    await fetch(`${thereUrl}/api/v1/live/events/${id}/start`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}` },
    })
    const there = await SocketClient.connect(thereUrl, watcher.token)
    const local = await SocketClient.connect(hereUrl, watcher.token)
    sockets.push(there, local)
    for (const socket of [there, local]) {
      socket.send({ type: 'live.join', eventId: id })
      await socket.next((f) => f.type === 'live.joined')
    }
    const sent = await call(here.app, 'POST', `/api/v1/live/events/${id}/danmaku`, {
      token: host.token,
      body: { text: '两台都看得到' },
    })
    expect(sent.status).toBe(201)
    for (const socket of [there, local]) {
      const batch = await socket.next((f) => f.type === 'danmaku.batch')
      expect(batch.data.items.map((d: { id: string }) => d.id)).toEqual([sent.body.id])
    }
    // Each process counts its own viewers; the total is shared through Redis.
    const event = await call(here.app, 'GET', `/api/v1/live/events/${id}`, { token: host.token })
    expect(event.body.viewerCount).toBe(2)
  })
})
