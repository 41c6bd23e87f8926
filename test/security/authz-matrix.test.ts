import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, type TestApp, type TestUser } from '../helpers/app.js'
import { idem, PIN } from '../helpers/wallet.js'
import { catalogue, key, type Endpoint } from './catalogue.js'
import { buildWorld, snapshot, type World } from './world.js'

interface Probe {
  /** The URL Eve calls, on one of Alice and Bob's private things. */
  url: (w: World) => string
  /** A valid body, so that what refuses Eve is authorisation and not validation. */
  body?: (w: World) => unknown
  money?: boolean
  /** A raw application/xml body instead of JSON. */
  xml?: (w: World) => string
  /** For reads: the insider who gets 200 on the same URL, proving the id is real. */
  insider?: (w: World) => TestUser
  /** API.md: 403 FORBIDDEN or 404 NOT_FOUND. */
  refused?: number[]
}

const pin = () => ({ pin: PIN })
const alice = (w: World) => w.alice
const bob = (w: World) => w.bob

/** What Eve tries on everything that takes an id. */
const PROBES: Record<string, Probe> = {
  'POST /api/v1/payment-requests/:id/pay': {
    url: (w) => `/payment-requests/${w.ids.paymentRequest}/pay`,
    body: pin,
    money: true,
  },
  'POST /api/v1/payment-requests/:id/decline': { url: (w) => `/payment-requests/${w.ids.paymentRequest}/decline` },
  'POST /api/v1/friend-requests/:id/accept': { url: (w) => `/friend-requests/${w.ids.friendRequest}/accept` },
  'POST /api/v1/friend-requests/:id/decline': { url: (w) => `/friend-requests/${w.ids.friendRequest}/decline` },
  'GET /api/v1/groups/:id': { url: (w) => `/groups/${w.ids.group}`, insider: bob },
  'PATCH /api/v1/groups/:id': { url: (w) => `/groups/${w.ids.group}`, body: () => ({ name: '被夺走的群' }) },
  'POST /api/v1/groups/:id/members': {
    url: (w) => `/groups/${w.ids.group}/members`,
    body: (w) => ({ userIds: [w.eve.id] }),
  },
  'DELETE /api/v1/groups/:id/members/:userId': { url: (w) => `/groups/${w.ids.group}/members/${w.bob.id}` },
  'GET /api/v1/media/:id': { url: (w) => `/media/${w.ids.media}`, insider: bob },
  'GET /api/v1/media/:id/thumbnail': { url: (w) => `/media/${w.ids.media}/thumbnail`, insider: bob },
  'GET /api/v1/posts/:id': { url: (w) => `/posts/${w.ids.narrowPost}`, insider: bob },
  'DELETE /api/v1/posts/:id': { url: (w) => `/posts/${w.ids.narrowPost}` },
  'PATCH /api/v1/posts/:id/product': { url: (w) => `/posts/${w.ids.productPost}/product`, body: () => ({ price: 1 }) },
  'POST /api/v1/posts/:id/likes': { url: (w) => `/posts/${w.ids.narrowPost}/likes` },
  'DELETE /api/v1/posts/:id/likes': { url: (w) => `/posts/${w.ids.narrowPost}/likes` },
  'POST /api/v1/posts/:id/comments': {
    url: (w) => `/posts/${w.ids.narrowPost}/comments`,
    body: () => ({ text: '偷看' }),
  },
  'DELETE /api/v1/comments/:id': { url: (w) => `/comments/${w.ids.comment}` },
  'POST /api/v1/posts/:id/tips': { url: (w) => `/posts/${w.ids.narrowPost}/tips`, money: true },
  'GET /api/v1/orders/:id': { url: (w) => `/orders/${w.ids.order}`, insider: bob },
  'POST /api/v1/orders/:id/pay': { url: (w) => `/orders/${w.ids.order}/pay`, body: pin, money: true },
  'POST /api/v1/orders/:id/pay-requests': {
    url: (w) => `/orders/${w.ids.order}/pay-requests`,
    body: (w) => ({ friendId: w.alice.id }),
  },
  'POST /api/v1/orders/:id/cancel': { url: (w) => `/orders/${w.ids.order}/cancel` },
  'PUT /api/v1/orders/:id/address': {
    url: (w) => `/orders/${w.ids.order}/address`,
    body: () => ({ shippingAddress: '伊芙家' }),
  },
  'POST /api/v1/orders/:id/ship': { url: (w) => `/orders/${w.ids.order}/ship`, body: () => ({}) },
  'POST /api/v1/orders/:id/confirm': { url: (w) => `/orders/${w.ids.order}/confirm`, money: true },
  'POST /api/v1/orders/:id/refund': { url: (w) => `/orders/${w.ids.order}/refund`, body: () => ({}), money: true },
  'POST /api/v1/orders/:id/refund/decline': { url: (w) => `/orders/${w.ids.order}/refund/decline` },
  'GET /api/v1/conversations/:id': { url: (w) => `/conversations/${w.ids.conversation}`, insider: bob },
  'GET /api/v1/conversations/:id/messages': {
    url: (w) => `/conversations/${w.ids.conversation}/messages`,
    insider: bob,
  },
  'POST /api/v1/conversations/:id/messages': {
    url: (w) => `/conversations/${w.ids.conversation}/messages`,
    body: () => ({ text: '插话' }),
  },
  'POST /api/v1/conversations/:id/read': {
    url: (w) => `/conversations/${w.ids.conversation}/read`,
    body: () => ({ seq: 1 }),
  },
  'POST /api/v1/conversations/:id/transfers': {
    url: (w) => `/conversations/${w.ids.conversation}/transfers`,
    body: () => ({ amount: 100, pin: PIN }),
    money: true,
  },
  'POST /api/v1/messages/:id/open': { url: (w) => `/messages/${w.ids.burnMessage}/open` },
  'POST /api/v1/conversations/:id/red-packets': {
    url: (w) => `/conversations/${w.ids.conversation}/red-packets`,
    body: () => ({ type: 'equal', total: 100, count: 1, pin: PIN }),
    money: true,
  },
  'POST /api/v1/red-packets/:id/claim': { url: (w) => `/red-packets/${w.ids.redPacket}/claim`, money: true },
  'GET /api/v1/red-packets/:id': { url: (w) => `/red-packets/${w.ids.redPacket}`, insider: bob },
  'POST /api/v1/groups/:id/collections': {
    url: (w) => `/groups/${w.ids.group}/collections`,
    body: (w) => ({ title: '假收款', amountPerMember: 100, memberIds: [w.bob.id] }),
  },
  'GET /api/v1/collections/:id': { url: (w) => `/collections/${w.ids.collection}`, insider: bob },
  'POST /api/v1/collections/:id/pay': { url: (w) => `/collections/${w.ids.collection}/pay`, body: pin, money: true },
  'POST /api/v1/collections/:id/close': { url: (w) => `/collections/${w.ids.collection}/close` },
  'POST /api/v1/collections/:id/reminders/mute': { url: (w) => `/collections/${w.ids.collection}/reminders/mute` },
  'GET /api/v1/ious/:id': { url: (w) => `/ious/${w.ids.iou}`, insider: alice },
  'POST /api/v1/ious/:id/accept': { url: (w) => `/ious/${w.ids.iou}/accept`, body: pin, money: true },
  'POST /api/v1/ious/:id/decline': { url: (w) => `/ious/${w.ids.iou}/decline` },
  'POST /api/v1/ious/:id/repayments': {
    url: (w) => `/ious/${w.ids.iou}/repayments`,
    body: () => ({ amount: 100, pin: PIN }),
    money: true,
  },
  'POST /api/v1/live/events/:id/start': { url: (w) => `/live/events/${w.ids.liveEvent}/start` },
  'POST /api/v1/live/events/:id/end': { url: (w) => `/live/events/${w.ids.liveEvent}/end`, body: () => ({}) },
  'DELETE /api/v1/live/events/:id/danmaku/:danmakuId': {
    url: (w) => `/live/events/${w.ids.liveEvent}/danmaku/${w.ids.danmaku}`,
  },
  'POST /api/v1/live/events/:id/danmaku/import': {
    url: (w) => `/live/events/${w.ids.liveEvent}/danmaku/import`,
    xml: () => '<?xml version="1.0"?><i><d p="1.0,1,25,16777215,1700000000,0,abc,1">劫持</d></i>',
  },
  'POST /api/v1/live/events/:id/mutes': {
    url: (w) => `/live/events/${w.ids.liveEvent}/mutes`,
    body: (w) => ({ userId: w.bob.id }),
  },
  'DELETE /api/v1/live/events/:id/mutes/:userId': { url: (w) => `/live/events/${w.ids.liveEvent}/mutes/${w.bob.id}` },
  'GET /api/v1/live/events/:id/keywords': { url: (w) => `/live/events/${w.ids.liveEvent}/keywords`, insider: alice },
  'POST /api/v1/live/events/:id/keywords': {
    url: (w) => `/live/events/${w.ids.liveEvent}/keywords`,
    body: () => ({ keywords: ['x'] }),
  },
}

/** Id-taking endpoints that are open to anyone signed in, and why that is right. */
const PUBLIC: Record<string, string> = {
  'DELETE /api/v1/friends/:userId': 'acts on the caller’s own friendship; the id names the other person',
  'PUT /api/v1/friends/:userId/settings': 'the caller’s own settings about another person',
  'DELETE /api/v1/blocks/:userId': 'the caller’s own block list',
  'GET /api/v1/users/:id/posts': 'anyone’s post list, filtered to what the caller may see (checked below)',
  'GET /api/v1/live/events/:id': 'live events are public listings',
  'POST /api/v1/live/events/:id/danmaku': 'any viewer may send danmaku',
  'GET /api/v1/live/events/:id/danmaku': 'danmaku are public to every viewer of the replay',
  'GET /api/v1/live/events/:id/danmaku.xml': 'the public danmaku as Bilibili XML, senders hashed',
  'POST /api/v1/live/events/:id/tips': 'any viewer may tip the host',
}

let t: TestApp
let w: World
let endpoints: Endpoint[]

beforeAll(async () => {
  t = await createTestApp()
  endpoints = await catalogue(t.app)
  w = await buildWorld(t.app)
}, 120_000)
afterAll(() => t?.close())

async function send(user: TestUser, method: string, probe: Probe) {
  const xml = probe.xml?.(w)
  const res = await t.app.inject({
    method: method as 'GET',
    url: `/api/v1${probe.url(w)}`,
    headers: {
      authorization: `Bearer ${user.token}`,
      ...(probe.money ? { 'idempotency-key': idem() } : {}),
      ...(xml ? { 'content-type': 'application/xml' } : {}),
    },
    ...(probe.body ? { payload: probe.body(w) as object } : {}),
    ...(xml ? { payload: xml } : {}),
  })
  const json = String(res.headers['content-type']).startsWith('application/json')
  return { status: res.statusCode, body: json ? res.json() : res.body }
}

describe('authorisation matrix, from the OpenAPI document', () => {
  it('covers every endpoint that takes an id: probed, or public with a reason', () => {
    const withId = endpoints.filter((e) => e.pathParams.length > 0).map(key)
    const unaccounted = withId.filter((k) => !(k in PROBES) && !(k in PUBLIC))
    expect(unaccounted).toEqual([])
    // And nothing listed that the server no longer has.
    expect([...Object.keys(PROBES), ...Object.keys(PUBLIC)].filter((k) => !withId.includes(k))).toEqual([])
  })

  it.each(Object.keys(PROBES))('%s: an outsider is refused and nothing changes', async (name) => {
    const probe = PROBES[name]!
    const method = name.split(' ')[0]!
    const before = await snapshot(t.app)
    const res = await send(w.eve, method, probe)
    expect(probe.refused ?? [403, 404], `${res.status} ${JSON.stringify(res.body)}`).toContain(res.status)
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(res.body.error.code)
    expect(await snapshot(t.app)).toEqual(before)
    if (probe.insider) expect((await send(probe.insider(w), method, probe)).status).toBe(200)
  })

  it('shows an outsider none of the narrow posts in the author’s list', async () => {
    const seen = await call(t.app, 'GET', `/api/v1/users/${w.alice.id}/posts`, { token: w.eve.token })
    expect(seen.status).toBe(200)
    expect(seen.body.items.map((p: { id: string }) => p.id)).not.toContain(w.ids.narrowPost)
    const insider = await call(t.app, 'GET', `/api/v1/users/${w.alice.id}/posts`, { token: w.bob.token })
    expect(insider.body.items.map((p: { id: string }) => p.id)).toContain(w.ids.narrowPost)
  })

  it('keeps the books balanced after it all', async () => {
    const report = await t.app.ctx.ledger.audit()
    expect(report.problems).toEqual([])
  })
})
