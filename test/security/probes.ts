import { PIN } from '../helpers/wallet.js'
import type { TestUser } from '../helpers/app.js'
import type { World } from './world.js'

export interface Probe {
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
export const PROBES: Record<string, Probe> = {
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

/** Id-taking endpoints that are open to anyone signed in, why that is right, and a URL for the fuzzing. */
export const PUBLIC: Record<string, { reason: string; url: (w: World) => string }> = {
  'DELETE /api/v1/friends/:userId': {
    reason: 'acts on the caller’s own friendship; the id names the other person',
    url: (w) => `/friends/${w.carol.id}`,
  },
  'PUT /api/v1/friends/:userId/settings': {
    reason: 'the caller’s own settings about another person',
    url: (w) => `/friends/${w.bob.id}/settings`,
  },
  'DELETE /api/v1/me/sessions/:id': {
    reason: 'ends one of the caller’s own sessions; another user’s session id is 404, like one that never was',
    url: () => '/me/sessions/not-a-session',
  },
  'DELETE /api/v1/blocks/:userId': { reason: 'the caller’s own block list', url: (w) => `/blocks/${w.carol.id}` },
  'GET /api/v1/users/:id/posts': {
    reason: 'anyone’s post list, filtered to what the caller may see (checked in the matrix)',
    url: (w) => `/users/${w.alice.id}/posts`,
  },
  'GET /api/v1/users/:id': {
    reason: 'the public card (display name, masked name, avatar) that posts and chats show; 404 to whom they block',
    url: (w) => `/users/${w.alice.id}`,
  },
  'GET /api/v1/live/events/:id': {
    reason: 'live events are public listings',
    url: (w) => `/live/events/${w.ids.liveEvent}`,
  },
  'POST /api/v1/live/events/:id/danmaku': {
    reason: 'any viewer may send danmaku',
    url: (w) => `/live/events/${w.ids.liveEvent}/danmaku`,
  },
  'GET /api/v1/live/events/:id/danmaku': {
    reason: 'danmaku are public to every viewer of the replay',
    url: (w) => `/live/events/${w.ids.liveEvent}/danmaku`,
  },
  'GET /api/v1/live/events/:id/danmaku.xml': {
    reason: 'the public danmaku as Bilibili XML, senders hashed',
    url: (w) => `/live/events/${w.ids.liveEvent}/danmaku.xml`,
  },
  'POST /api/v1/live/events/:id/tips': {
    reason: 'any viewer may tip the host',
    url: (w) => `/live/events/${w.ids.liveEvent}/tips`,
  },
}

/** The URL of an endpoint on the world's things: its probe's, or for endpoints without an id, its own path. */
export function urlOf(endpointKey: string, w: World): string {
  const known = PROBES[endpointKey] ?? PUBLIC[endpointKey]
  return known ? known.url(w) : endpointKey.split(' ')[1]!.replace('/api/v1', '')
}
