/**
 * The mixed bench's load generator, a process of its own so that it does not share the servers' event loops: reads a
 * MixedLoadPlan (JSON) on stdin, sends the mix to the processes at a constant arrival rate, prints a MixedLoadResult.
 */
import crypto from 'node:crypto'
import { setMaxListeners } from 'node:events'
import { performance } from 'node:perf_hooks'
import * as hdr from 'hdr-histogram-js'
import { Pool } from 'undici'
import { sendWhenDue } from '../shared/open-loop.js'
import { Audience, type DeliveryStats } from './audience.js'
import { PIN, type MixedWorld } from './seed.js'

/** What people do, and how often, out of every 100 requests. */
export const MIX = {
  feed: 40,
  like: 10,
  comment: 8,
  chat: 17,
  transfer: 10,
  tip: 5,
  danmaku: 10,
} as const
export type Kind = keyof typeof MIX

export interface MixedLoadPlan {
  urls: string[]
  world: MixedWorld
  /** Requests per second, all kinds together, spread evenly over the processes. */
  rate: number
  seconds: number
  /** Sent first at the same rate and not counted: the processes' code is compiled and their pools filled. */
  warmupSeconds: number
  connections: number
}

export interface KindStats {
  requests: number
  ok: number
  /** Non-2xx answers and failed requests. */
  errors: number
  statuses: Record<string, number>
  p50Ms: number
  p99Ms: number
  maxMs: number
}

export interface MixedLoadResult {
  seconds: number
  requests: number
  ok: number
  errors: number
  rps: number
  kinds: Record<Kind, KindStats>
  /** What the members' sockets received of the chat messages and danmaku answered 2xx. */
  deliveries: { chat: DeliveryStats; danmaku: DeliveryStats }
}

/** The run gives up on answers this long after the last request was due; what is still out counts as an error. */
const GRACE_MS = 10_000
/** And on deliveries this long after the last answer; what has not arrived by then is missing. */
const DELIVERY_GRACE_MS = 10_000

/** Kinds in a fixed, interleaved order of 100, so every second carries the whole mix. */
function schedule(): Kind[] {
  const slots: Array<{ kind: Kind; at: number }> = []
  for (const [kind, share] of Object.entries(MIX) as Array<[Kind, number]>) {
    for (let i = 0; i < share; i++) slots.push({ kind, at: (i + 0.5) / share })
  }
  return slots.sort((a, b) => a.at - b.at).map((slot) => slot.kind)
}

interface Request {
  method: 'GET' | 'POST'
  path: string
  token: string
  body?: unknown
  idempotent?: boolean
  /** Chat: the member whose socket owes the message. */
  recipient?: number
}

/** The i-th request of a kind, acting as someone who may do it (a friend of the post's author, a member…). */
function requestFor(kind: Kind, i: number, world: MixedWorld): Request {
  const { users, posts, conversations } = world
  const conversation = conversations[i % conversations.length]!
  const [a, b] = conversation.members
  // The author's friend: the conversations pair friends, so the other member of one sees the first's posts.
  const post = posts.filter((p) => p.author === a)[i % 3] ?? posts[0]!
  const friend = users[b]!
  switch (kind) {
    case 'feed':
      return { method: 'GET', path: '/api/v1/feed', token: users[i % users.length]!.token }
    case 'like':
      return { method: 'POST', path: `/api/v1/posts/${post.id}/likes`, token: friend.token }
    case 'comment':
      return {
        method: 'POST',
        path: `/api/v1/posts/${post.id}/comments`,
        token: friend.token,
        body: { text: `评论 ${i}` },
      }
    case 'chat':
      return {
        method: 'POST',
        path: `/api/v1/conversations/${conversation.id}/messages`,
        token: users[i % 2 ? a : b]!.token,
        body: { text: `消息 ${i}` },
        recipient: i % 2 ? b : a,
      }
    case 'transfer': {
      const [from, to] = i % 2 ? [a, b] : [b, a]
      return {
        method: 'POST',
        path: '/api/v1/transfers',
        token: users[from]!.token,
        body: { toUserId: users[to]!.id, amount: 1 + (i % 100), pin: PIN },
        idempotent: true,
      }
    }
    case 'tip':
      return { method: 'POST', path: `/api/v1/posts/${post.id}/tips`, token: friend.token, idempotent: true }
    case 'danmaku':
      // Round robin over everyone: each sender stays well under its one danmaku per second.
      return {
        method: 'POST',
        path: `/api/v1/live/events/${world.eventId}/danmaku`,
        token: users[i % users.length]!.token,
        body: { text: `弹幕 ${i}` },
      }
  }
}

/**
 * Open loop at a constant arrival rate, as bench/shared/open-loop.ts: request n is due at start + n / rate, and
 * its latency counts from then, so a server that falls behind is charged for the wait. Requests alternate between
 * the processes; latency is recorded per kind.
 */
export async function mixedLoad(plan: MixedLoadPlan, audience: Audience): Promise<MixedLoadResult> {
  audience.reset()
  const pools = plan.urls.map((url) => new Pool(url, { connections: plan.connections, pipelining: 1 }))
  const abandon = new AbortController()
  // Every request in flight listens on the one signal.
  setMaxListeners(0, abandon.signal)
  const highest = (plan.seconds * 1000 + GRACE_MS) * 1000 * 2
  const kinds = Object.fromEntries(
    (Object.keys(MIX) as Kind[]).map((kind) => [
      kind,
      {
        histogram: hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: highest }),
        requests: 0,
        ok: 0,
        errors: 0,
        statuses: {},
      },
    ]),
  ) as Record<
    Kind,
    { histogram: hdr.Histogram; requests: number; ok: number; errors: number; statuses: Record<string, number> }
  >
  const order = schedule()
  const counters = Object.fromEntries((Object.keys(MIX) as Kind[]).map((kind) => [kind, 0])) as Record<Kind, number>
  const total = Math.round(plan.rate * plan.seconds)
  const interval = 1000 / plan.rate
  const start = performance.now() + 10
  let lastResponse = start
  const inFlight = new Set<Promise<void>>()

  const send = (n: number) => {
    const due = start + n * interval
    const kind = order[n % order.length]!
    const stats = kinds[kind]
    const request = requestFor(kind, counters[kind]++, plan.world)
    stats.requests++
    const done = pools[n % pools.length]!.request({
      method: request.method,
      path: request.path,
      headers: {
        authorization: `Bearer ${request.token}`,
        ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(request.idempotent ? { 'idempotency-key': crypto.randomUUID() } : {}),
      },
      body: request.body !== undefined ? JSON.stringify(request.body) : undefined,
      signal: abandon.signal,
    })
      .then(async (response) => {
        const code = String(response.statusCode)
        stats.statuses[code] = (stats.statuses[code] ?? 0) + 1
        if (response.statusCode < 200 || response.statusCode >= 300) {
          stats.errors++
          return response.body.dump()
        }
        stats.ok++
        if (kind !== 'chat' && kind !== 'danmaku') return response.body.dump()
        const { id } = (await response.body.json()) as { id: string }
        audience.owe(kind, id, due, request.recipient)
      })
      .catch(() => {
        const code = abandon.signal.aborted ? 'timeout' : 'failed'
        stats.statuses[code] = (stats.statuses[code] ?? 0) + 1
        stats.errors++
      })
      .finally(() => {
        lastResponse = performance.now()
        stats.histogram.recordValue(Math.min(highest, Math.max(1, Math.round((lastResponse - due) * 1000))))
        inFlight.delete(done)
      })
    inFlight.add(done)
  }

  await sendWhenDue(start, interval, total, send)
  const grace = setTimeout(() => abandon.abort(), start + total * interval + GRACE_MS - performance.now())
  await Promise.all(inFlight)
  clearTimeout(grace)
  await Promise.all(pools.map((pool) => pool.destroy()))
  await audience.settle(DELIVERY_GRACE_MS)

  const seconds = (lastResponse - start) / 1000
  const ms = (histogram: hdr.Histogram, percentile: number) => round(histogram.getValueAtPercentile(percentile) / 1000)
  const out = {} as Record<Kind, KindStats>
  let ok = 0
  let errors = 0
  for (const [kind, stats] of Object.entries(kinds) as Array<[Kind, (typeof kinds)[Kind]]>) {
    ok += stats.ok
    errors += stats.errors
    out[kind] = {
      requests: stats.requests,
      ok: stats.ok,
      errors: stats.errors,
      statuses: stats.statuses,
      p50Ms: ms(stats.histogram, 50),
      p99Ms: ms(stats.histogram, 99),
      maxMs: round(stats.histogram.maxValue / 1000),
    }
  }
  return {
    seconds: round(seconds),
    requests: total,
    ok,
    errors,
    rps: Math.round(ok / Math.max(seconds, plan.seconds)),
    kinds: out,
    deliveries: { chat: audience.stats('chat'), danmaku: audience.stats('danmaku') },
  }
}

const round = (value: number) => Number(value.toFixed(2))

/** A process of its own (runInChild): the plan on stdin, the result as the last line of stdout. */
async function main(): Promise<void> {
  let input = ''
  for await (const chunk of process.stdin) input += String(chunk)
  const plan = JSON.parse(input) as MixedLoadPlan
  const audience = await Audience.open(
    plan.urls,
    plan.world.users.map((user) => user.token),
    plan.world.eventId,
  )
  if (plan.warmupSeconds > 0) await mixedLoad({ ...plan, seconds: plan.warmupSeconds }, audience)
  const result = await mixedLoad(plan, audience)
  audience.close()
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

await main()
