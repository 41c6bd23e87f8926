import os from 'node:os'
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { runInChild } from '../shared/child-load.js'
import { FeedDataset } from './dataset.js'
import type { TableName, Rows } from './bulk.js'
import type { FeedLoadPlan, FeedLoadResult } from './load.js'
import { explainSkeleton, profileFeed } from './profile.js'
import { printJson, round, summaryTable, type FeedMeasurement } from './report.js'
import { createFeedTarget, engineVersion, type FeedTarget } from './setup.js'

export interface FeedBenchOptions {
  /** Unset: SQLite only. */
  postgresUrl: string | undefined
  sqlite: boolean
  users: number
  friends: number
  /** Post counts to measure at, ascending; posts are added between measurements, users and friends stay. */
  postSteps: number[]
  /** Target rates of GET /api/v1/feed, requests per second. */
  rates: number[]
  /** Likes and comments per second during every read run. */
  writeRate: number
  seconds: number
  /** Distinct viewers the reads cycle through. */
  viewers: number
}

const LOAD_SCRIPT = fileURLToPath(new URL('./load.ts', import.meta.url))
const POSTS_PER_TRANSACTION = 25_000
const log = (text: string) => process.stderr.write(`${text}\n`)

/** `npm run bench -- feed`: GET /api/v1/feed latency at fixed rates under concurrent likes and comments, as posts grow. */
export async function runFeedBench(options: FeedBenchOptions): Promise<number> {
  const results: FeedMeasurement[] = []
  const versions: string[] = []
  const engines: Array<string | undefined> = []
  if (options.sqlite) engines.push(undefined)
  if (options.postgresUrl) engines.push(options.postgresUrl)
  for (const postgresUrl of engines) {
    const target = await createFeedTarget(postgresUrl)
    try {
      versions.push(await engineVersion(target.app))
      results.push(...(await benchEngine(target, options)))
    } finally {
      await target.close()
    }
  }
  const machine = {
    bench: 'feed',
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memoryGiB: round(os.totalmem() / 2 ** 30, 1),
      loadavg: os.loadavg().map((l) => round(l, 2)),
      node: process.version,
      engines: versions,
    },
  }
  printJson(machine)
  log(`\n${summaryTable(results)}`)
  log(`\nmachine: ${JSON.stringify(machine.machine)}`)
  return 0
}

async function benchEngine(target: FeedTarget, options: FeedBenchOptions): Promise<FeedMeasurement[]> {
  const { app, dialect } = target
  const out: FeedMeasurement[] = []
  const now = Date.now()
  const finalPosts = options.postSteps.at(-1)!
  const data = new FeedDataset(options.users, options.friends, finalPosts, now - 10 * 60_000)

  let started = performance.now()
  const social = data.social(target.passwordHash, now)
  await target.loader.load([
    ['users', social.users],
    ['sessions', social.sessions],
  ])
  await target.loader.load([
    ['friendships', social.friendships],
    ['blocks', social.blocks],
  ])
  log(
    `${dialect}: ${options.users} users, ${social.friendships.length} friendship rows, ${social.blocks.length} blocks in ${seconds(started)} s`,
  )
  const stride = Math.max(1, Math.floor(options.users / options.viewers))
  const viewers = Array.from({ length: Math.min(options.viewers, options.users) }, (_, i) => i * stride)
  const url = await app.listen({ port: 0, host: '127.0.0.1' })

  for (const step of options.postSteps) {
    started = performance.now()
    const counts = { posts: 0, audience: 0, likes: 0, comments: 0 }
    for (const batch of data.posts(step - data.postsGenerated, POSTS_PER_TRANSACTION)) {
      const tables: Array<[TableName, Rows]> = [
        ['posts', batch.posts],
        ['post_audience', batch.audience],
        ['post_likes', batch.likes],
        ['post_comments', batch.comments],
      ]
      await target.loader.load(tables)
      counts.posts += batch.posts.length
      counts.audience += batch.audience.length
      counts.likes += batch.likes.length
      counts.comments += batch.comments.length
    }
    await target.loader.settle()
    log(`${dialect}: +${JSON.stringify(counts)} → ${data.postsGenerated} posts in ${seconds(started)} s`)

    const viewerIds = viewers.map((i) => data.userIds[i]!)
    const plan = await explainSkeleton(app, viewerIds[1]!)
    printJson({ bench: 'feed', db: dialect, posts: step, skeleton_plan: plan })
    log(`${dialect} ${step} posts, skeleton plan for one viewer:\n${indent(plan)}`)
    const profile = await profileFeed(app, viewerIds.slice(0, 200))
    printJson({ bench: 'feed', db: dialect, posts: step, profile })
    log(`${dialect} ${step} posts, in-process, one page at a time (ms):`)
    for (const p of profile) log(`  ${p.step.padEnd(22)} mean ${p.mean_ms.toFixed(3)}  p99 ${p.p99_ms.toFixed(3)}`)

    const writes = data.writeTargets(2_000)
    const readTokens = viewers.map((i) => data.tokens[i]!)
    // Warm-up, not measured: statement caches, the JIT, the page cache.
    await runLoad({ url, readTokens, writes, readRate: 200, writeRate: 0, readConnections: 8, seconds: 2 })
    for (const rate of options.rates) {
      log(`${dialect} ${step} posts: GET /api/v1/feed at ${rate}/s with ${options.writeRate} writes/s…`)
      const loop = watchEventLoop()
      const cpu = process.cpuUsage()
      const result = await runLoad({
        url,
        readTokens,
        writes,
        readRate: rate,
        writeRate: options.writeRate,
        // Sockets for ~50 ms of arrivals: enough that the pool is never what makes a request wait while the
        // server keeps up; when it does not, the client-side queue's wait is counted, as it should be.
        readConnections: Math.max(8, Math.ceil(rate / 20)),
        seconds: options.seconds,
      })
      const used = process.cpuUsage(cpu)
      const serverLoop = loop.stop()
      const measurement: FeedMeasurement = {
        bench: 'feed',
        db: dialect,
        posts: step,
        rate,
        reads: result.reads,
        writes: result.writes,
        server_cpu_ms_per_request: round(
          (used.user + used.system) / 1e3 / Math.max(1, result.reads.requests + (result.writes?.requests ?? 0)),
          3,
        ),
        server_loop: serverLoop,
        generator_loop: result.generatorLoop,
      }
      printJson(measurement)
      out.push(measurement)
      if (result.reads.non2xx > 0 || (result.writes?.non2xx ?? 0) > 0) {
        log(
          `  statuses: reads ${JSON.stringify(result.reads.statuses)} writes ${JSON.stringify(result.writes?.statuses)}`,
        )
      }
    }
  }
  return out
}

/** The event loop's delay and the GC pauses while a run lasts: whether a slow tail is the loop stalling. */
function watchEventLoop(): { stop: () => FeedMeasurement['server_loop'] } {
  const delay = monitorEventLoopDelay({ resolution: 10 })
  let gcMs = 0
  let gcMaxMs = 0
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcMs += entry.duration
      gcMaxMs = Math.max(gcMaxMs, entry.duration)
    }
  })
  delay.enable()
  gc.observe({ entryTypes: ['gc'] })
  return {
    stop: () => {
      delay.disable()
      gc.disconnect()
      return {
        delay_p99_ms: round(delay.percentile(99) / 1e6, 1),
        delay_max_ms: round(delay.max / 1e6, 1),
        gc_ms: round(gcMs, 1),
        gc_max_pause_ms: round(gcMaxMs, 1),
      }
    },
  }
}

function runLoad(plan: FeedLoadPlan): Promise<FeedLoadResult> {
  return runInChild<FeedLoadPlan, FeedLoadResult>(LOAD_SCRIPT, plan)
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1)
const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n')
