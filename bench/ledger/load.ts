/**
 * The HTTP load generator, run as its own process so that it does not share the server's event loop:
 * reads a LoadPlan (JSON) from stdin, drives POST /api/v1/transfers with autocannon, prints a LoadResult (JSON).
 */
import crypto from 'node:crypto'
import autocannon from 'autocannon'
import { pairPicker, smallAmount, type WorkloadName } from './workload.js'

export interface LoadPlan {
  url: string
  users: Array<{ id: string; token: string; walletId: string }>
  workload: WorkloadName
  pin: string
  connections: number
  seconds: number
}

export interface LoadResult {
  ok: number
  non2xx: number
  errors: number
  timeouts: number
  seconds: number
  p50Ms: number
  p99Ms: number
  statuses: Record<string, number>
}

async function main(): Promise<void> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  const plan = JSON.parse(Buffer.concat(chunks).toString('utf8')) as LoadPlan
  const pick = pairPicker(plan.users, plan.workload)
  const prefix = crypto.randomBytes(6).toString('hex')
  let sequence = 0

  const result = await autocannon({
    url: plan.url,
    connections: plan.connections,
    duration: plan.seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/transfers',
        setupRequest: (request) => {
          const [from, to] = pick()
          return {
            ...request,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${from.token}`,
              'idempotency-key': `${prefix}-${sequence++}`,
            },
            body: JSON.stringify({ toUserId: to.id, amount: smallAmount(), pin: plan.pin }),
          }
        },
      },
    ],
  })
  const statuses: Record<string, number> = {}
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = stats.count ?? 0
  const out: LoadResult = {
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    statuses,
  }
  process.stdout.write(`${JSON.stringify(out)}\n`)
}

await main()
