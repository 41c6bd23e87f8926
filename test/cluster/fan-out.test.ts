import { afterAll, beforeAll, expect, it } from 'vitest'
import { call, registerUser } from '../helpers/app.js'
import { directConversation, say } from '../helpers/chat.js'
import { createTestCluster, type TestCluster } from '../helpers/cluster.js'
import { describeIfCluster } from '../helpers/optional.js'
import { befriend } from '../helpers/social.js'
import { SocketClient } from '../helpers/socket.js'

describeIfCluster('what is sent through A reaches sockets held by B', () => {
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

  it('a notification made on A', async () => {
    const asker = await registerUser(cluster.a, '先开口的')
    const friend = await registerUser(cluster.a, '朋友')
    const onB = await connectToB(asker.token)
    const sent = await call(cluster.a, 'POST', '/api/v1/friend-requests', {
      token: asker.token,
      body: { toUserId: friend.id },
    })
    await call(cluster.a, 'POST', `/api/v1/friend-requests/${sent.body.id}/accept`, { token: friend.token })
    const frame = await onB.next((f) => f.type === 'notification.new')
    expect(frame.data).toMatchObject({ kind: 'friend_request.accepted' })
  })

  it('chat messages sent on A and then on B, in order', async () => {
    const a = await registerUser(cluster.a, '小明')
    const b = await registerUser(cluster.a, '小红')
    await befriend(cluster.a, a, b)
    const id = await directConversation(cluster.a, a, b)
    const onB = await connectToB(b.token)
    const first = await say(cluster.a, a, id, { text: '第一句' })
    const second = await say(cluster.b, a, id, { text: '第二句' })
    const frames = await onB.collect('message.new', 2)
    expect(frames.map((f) => [f.data.id, f.data.seq])).toEqual([
      [first.body.id, 1],
      [second.body.id, 2],
    ])
  })

  it('a danmaku sent on A, to a room watched on B', async () => {
    const host = await registerUser(cluster.a, '主播')
    const watcher = await registerUser(cluster.a, '观众')
    const created = await call(cluster.a, 'POST', '/api/v1/live/events', {
      token: host.token,
      body: { title: '跨进程', startsAt: new Date().toISOString() },
    })
    await call(cluster.a, 'POST', `/api/v1/live/events/${created.body.id}/start`, { token: host.token })
    const onB = await connectToB(watcher.token)
    onB.send({ type: 'live.join', eventId: created.body.id })
    await onB.next((f) => f.type === 'live.joined')
    const sent = await call(cluster.a, 'POST', `/api/v1/live/events/${created.body.id}/danmaku`, {
      token: host.token,
      body: { text: '那边也看得到' },
    })
    expect(sent.status).toBe(201)
    const batch = await onB.next((f) => f.type === 'danmaku.batch')
    expect(batch.data.items.map((d: { id: string }) => d.id)).toEqual([sent.body.id])
    // B holds the only viewer; A reads the total from Redis.
    const event = await call(cluster.a, 'GET', `/api/v1/live/events/${created.body.id}`, { token: host.token })
    expect(event.body.viewerCount).toBe(1)
  })
})
