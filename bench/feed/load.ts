/**
 * The feed bench's load generator, a process of its own so that it does not share the server's event loop.
 * Reads a FeedLoadPlan (JSON) on stdin; drives GET /api/v1/feed at a fixed overall rate over a spread of viewers
 * while a second autocannon posts likes (4 in 5) and comments (1 in 5) at its own fixed rate; prints a
 * FeedLoadResult (JSON) on stdout.
 */
import autocannon from 'autocannon'

export interface FeedLoadPlan {
  url: string
  readTokens: string[]
  writes: Array<{ token: string; postId: string }>
  readRate: number
  writeRate: number
  readConnections: number
  seconds: number
}

export interface LoadStats {
  requests: number
  ok: number
  non2xx: number
  errors: number
  timeouts: number
  seconds: number
  /** Achieved rate of 2xx responses. */
  rps: number
  p50Ms: number
  p90Ms: number
  p99Ms: number
  maxMs: number
  statuses: Record<string, number>
}

export interface FeedLoadResult {
  reads: LoadStats
  writes: LoadStats | null
}

function stats(result: autocannon.Result): LoadStats {
  const statuses: Record<string, number> = {}
  for (const [code, s] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = s.count ?? 0
  return {
    requests: result.requests.total,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration,
    rps: Math.round(result['2xx'] / result.duration),
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    statuses,
  }
}

async function main(): Promise<void> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  const plan = JSON.parse(Buffer.concat(chunks).toString('utf8')) as FeedLoadPlan
  let reader = 0
  let writer = 0

  const reads = autocannon({
    url: plan.url,
    connections: plan.readConnections,
    overallRate: plan.readRate,
    duration: plan.seconds,
    // Plain per-request latency: autocannon's correction assumes a 1 ms send interval, which is not this plan's.
    ignoreCoordinatedOmission: true,
    requests: [
      {
        method: 'GET',
        path: '/api/v1/feed',
        setupRequest: (request) => ({
          ...request,
          headers: { authorization: `Bearer ${plan.readTokens[reader++ % plan.readTokens.length]}` },
        }),
      },
    ],
  })
  const writes =
    plan.writeRate > 0
      ? autocannon({
          url: plan.url,
          connections: 4,
          overallRate: plan.writeRate,
          duration: plan.seconds,
          ignoreCoordinatedOmission: true,
          requests: [
            {
              method: 'POST',
              setupRequest: (request) => {
                const n = writer++
                const target = plan.writes[n % plan.writes.length]!
                const comment = n % 5 === 4
                return {
                  ...request,
                  path: `/api/v1/posts/${target.postId}/${comment ? 'comments' : 'likes'}`,
                  headers: {
                    authorization: `Bearer ${target.token}`,
                    ...(comment ? { 'content-type': 'application/json' } : {}),
                  },
                  body: comment ? JSON.stringify({ text: `压测评论 ${n}` }) : undefined,
                }
              },
            },
          ],
        })
      : undefined
  const [readResult, writeResult] = await Promise.all([reads, writes])
  const out: FeedLoadResult = { reads: stats(readResult), writes: writeResult ? stats(writeResult) : null }
  process.stdout.write(`${JSON.stringify(out)}\n`)
}

await main()
