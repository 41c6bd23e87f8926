/**
 * The danmaku bench's load generator, a process of its own so that it does not share the server's event loop.
 * Reads a DanmakuLoadPlan (JSON) on stdin. Opens one socket per viewer, waits for `ready`, joins the room and waits
 * for `live.joined` on each; tells the bench (IPC) and waits for its go; sends a warm-up, then danmaku at a fixed,
 * evenly paced open-loop rate over keep-alive HTTP; waits a bounded time for the frames; prints the result on stdout.
 */
import http from 'node:http'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import WebSocket from 'ws'
import { newHistogram, nowMs, summarise, type LatencySummary } from '../chat/receiver.js'
import { DeliveryLog } from './deliveries.js'

export interface DanmakuLoadPlan {
  url: string
  eventId: string
  /** One socket each. */
  viewerTokens: string[]
  /** Danmaku n is sent by sender n mod senders: enough of them that none passes the per-person rate. */
  senderTokens: string[]
  rate: number
  seconds: number
  warmupSeconds: number
  drainSeconds: number
  connectConcurrency: number
  httpConnections: number
}

export interface DanmakuLoadResult {
  sockets: { joined: number; failed: number; seconds: number; closedDuringRun: number }
  sent: number
  ok: number
  /** Answers other than 201, by status ("error": no answer). */
  httpErrors: Record<string, number>
  /** Deliveries owed: every answered danmaku to every joined socket. */
  expected: number
  received: number
  missing: number
  duplicates: number
  /** The most any one socket was told had been dropped (the batches' `dropped`); every socket hears the same. */
  dropped: number
  /** Receive time minus scheduled send time, every delivery on every socket. */
  delivery: LatencySummary
  /**
   * The danmaku's `createdAt` (the server's clock, just before it is stored) to receive time: the fan-out and the
   * danmaku's own insert, without the time its request queued before the server took it up. Millisecond stamps.
   */
  fromStored: LatencySummary
  /** Scheduled send time to the HTTP answer. */
  http: LatencySummary
  drainedMs: number
  /** The load generator's own event-loop delay p99 and CPU share while sending: is it keeping up? */
  generator: { loopDelayP99Ms: number; cpuShare: number }
}

const REQUEST_TIMEOUT_MS = 30_000

async function main(): Promise<void> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  const plan = JSON.parse(Buffer.concat(chunks).toString('utf8')) as DanmakuLoadPlan
  const total = Math.round(plan.rate * plan.seconds)
  const deliveries = new DeliveryLog(plan.viewerTokens.length, total)

  const started = performance.now()
  const sockets: WebSocket[] = []
  let failed = 0
  let closedDuringRun = 0
  let measuring = false
  let next = 0
  await Promise.all(
    Array.from({ length: plan.connectConcurrency }, async () => {
      while (next < plan.viewerTokens.length) {
        const i = next++
        try {
          const socket = await join(plan, i, plan.viewerTokens[i]!, deliveries)
          socket.once('close', () => measuring && closedDuringRun++)
          sockets.push(socket)
        } catch {
          failed++
        }
      }
    }),
  )
  const joined = { joined: sockets.length, failed, seconds: (performance.now() - started) / 1000 }
  process.send!({ phase: 'joined', ...joined })
  await new Promise((resolve) => process.once('message', resolve))

  const agent = new http.Agent({ keepAlive: true, maxSockets: plan.httpConnections })
  const sender = new Sender(plan, agent)
  await sender.run('warm', Math.max(1, Math.round((plan.rate / 4) * plan.warmupSeconds)), plan.rate / 4)
  await sleep(1_000)

  measuring = true
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

  const expected = sender.ok * sockets.length
  const drainStart = performance.now()
  const received = () => deliveries.receivedOf(sender.acknowledged, sockets.length)
  while (received() < expected && performance.now() - drainStart < plan.drainSeconds * 1000) await sleep(50)
  const drainedMs = performance.now() - drainStart
  const got = received()
  measuring = false

  for (const socket of sockets) socket.terminate()
  agent.destroy()
  const result: DanmakuLoadResult = {
    sockets: { ...joined, closedDuringRun },
    sent: total,
    ok: sender.ok,
    httpErrors: sender.errors,
    expected,
    received: got,
    missing: expected - got,
    duplicates: deliveries.duplicates,
    dropped: deliveries.droppedMax,
    delivery: summarise(deliveries.latency),
    fromStored: summarise(deliveries.fromStored),
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

/** Opens viewer `index`'s socket and joins the room; from `live.joined` on, every batch it gets is logged. */
function join(plan: DanmakuLoadPlan, index: number, token: string, deliveries: DeliveryLog): Promise<WebSocket> {
  const url = `${plan.url.replace(/^http/, 'ws')}/api/v1/ws?token=${encodeURIComponent(token)}`
  // The frames are the server's own: checking their UTF-8 would only cost the generator CPU.
  const socket = new WebSocket(url, { skipUTF8Validation: true, perMessageDeflate: false })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('join timed out')), 30_000)
    const fail = (error: Error) => {
      clearTimeout(timer)
      socket.terminate()
      reject(error)
    }
    socket.once('error', fail)
    socket.once('unexpected-response', (_request, response) => fail(new Error(`HTTP ${response.statusCode}`)))
    socket.on('message', (data: Buffer) => {
      if (deliveries.record(index, data)) return
      const type = (JSON.parse(data.toString('utf8')) as { type: string }).type
      if (type === 'ready') socket.send(JSON.stringify({ type: 'live.join', eventId: plan.eventId }))
      else if (type === 'live.joined') {
        clearTimeout(timer)
        resolve(socket)
      } else if (type === 'error') fail(new Error(data.toString('utf8')))
    })
  })
}

/**
 * Open loop: danmaku n is due at start + n / rate whatever happened to the ones before it, and its latency counts
 * from then, so a server that stalls shows as latency instead of as a slower sender.
 */
class Sender {
  ok = 0
  readonly errors: Record<string, number> = {}
  readonly latency = newHistogram()
  acknowledged = new Uint8Array(0)
  private turn = 0

  constructor(
    private readonly plan: DanmakuLoadPlan,
    private readonly agent: http.Agent,
  ) {}

  async run(tag: 'warm' | 'bench', count: number, rate: number): Promise<void> {
    const measured = tag === 'bench'
    if (measured) this.acknowledged = new Uint8Array(count)
    const start = nowMs()
    const answers: Array<Promise<void>> = []
    for (let n = 0; n < count; n++) {
      const due = start + (n * 1000) / rate
      const wait = due - nowMs()
      if (wait > 1) await sleep(wait)
      const token = this.plan.senderTokens[this.turn++ % this.plan.senderTokens.length]!
      const text = measured ? `bench ${n} ${due.toFixed(3)}` : `warm ${n}`
      answers.push(
        this.post(token, text).then((status) => {
          if (!measured) return
          if (status === 201) {
            this.ok++
            this.acknowledged[n] = 1
          } else this.errors[status] = (this.errors[status] ?? 0) + 1
          this.latency.recordValue(Math.max(1, Math.round((nowMs() - due) * 1000)))
        }),
      )
    }
    await Promise.all(answers)
  }

  private post(token: string, text: string): Promise<number | 'error'> {
    return new Promise((resolve) => {
      const request = http.request(
        `${this.plan.url}/api/v1/live/events/${this.plan.eventId}/danmaku`,
        {
          method: 'POST',
          agent: this.agent,
          timeout: REQUEST_TIMEOUT_MS,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        },
        (response) => {
          response.resume()
          response.on('end', () => resolve(response.statusCode ?? 0))
        },
      )
      request.on('timeout', () => request.destroy(new Error('timeout')))
      request.on('error', () => resolve('error'))
      request.end(JSON.stringify({ text }))
    })
  }
}

await main()
