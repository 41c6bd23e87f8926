import { afterAll, beforeAll, expect, it } from 'vitest'
import { runHousekeeping } from '../../src/server/housekeeping.js'
import { call, registerUser, type TestUser } from '../helpers/app.js'
import { directConversation, groupConversation, say } from '../helpers/chat.js'
import { createTestCluster, type TestCluster } from '../helpers/cluster.js'
import { expectBooksBalanced, openShop, order, ship, step } from '../helpers/commerce.js'
import { notificationsOf } from '../helpers/notifications.js'
import { describeIfCluster } from '../helpers/optional.js'
import { befriend } from '../helpers/social.js'
import { SocketClient } from '../helpers/socket.js'
import { idem, PIN, topUp, verifiedUserWithPin, walletOf } from '../helpers/wallet.js'

const DAY_MS = 24 * 3600_000

describeIfCluster('scheduled work on two processes', () => {
  let now = Date.parse('2026-11-02T02:00:00Z')
  let cluster: TestCluster
  const sockets: SocketClient[] = []
  beforeAll(async () => {
    cluster = await createTestCluster({ clock: () => now, env: { LIFECIRCLE_HOUSEKEEPING_SECONDS: '1' } })
    await cluster.listen()
  })
  afterAll(async () => {
    for (const socket of sockets) socket.socket.terminate()
    await cluster.close()
  })
  const leaders = () => [cluster.a, cluster.b].filter((app) => app.housekeeping.leading()).length

  /** A red packet, a shipped order and a burn message, all falling due within 11 days. */
  async function dueWork(app: TestCluster['a'], urls: string[]) {
    const sender = await verifiedUserWithPin(app, '发红包的')
    const member = await verifiedUserWithPin(app, '群友')
    await befriend(app, sender, member)
    await topUp(app, sender, 10_000)
    const group = await groupConversation(app, sender, [member])
    const packet = await call(app, 'POST', `/api/v1/conversations/${group}/red-packets`, {
      token: sender.token,
      body: { pin: PIN, type: 'lucky', total: 500, count: 2 },
      headers: { 'idempotency-key': idem() },
    })
    expect(packet.status).toBe(201)

    const { seller, buyer, postId } = await openShop(app, { price: 1_500 }, 5_000)
    const orderId = (await order(app, buyer, postId)).body.id as string
    expect((await step(app, buyer, orderId, 'pay')).status).toBe(200)
    expect((await ship(app, seller, orderId)).status).toBe(200)

    const reader = await registerUser(app, '收件人')
    await befriend(app, sender, reader)
    const conversation = await directConversation(app, sender, reader)
    const burn = await say(app, sender, conversation, { text: '看完就烧', burnAfterReading: { seconds: 10 } })
    expect(burn.status).toBe(201)
    // The reader listens on each process given: a burn announced twice would arrive twice on each socket.
    const listening: SocketClient[] = []
    for (const url of urls) listening.push(await SocketClient.connect(url, reader.token))
    sockets.push(...listening)
    return { sender, seller, buyer, orderId, packetId: packet.body.id as string, burnId: burn.body.id, listening }
  }

  async function expectDoneOnce(app: TestCluster['a'], work: Awaited<ReturnType<typeof dueWork>>) {
    const { sender, seller, buyer, orderId, packetId, burnId, listening } = work
    const packetStatus = async () =>
      (await call(app, 'GET', `/api/v1/red-packets/${packetId}`, { token: sender.token })).body.status
    const orderStatus = async () =>
      (await call(app, 'GET', `/api/v1/orders/${orderId}`, { token: buyer.token })).body.status
    await expect.poll(packetStatus, { timeout: 10_000 }).toBe('expired')
    await expect.poll(orderStatus, { timeout: 10_000 }).toBe('completed')
    for (const socket of listening) await socket.next((f) => f.type === 'message.burned', 10_000)
    // Let a few more rounds pass on both processes: nothing more may happen.
    await new Promise((resolve) => setTimeout(resolve, 2_500))
    for (const socket of listening) {
      expect(socket.frames.filter((f) => f.type === 'message.burned').map((f) => f.data.messageId)).toEqual([burnId])
    }
    expect((await walletOf(app, sender)).balance).toBe(10_000)
    expect((await walletOf(app, seller)).balance).toBe(1_500)
    const kinds = async (user: TestUser) =>
      ((await notificationsOf(app, user)).items as Array<{ kind: string }>).map((n) => n.kind)
    expect((await kinds(sender)).filter((k) => k === 'red_packet.expired')).toHaveLength(1)
    expect((await kinds(seller)).filter((k) => k === 'order.completed')).toHaveLength(1)
    await expectBooksBalanced(app, 0)
  }

  it('has exactly one leader running the rounds', async () => {
    await expect.poll(leaders, { timeout: 5_000 }).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    expect(leaders()).toBe(1)
  })

  it('does each due thing once when both processes run the chores at the same moment', async () => {
    const work = await dueWork(cluster.a, [cluster.urls.a, cluster.urls.b])
    now += 11 * DAY_MS
    // Besides the leader's own rounds: both at once, as if the lock had been lost between them.
    await Promise.all([runHousekeeping(cluster.a.ctx, cluster.a.log), runHousekeeping(cluster.b.ctx, cluster.b.log)])
    await expectDoneOnce(cluster.a, work)
  })

  it('hands the rounds to the other process when the leader stops', async () => {
    const leader = cluster.a.housekeeping.leading() ? 'a' : 'b'
    const other = leader === 'a' ? 'b' : 'a'
    const survivor = cluster[other]
    // The reader's sockets are on the process that stays.
    const work = await dueWork(survivor, [cluster.urls[other]])
    await cluster.stop(leader)
    await expect.poll(() => survivor.housekeeping.leading(), { timeout: 5_000 }).toBe(true)
    now += 11 * DAY_MS
    await expectDoneOnce(survivor, work)
  })
})
