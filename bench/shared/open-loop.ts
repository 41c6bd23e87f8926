import { setMaxListeners } from 'node:events'
import { performance } from 'node:perf_hooks'
import * as hdr from 'hdr-histogram-js'
import { Pool } from 'undici'

/**
 * An open-loop, constant-arrival-rate load generator (wrk2's and k6's "constant-arrival-rate" semantics).
 *
 * Request i is due at start + i / rate whatever happened to the ones before it, and its latency is measured from
 * that due time, not from when it was actually sent. A closed loop (autocannon, even with a rate) waits for a
 * response before sending the next request on a connection, so a stalled server sends it fewer requests and the
 * stall disappears from the numbers (coordinated omission); and autocannon's rate sends each second's quota in a
 * burst at the start of the second, so "200/s" was 200 requests queued at once.
 */
export interface OpenLoopPlan {
  url: string
  rate: number
  seconds: number
  /** Sockets in the keep-alive pool; requests beyond them queue in the client, and that wait counts. */
  connections: number
  /** The i-th request to send. */
  request: (i: number) => { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string }
}

export interface LoadStats {
  /** Requests scheduled in the window (rate × seconds). */
  requests: number
  ok: number
  non2xx: number
  errors: number
  timeouts: number
  /** From the first due time to the last response. */
  seconds: number
  /** Achieved rate of 2xx responses over `seconds`: below the target rate, the server fell behind. */
  rps: number
  p50Ms: number
  p90Ms: number
  p99Ms: number
  maxMs: number
  statuses: Record<string, number>
}

/**
 * The run ends this long after the last due time even when the server has not caught up: what is still waiting
 * is abandoned and counted as timed out, with the latency it had reached (a lower bound). A saturated server
 * would otherwise take minutes to drain its queue, and the numbers are already decided.
 */
const GRACE_MS = 10_000

export async function openLoop(plan: OpenLoopPlan): Promise<LoadStats> {
  const pool = new Pool(plan.url, {
    connections: plan.connections,
    pipelining: 1,
  })
  const abandon = new AbortController()
  // Every request in flight listens on the one signal.
  setMaxListeners(0, abandon.signal)
  // Microseconds, 3 significant digits, up to the run's length plus the grace.
  const highest = (plan.seconds * 1000 + GRACE_MS) * 1000 * 2
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: highest })
  const statuses: Record<string, number> = {}
  const counts = { ok: 0, non2xx: 0, errors: 0, timeouts: 0 }
  const total = Math.round(plan.rate * plan.seconds)
  const interval = 1000 / plan.rate
  const start = performance.now() + 10
  let lastResponse = start
  const inFlight = new Set<Promise<void>>()

  const send = (i: number) => {
    const due = start + i * interval
    const { method, path, headers, body } = plan.request(i)
    const done = pool
      .request({ method, path, headers, body, signal: abandon.signal })
      .then(async (response) => {
        await response.body.dump()
        const code = String(response.statusCode)
        statuses[code] = (statuses[code] ?? 0) + 1
        if (response.statusCode >= 200 && response.statusCode < 300) counts.ok++
        else counts.non2xx++
      })
      .catch(() => {
        if (abandon.signal.aborted) counts.timeouts++
        else counts.errors++
      })
      .finally(() => {
        lastResponse = performance.now()
        histogram.recordValue(Math.min(highest, Math.max(1, Math.round((lastResponse - due) * 1000))))
        inFlight.delete(done)
      })
    inFlight.add(done)
  }

  await sendWhenDue(start, interval, total, send)
  const grace = setTimeout(() => abandon.abort(), start + total * interval + GRACE_MS - performance.now())
  await Promise.all(inFlight)
  clearTimeout(grace)
  await pool.destroy()

  const seconds = (lastResponse - start) / 1000
  const ms = (percentile: number) => round(histogram.getValueAtPercentile(percentile) / 1000)
  return {
    requests: total,
    ...counts,
    seconds: round(seconds),
    rps: Math.round(counts.ok / Math.max(seconds, plan.seconds)),
    p50Ms: ms(50),
    p90Ms: ms(90),
    p99Ms: ms(99),
    maxMs: round(histogram.maxValue / 1000),
    statuses,
  }
}

/**
 * Calls `send(i)` for i < total when start + i × interval comes: fires everything that is due, then sleeps until
 * the next due time. Timers are ~1 ms coarse; a request sent late is measured from its due time, so the
 * generator's own lag is counted against the server, never hidden.
 */
export async function sendWhenDue(start: number, interval: number, total: number, send: (i: number) => void) {
  let next = 0
  while (next < total) {
    const now = performance.now()
    while (next < total && start + next * interval <= now) send(next++)
    if (next < total) await sleep(start + next * interval - performance.now())
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
const round = (value: number) => Number(value.toFixed(2))
