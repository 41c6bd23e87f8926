import { performance } from 'node:perf_hooks'
import type { FastifyInstance } from 'fastify'
import { Kysely, PostgresDialect, SqliteDialect, type CompiledQuery } from 'kysely'
import type { Db } from '../../src/server/db/database.js'
import { audienceOf, commentsOf, feedSkeleton, findPosts, likesOf, mediaIdsOf } from '../../src/server/feed/store.js'

export interface StepTiming {
  step: string
  mean_ms: number
  p99_ms: number
}

/**
 * Where a feed page's time goes, in process and one request at a time: the skeleton query and each hydration
 * query of `presentPosts`, timed separately over a spread of viewers, plus the whole service call.
 */
export async function profileFeed(app: FastifyInstance, viewerIds: string[], limit = 20): Promise<StepTiming[]> {
  const { ctx } = app
  const db = ctx.database.db
  const samples = new Map<string, number[]>()
  const time = async <T>(step: string, run: () => Promise<T>): Promise<T> => {
    const start = performance.now()
    const result = await run()
    samples.set(step, [...(samples.get(step) ?? []), performance.now() - start])
    return result
  }
  for (const [round, viewerId] of viewerIds.entries()) {
    const actor = { id: viewerId, locale: 'zh-Hans' as const }
    const skeleton = await time('skeleton', () => feedSkeleton(db, viewerId, limit + 1, undefined))
    const ids = skeleton.slice(0, limit).map((s) => s.id)
    const posts = await time('posts', () => findPosts(db, ids))
    const mine = posts.filter((p) => p.author_id === viewerId).map((p) => p.id)
    const mediaIds = await time('media ids', () => mediaIdsOf(db, ids))
    const likes = await time('likes', () => likesOf(db, ids))
    const comments = await time('comments', () => commentsOf(db, ids))
    await time('audience (own posts)', () => audienceOf(db, mine))
    const tips = await time('tips (own posts)', () => ctx.ledger.transfersByRef('post', mine, 'tip'))
    await time('viewer friend ids', () => ctx.social.friendIds(viewerId))
    await time('media views', () => ctx.media.views([...mediaIds.values()].flat()))
    await time('profiles', () =>
      ctx.accounts.profiles([
        ...posts.map((p) => p.author_id),
        ...likes.map((l) => l.user_id),
        ...comments.flatMap((c) => [c.author_id, ...(c.reply_to_user_id ? [c.reply_to_user_id] : [])]),
        ...tips.flatMap((t) => (t.payerId ? [t.payerId] : [])),
      ]),
    )
    await time('whole page (service)', () => ctx.feed.feed(actor, { limit }))
    if (round === 0) samples.clear() // the first round warms caches and the JIT
  }
  return [...samples.entries()].map(([step, values]) => {
    const sorted = values.sort((a, b) => a - b)
    return {
      step,
      mean_ms: round(sorted.reduce((s, v) => s + v, 0) / sorted.length),
      p99_ms: round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!),
    }
  })
}

/** The skeleton's plan for one viewer: EXPLAIN QUERY PLAN on SQLite, EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL. */
export async function explainSkeleton(app: FastifyInstance, viewerId: string, limit = 21): Promise<string> {
  const { database } = app.ctx
  let captured: CompiledQuery | undefined
  const log = (event: { query: CompiledQuery }) => {
    captured = event.query
  }
  // A second Kysely on the same driver handle, only to capture the statement; never destroyed (that would close it).
  const spy: Db = database.sqlite
    ? new Kysely({ dialect: new SqliteDialect({ database: database.sqlite }), log })
    : new Kysely({ dialect: new PostgresDialect({ pool: database.pool! }), log })
  await feedSkeleton(spy, viewerId, limit, undefined)
  if (!captured) throw new Error('no statement captured')
  const parameters = captured.parameters as unknown[]
  if (database.sqlite) {
    const rows = database.sqlite.prepare(`explain query plan ${captured.sql}`).all(...parameters) as Array<{
      id: number
      parent: number
      detail: string
    }>
    const depth = new Map<number, number>([[0, 0]])
    return rows
      .map((r) => {
        const d = (depth.get(r.parent) ?? 0) + 1
        depth.set(r.id, d)
        return `${'  '.repeat(d - 1)}${r.detail}`
      })
      .join('\n')
  }
  const { rows } = await database.pool!.query<{ 'QUERY PLAN': string }>(
    `explain (analyze, buffers) ${captured.sql}`,
    parameters,
  )
  return rows.map((r) => r['QUERY PLAN']).join('\n')
}

const round = (value: number) => Number(value.toFixed(3))
