/**
 * The feed bench's load generator, a process of its own so that it does not share the server's event loop.
 * Reads a FeedLoadPlan (JSON) on stdin; sends GET /api/v1/feed at a constant arrival rate over a spread of viewers
 * while, at their own constant rate, likes (4 in 5) and comments (1 in 5) are posted; prints a FeedLoadResult
 * (JSON) on stdout. Both streams are open-loop: see bench/shared/open-loop.ts.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { openLoop, type LoadStats } from '../shared/open-loop.js'

export type { LoadStats }

export interface FeedLoadPlan {
  url: string
  readTokens: string[]
  writes: Array<{ token: string; postId: string }>
  readRate: number
  writeRate: number
  readConnections: number
  seconds: number
}

export interface FeedLoadResult {
  reads: LoadStats
  writes: LoadStats | null
  /** The generator's own event loop: a late timer sends late, and that lateness is counted as latency. */
  generatorLoop: { delayP99Ms: number; delayMaxMs: number }
}

async function main(): Promise<void> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  const plan = JSON.parse(Buffer.concat(chunks).toString('utf8')) as FeedLoadPlan

  const loopDelay = monitorEventLoopDelay({ resolution: 10 })
  loopDelay.enable()
  const reads = openLoop({
    url: plan.url,
    rate: plan.readRate,
    seconds: plan.seconds,
    connections: plan.readConnections,
    request: (i) => ({
      method: 'GET',
      path: '/api/v1/feed',
      headers: { authorization: `Bearer ${plan.readTokens[i % plan.readTokens.length]}` },
    }),
  })
  const writes =
    plan.writeRate > 0
      ? openLoop({
          url: plan.url,
          rate: plan.writeRate,
          seconds: plan.seconds,
          connections: 8,
          request: (i) => {
            const target = plan.writes[i % plan.writes.length]!
            const comment = i % 5 === 4
            return {
              method: 'POST',
              path: `/api/v1/posts/${target.postId}/${comment ? 'comments' : 'likes'}`,
              headers: {
                authorization: `Bearer ${target.token}`,
                ...(comment ? { 'content-type': 'application/json' } : {}),
              },
              ...(comment ? { body: JSON.stringify({ text: `压测评论 ${i}` }) } : {}),
            }
          },
        })
      : undefined
  const [readResult, writeResult] = await Promise.all([reads, writes])
  loopDelay.disable()
  const out: FeedLoadResult = {
    reads: readResult,
    writes: writeResult ?? null,
    generatorLoop: {
      delayP99Ms: Math.round(loopDelay.percentile(99) / 1e5) / 10,
      delayMaxMs: Math.round(loopDelay.max / 1e5) / 10,
    },
  }
  process.stdout.write(`${JSON.stringify(out)}\n`)
}

await main()
