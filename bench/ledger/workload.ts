import type { BenchUser } from './setup.js'

export type WorkloadName = 'uniform' | 'hot'

/** Who pays whom: `uniform` picks any two different users; `hot` has everyone else pay user 0. */
export function pairPicker(users: BenchUser[], workload: WorkloadName): () => [BenchUser, BenchUser] {
  const n = users.length
  if (workload === 'hot') {
    const hot = users[0]!
    return () => [users[1 + Math.floor(Math.random() * (n - 1))]!, hot]
  }
  return () => {
    const from = Math.floor(Math.random() * n)
    const to = (from + 1 + Math.floor(Math.random() * (n - 1))) % n
    return [users[from]!, users[to]!]
  }
}

/** 1–9 fen: small enough that no sender runs dry in any run. */
export function smallAmount(): number {
  return 1 + Math.floor(Math.random() * 9)
}

export interface LoopResult {
  done: number
  failed: number
  seconds: number
  latenciesMs: number[]
  cpuSeconds: number
}

/**
 * A closed loop: `concurrency` clients, each sending its next request as soon as the last one is answered,
 * until `seconds` have passed or `count` requests were sent.
 */
export async function closedLoop(
  options: { concurrency: number; seconds: number; count: number },
  request: (sequence: number) => Promise<boolean>,
): Promise<LoopResult> {
  const latenciesMs: number[] = []
  let sent = 0
  let failed = 0
  const cpu = process.cpuUsage()
  const start = performance.now()
  const deadline = start + options.seconds * 1000
  const client = async () => {
    while (sent < options.count && performance.now() < deadline) {
      const sequence = sent++
      const t0 = performance.now()
      const ok = await request(sequence)
      latenciesMs.push(performance.now() - t0)
      if (!ok) failed++
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, client))
  const seconds = (performance.now() - start) / 1000
  const used = process.cpuUsage(cpu)
  return { done: sent, failed, seconds, latenciesMs, cpuSeconds: (used.user + used.system) / 1e6 }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}
