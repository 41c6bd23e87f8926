/**
 * The red packet bench's load generator, a process of its own so that it does not share the server's event loop.
 * Reads a ClaimLoadPlan (JSON) on stdin, prints a ClaimLoadResult (JSON) on stdout.
 *
 * `burst`: one keep-alive connection per claimer, every one opened (and used once, for GET /health) before the
 * start; then, at one instant, every claimer's POST /red-packets/:id/claim is written. Each claim's latency is
 * measured from that instant (the moment all of them pressed the button), not from when its bytes left, so the
 * generator's own time to write 5,000 requests is charged to the server, never hidden.
 *
 * `late`: a closed loop of `connections` keep-alive connections, each sending its next claim as soon as the last
 * one is answered, `total` claims in all: the most refused claims per second the server answers. Latency is from
 * sending.
 */
import crypto from 'node:crypto'
import { performance } from 'node:perf_hooks'
import * as hdr from 'hdr-histogram-js'
import { Client, Pool, type Dispatcher } from 'undici'

export interface ClaimLoadPlan {
  mode: 'burst' | 'late'
  url: string
  /** POST path of the claim. */
  path: string
  /** One bearer token per claimer; `burst` sends one claim each, `late` cycles through them. */
  tokens: string[]
  /** late: claims in all, and connections. */
  total?: number
  connections?: number
}

export interface LatencyStats {
  requests: number
  p50Ms: number
  p90Ms: number
  p99Ms: number
  maxMs: number
  /** Response status → count, and refusal code → count. */
  statuses: Record<string, number>
  codes: Record<string, number>
  errors: number
}

export interface ClaimLoadResult {
  latency: LatencyStats
  /** From the start to the last response, ms. */
  elapsedMs: number
  /** burst: time the generator took to write every claim, ms after the start. */
  dispatchMs?: number
  /** burst: ms after the start at which each 200 (a share) was received, ascending, and the amounts. */
  shareTimesMs?: number[]
  shareAmounts?: number[]
  /** late: answered claims per second. */
  perSecond?: number
}

const OPEN_AT_ONCE = 200
const LONG_MS = 300_000
const CLIENT_OPTIONS = {
  pipelining: 1,
  keepAliveTimeout: LONG_MS,
  keepAliveMaxTimeout: LONG_MS,
  headersTimeout: LONG_MS,
  bodyTimeout: LONG_MS,
  connectTimeout: 60_000,
}

class Recorder {
  private readonly histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: LONG_MS * 1000 })
  readonly statuses: Record<string, number> = {}
  readonly codes: Record<string, number> = {}
  errors = 0

  async send(dispatcher: Dispatcher, plan: ClaimLoadPlan, token: string, since: number) {
    try {
      const response = await dispatcher.request({
        method: 'POST',
        path: plan.path,
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': crypto.randomUUID() },
      })
      const body = (await response.body.json()) as { amount?: number; error?: { code?: string } }
      const at = performance.now()
      this.histogram.recordValue(Math.max(1, Math.round((at - since) * 1000)))
      const status = String(response.statusCode)
      this.statuses[status] = (this.statuses[status] ?? 0) + 1
      const code = body.error?.code
      if (code) this.codes[code] = (this.codes[code] ?? 0) + 1
      return { status: response.statusCode, at, amount: body.amount }
    } catch {
      this.errors++
      return undefined
    }
  }

  stats(requests: number): LatencyStats {
    const ms = (p: number) => Number((this.histogram.getValueAtPercentile(p) / 1000).toFixed(2))
    return {
      requests,
      p50Ms: ms(50),
      p90Ms: ms(90),
      p99Ms: ms(99),
      maxMs: Number((this.histogram.maxValue / 1000).toFixed(2)),
      statuses: this.statuses,
      codes: this.codes,
      errors: this.errors,
    }
  }
}

/** Opens every connection before the measurement, a few hundred at a time so the listen backlog never overflows. */
async function warm(dispatchers: Dispatcher[], perDispatcher = 1): Promise<void> {
  const pending = dispatchers.flatMap((d) => Array.from({ length: perDispatcher }, () => d))
  for (let start = 0; start < pending.length; start += OPEN_AT_ONCE) {
    await Promise.all(
      pending.slice(start, start + OPEN_AT_ONCE).map(async (d) => {
        const response = await d.request({ method: 'GET', path: '/api/v1/health' })
        await response.body.dump()
      }),
    )
  }
}

async function burst(plan: ClaimLoadPlan): Promise<ClaimLoadResult> {
  const clients = plan.tokens.map(() => new Client(plan.url, CLIENT_OPTIONS))
  await warm(clients)
  const recorder = new Recorder()
  const start = performance.now()
  const sent = clients.map((client, i) => recorder.send(client, plan, plan.tokens[i]!, start))
  const dispatchMs = performance.now() - start
  const answers = await Promise.all(sent)
  const end = performance.now()
  await Promise.all(clients.map((c) => c.close()))
  const shares = answers.filter((a) => a?.status === 200).sort((a, b) => a!.at - b!.at)
  return {
    latency: recorder.stats(plan.tokens.length),
    elapsedMs: end - start,
    dispatchMs,
    shareTimesMs: shares.map((a) => Number((a!.at - start).toFixed(2))),
    shareAmounts: shares.map((a) => a!.amount ?? 0),
  }
}

async function late(plan: ClaimLoadPlan): Promise<ClaimLoadResult> {
  const connections = plan.connections ?? 64
  const total = plan.total ?? plan.tokens.length
  const pool = new Pool(plan.url, { ...CLIENT_OPTIONS, connections })
  await Promise.all(Array.from({ length: connections }, () => warm([pool])))
  const recorder = new Recorder()
  let next = 0
  const start = performance.now()
  const worker = async () => {
    while (next < total) {
      const i = next++
      await recorder.send(pool, plan, plan.tokens[i % plan.tokens.length]!, performance.now())
    }
  }
  await Promise.all(Array.from({ length: connections }, worker))
  const elapsedMs = performance.now() - start
  await pool.close()
  return { latency: recorder.stats(total), elapsedMs, perSecond: Math.round((total / elapsedMs) * 1000) }
}

async function main(): Promise<void> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  const plan = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ClaimLoadPlan
  const result = plan.mode === 'burst' ? await burst(plan) : await late(plan)
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

await main()
