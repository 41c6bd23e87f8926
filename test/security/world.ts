import type { FastifyInstance } from 'fastify'
import sharp from 'sharp'
import { call, registerUser, type Json, type TestUser } from '../helpers/app.js'
import { directConversation, say } from '../helpers/chat.js'
import { order, step } from '../helpers/commerce.js'
import { befriend } from '../helpers/social.js'
import { idem, PIN, topUp, verifiedUserWithPin } from '../helpers/wallet.js'

/**
 * Alice and Bob, friends, share one of every private thing; Eve is Alice's friend too (so friendship alone opens
 * nothing) but party to none of them; Carol has a friend request pending to Alice. All are verified and funded.
 */
export interface World {
  alice: TestUser
  bob: TestUser
  eve: TestUser
  carol: TestUser
  ids: {
    narrowPost: string
    productPost: string
    comment: string
    media: string
    order: string
    conversation: string
    message: string
    burnMessage: string
    redPacket: string
    group: string
    groupConversation: string
    collection: string
    iou: string
    paymentRequest: string
    friendRequest: string
    liveEvent: string
    danmaku: string
  }
}

export async function buildWorld(app: FastifyInstance): Promise<World> {
  const alice = await verifiedUserWithPin(app, '爱丽丝')
  const bob = await verifiedUserWithPin(app, '鲍勃')
  const eve = await verifiedUserWithPin(app, '伊芙')
  const carol = await registerUser(app, '卡罗尔')
  await befriend(app, alice, bob)
  await befriend(app, alice, eve)
  await Promise.all([alice, bob, eve].map((user) => topUp(app, user, 100_000)))
  const ok = (res: Json, what: string) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`)
    return res.body
  }
  const as = (user: TestUser, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown, money = false) =>
    call(app, method, `/api/v1${url}`, { token: user.token, body, headers: money ? { 'idempotency-key': idem() } : {} })

  const media = ok(await uploadImage(app, alice), 'media').id
  const onlyBob = { type: 'include', userIds: [bob.id] }
  const narrowPost = ok(
    await as(alice, 'POST', '/posts', {
      text: '只给鲍勃看',
      mediaIds: [media],
      visibility: onlyBob,
      tipsEnabled: true,
    }),
    'post',
  ).id
  const comment = ok(await as(bob, 'POST', `/posts/${narrowPost}/comments`, { text: '收到' }), 'comment').id
  const productPost = ok(
    await as(alice, 'POST', '/posts', {
      text: '私房凤梨酥',
      visibility: onlyBob,
      kind: 'product',
      product: { title: '凤梨酥', price: 1_000, stock: 10 },
    }),
    'product',
  ).id
  const orderId = ok(await order(app, bob, productPost), 'order').id
  ok(await step(app, bob, orderId, 'pay'), 'order pay')

  const conversation = await directConversation(app, alice, bob)
  const message = ok(await say(app, alice, conversation, { text: '周六见' }), 'message').id
  const burnMessage = ok(
    await say(app, alice, conversation, { text: '门锁密码 0000', burnAfterReading: { seconds: 5 } }),
    'burn',
  ).id
  const redPacket = ok(
    await as(
      alice,
      'POST',
      `/conversations/${conversation}/red-packets`,
      { type: 'equal', total: 200, count: 1, pin: PIN },
      true,
    ),
    'red packet',
  ).id

  const group = ok(await as(alice, 'POST', '/groups', { name: '两人小组', memberIds: [bob.id] }), 'group')
  const collection = ok(
    await as(alice, 'POST', `/groups/${group.id}/collections`, {
      title: '聚餐',
      amountPerMember: 500,
      memberIds: [bob.id],
    }),
    'collection',
  ).id
  const iou = ok(
    await as(bob, 'POST', '/ious', { lenderId: alice.id, amount: 10_000, annualRatePercent: 5, dueDate: '2030-12-31' }),
    'iou',
  ).id
  const paymentRequest = ok(
    await as(alice, 'POST', '/payment-requests', { fromUserId: bob.id, amount: 300 }),
    'request',
  ).id
  const friendRequest = ok(await as(carol, 'POST', '/friend-requests', { toUserId: alice.id }), 'friend request').id
  ok(await as(alice, 'POST', '/transfers', { toUserId: bob.id, amount: 100, pin: PIN }, true), 'transfer')

  const liveEvent = ok(
    await as(alice, 'POST', '/live/events', {
      title: '私房直播',
      startsAt: new Date(Date.now() + 3_600_000).toISOString(),
    }),
    'event',
  ).id
  ok(await as(alice, 'POST', `/live/events/${liveEvent}/start`), 'start')
  const danmaku = ok(await as(bob, 'POST', `/live/events/${liveEvent}/danmaku`, { text: '来了' }), 'danmaku').id

  return {
    alice,
    bob,
    eve,
    carol,
    ids: {
      narrowPost,
      productPost,
      comment,
      media,
      order: orderId,
      conversation,
      message,
      burnMessage,
      redPacket,
      group: group.id,
      groupConversation: group.conversationId,
      collection,
      iou,
      paymentRequest,
      friendRequest,
      liveEvent,
      danmaku,
    },
  }
}

/** A small real PNG through POST /media. */
export async function uploadImage(app: FastifyInstance, user: TestUser, filename = 'photo.png'): Promise<Json> {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c0392b' } })
    .png()
    .toBuffer()
  const boundary = 'lifecircle-security-boundary'
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    png,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/media',
    headers: { authorization: `Bearer ${user.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  })
  return { status: res.statusCode, body: res.json(), headers: res.headers }
}

/**
 * Every row of every table, minus what a refused request may rightly write (rate counters, idempotency records of
 * refusals, session touch times), so a before/after comparison shows any change of state.
 */
const VOLATILE_TABLES = new Set(['rate_counters', 'idempotency_keys', 'sessions'])

const tableNames = new WeakMap<FastifyInstance, string[]>()

export async function snapshot(app: FastifyInstance, alsoSkip = new Set<string>()): Promise<Record<string, unknown[]>> {
  // Listeners (notifications) write after the request that caused them has answered: let them finish first.
  await app.ctx.events.idle()
  const db = app.ctx.database.db
  let names = tableNames.get(app)
  if (!names) {
    names = (await db.introspection.getTables())
      .map((t) => t.name)
      .filter((name) => !name.startsWith('kysely_') && !name.startsWith('sqlite_'))
      .sort()
    tableNames.set(app, names)
  }
  const watched = names.filter((name) => !VOLATILE_TABLES.has(name) && !alsoSkip.has(name))
  const dumps = await Promise.all(
    watched.map(async (table) => {
      const rows = await db
        .selectFrom(table as 'users')
        .selectAll()
        .execute()
      return [table, rows.map((row) => JSON.stringify(row)).sort()] as const
    }),
  )
  return Object.fromEntries(dumps)
}
