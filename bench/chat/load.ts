/**
 * The chat bench's load generator, a process of its own so that it does not share the server's event loop.
 * Reads a ChatLoadPlan (JSON) on stdin. Opens one socket per user and waits for `ready` on each, tells the bench
 * (IPC) and waits for its go; sends a warm-up, then messages at a fixed, evenly paced open-loop rate over
 * keep-alive HTTP; waits a bounded time for the frames to arrive; prints a ChatLoadResult (JSON) on stdout.
 */
import { setMaxListeners } from 'node:events'
import http from 'node:http'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import type WebSocket from 'ws'
import type { BenchConversation } from './dataset.js'
import { benchText, newHistogram, nowMs, Receiver, summarise, type LatencySummary } from './receiver.js'

export interface ChatLoadPlan {
  url: string
  /** Socket i is user i's. */
  tokens: string[]
  conversations: BenchConversation[]
  rate: number
  seconds: number
  /** Share of messages sent to group conversations; the rest go to direct ones. */
  groupShare: number
  warmupSeconds: number
  /** How long to wait, after the last answer, for frames still on their way. */
  drainSeconds: number
  connectConcurrency: number
  httpConnections: number
}

export interface ChatLoadResult {
  sockets: { connected: number; failed: number; seconds: number }
  sent: number
  ok: number
  /** Answers other than 201, by status ("error": no answer; "abandoned": none within the grace period). */
  httpErrors: Record<string, number>
  achievedRate: number
  /** Deliveries owed for the messages that were answered 201: every member's socket, the sender's included. */
  expected: number
  received: number
  lost: number
  duplicates: number
  outOfOrder: number
  /** Frames for messages whose send failed (stored and pushed, but not acknowledged). */
  unacknowledgedReceived: number
  delivery: LatencySummary
  deliveryGroup: LatencySummary
  deliveryDirect: LatencySummary
  /** Scheduled send time to the HTTP answer. */
  http: LatencySummary
  drainedMs: number
  /** The load generator's own event-loop delay p99 and CPU share while sending: is it keeping up? */
  generator: { loopDelayP99Ms: number; cpuShare: number }
}

type Phase = 'go'
const REQUEST_TIMEOUT_MS = 30_000
/** A server that falls behind keeps the run going at most this long after the last scheduled send. */
const ANSWER_GRACE_MS = 30_000

async function main(): Promise<void> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  const plan = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatLoadPlan
  const total = Math.round(plan.rate * plan.seconds)
  const groups = new Set(plan.conversations.filter((c) => c.group).map((c) => c.id))
  const receiver = new Receiver(plan.tokens.length, total, (id) => groups.has(id))

  const started = performance.now()
  const sockets: WebSocket[] = []
  let failed = 0
  let next = 0
  await Promise.all(
    Array.from({ length: plan.connectConcurrency }, async () => {
      while (next < plan.tokens.length) {
        const i = next++
        try {
          sockets.push(await receiver.connect(plan.url, i, plan.tokens[i]!, 30_000))
        } catch {
          failed++
        }
      }
    }),
  )
  const connect = { connected: sockets.length, failed, seconds: (performance.now() - started) / 1000 }
  process.send!({ phase: 'connected', ...connect })
  await nextMessage()

  const agent = new http.Agent({ keepAlive: true, maxSockets: plan.httpConnections })
  const sender = new Sender(plan, agent)
  await sender.run('warm', Math.max(1, Math.round((plan.rate / 4) * plan.warmupSeconds)), plan.rate / 4)
  await sleep(1_000)

  const loopDelay = monitorEventLoopDelay({ resolution: 10 })
  loopDelay.enable()
  const cpu = process.cpuUsage()
  process.send!({ phase: 'sending' })
  const sendStart = performance.now()
  await sender.run('bench', total, plan.rate)
  const sendSeconds = (performance.now() - sendStart) / 1000
  const used = process.cpuUsage(cpu)
  loopDelay.disable()
  process.send!({ phase: 'sent' })

  let expected = 0
  for (let n = 0; n < total; n++) if (sender.acknowledged[n]) expected += sender.membersOf[n]!
  const drainStart = performance.now()
  const counted = () => {
    let got = 0
    for (let n = 0; n < total; n++)
      if (sender.acknowledged[n]) got += Math.min(receiver.received[n]!, sender.membersOf[n]!)
    return got
  }
  while (counted() < expected && performance.now() - drainStart < plan.drainSeconds * 1000) await sleep(50)
  const drainedMs = performance.now() - drainStart
  const received = counted()
  let unacknowledgedReceived = 0
  for (let n = 0; n < total; n++) if (!sender.acknowledged[n]) unacknowledgedReceived += receiver.received[n]!

  for (const socket of sockets) socket.terminate()
  agent.destroy()
  const result: ChatLoadResult = {
    sockets: connect,
    sent: total,
    ok: sender.ok,
    httpErrors: sender.errors,
    achievedRate: Math.round(sender.ok / sendSeconds),
    expected,
    received,
    lost: expected - received,
    duplicates: receiver.duplicates,
    outOfOrder: receiver.outOfOrder,
    unacknowledgedReceived,
    delivery: summarise(receiver.all),
    deliveryGroup: summarise(receiver.group),
    deliveryDirect: summarise(receiver.direct),
    http: summarise(sender.latency),
    drainedMs: Math.round(drainedMs),
    generator: {
      loopDelayP99Ms: Math.round(loopDelay.percentile(99) / 1e4) / 100,
      cpuShare: Math.round(((used.user + used.system) / 1e3 / (sendSeconds * 1000)) * 100) / 100,
    },
  }
  process.stdout.write(`${JSON.stringify(result)}\n`)
  process.disconnect()
}

/**
 * Open loop: message n is due at start + n / rate whatever happened to the ones before it, and its latency counts
 * from then, so a server that stalls shows as latency instead of as a slower sender.
 */
class Sender {
  ok = 0
  readonly errors: Record<string, number> = {}
  readonly latency = newHistogram()
  acknowledged = new Uint8Array(0)
  membersOf = new Uint16Array(0)
  private random = 0x2545f491

  constructor(
    private readonly plan: ChatLoadPlan,
    private readonly agent: http.Agent,
  ) {}

  async run(tag: 'warm' | 'bench', count: number, rate: number): Promise<void> {
    const measured = tag === 'bench'
    if (measured) {
      this.acknowledged = new Uint8Array(count)
      this.membersOf = new Uint16Array(count)
    }
    const directs = this.plan.conversations.filter((c) => !c.group)
    const groups = this.plan.conversations.filter((c) => c.group)
    const start = nowMs()
    const abandon = new AbortController()
    // Every request in flight listens to it: that many listeners is the plan, not a leak.
    setMaxListeners(0, abandon.signal)
    const answers: Array<Promise<void>> = []
    for (let n = 0; n < count; n++) {
      const due = start + (n * 1000) / rate
      const wait = due - nowMs()
      if (wait > 1) await sleep(wait)
      const pool = groups.length > 0 && this.uniform() < this.plan.groupShare ? groups : directs
      const conversation = pool[Math.floor(this.uniform() * pool.length)]!
      const sender = conversation.members[Math.floor(this.uniform() * conversation.members.length)]!
      if (measured) this.membersOf[n] = conversation.members.length
      const text = measured ? benchText(n, due) : `warm ${n}`
      answers.push(
        this.post(conversation.id, this.plan.tokens[sender]!, text, abandon.signal).then((status) => {
          if (!measured) return
          if (status === 201) {
            this.ok++
            this.acknowledged[n] = 1
          } else this.errors[status] = (this.errors[status] ?? 0) + 1
          this.latency.recordValue(Math.max(1, Math.round((nowMs() - due) * 1000)))
        }),
      )
    }
    const grace = new AbortController()
    await Promise.race([
      Promise.all(answers),
      sleep(ANSWER_GRACE_MS, undefined, { signal: grace.signal }).then(
        () => abandon.abort(),
        () => undefined,
      ),
    ])
    grace.abort()
    await Promise.all(answers)
  }

  private post(
    conversationId: string,
    token: string,
    text: string,
    signal: AbortSignal,
  ): Promise<number | 'error' | 'abandoned'> {
    const body = JSON.stringify({ text })
    return new Promise((resolve) => {
      const request = http.request(
        `${this.plan.url}/api/v1/conversations/${conversationId}/messages`,
        {
          method: 'POST',
          agent: this.agent,
          signal,
          timeout: REQUEST_TIMEOUT_MS,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        },
        (response) => {
          response.resume()
          response.on('end', () => resolve(response.statusCode ?? 0))
        },
      )
      request.on('timeout', () => request.destroy(new Error('timeout')))
      request.on('error', () => resolve(signal.aborted ? 'abandoned' : 'error'))
      request.end(body)
    })
  }

  /** xorshift32: the same conversations and senders every run. */
  private uniform(): number {
    let x = this.random
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    this.random = x >>> 0
    return this.random / 4294967296
  }
}

function nextMessage(): Promise<Phase> {
  return new Promise((resolve) => process.once('message', (message) => resolve(message as Phase)))
}

await main()
