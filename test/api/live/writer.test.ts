import type { KyselyPlugin } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DanmakuRow } from '../../../src/server/live/store.js'
import { DanmakuWriter } from '../../../src/server/live/writer.js'
import { call, createTestApp, registerUser, type TestApp } from '../../helpers/app.js'

describe('storing danmaku', () => {
  let testApp: TestApp
  let eventId: string
  let userId: string
  beforeAll(async () => {
    testApp = await createTestApp()
    const host = await registerUser(testApp.app, '主播')
    userId = host.id
    const created = await call(testApp.app, 'POST', '/api/v1/live/events', {
      token: host.token,
      body: { title: '决赛', startsAt: new Date().toISOString() },
    })
    eventId = created.body.id as string
  })
  afterAll(() => testApp.close())

  const row = (id: string, text: string): DanmakuRow => ({
    id,
    event_id: eventId,
    user_id: userId,
    text,
    video_time: 1,
    mode: 'scroll',
    font_size: 25,
    color: 0xffffff,
    pool: 0,
    sender_hash: null,
    dmid: id,
    weight: null,
    kind: 'danmaku',
    amount: null,
    recalled_at: null,
    created_at: Date.now(),
  })

  /** The writer's database, counting the statements it sends. */
  function counted() {
    const seen: string[] = []
    const plugin: KyselyPlugin = {
      transformQuery: ({ node }) => {
        seen.push(node.kind)
        return node
      },
      transformResult: async ({ result }) => result,
    }
    return { db: testApp.app.ctx.database.db.withPlugin(plugin), seen }
  }

  it('commits danmaku that arrive together in one insert, and each is answered', async () => {
    const { db, seen } = counted()
    const writer = new DanmakuWriter(db)
    await Promise.all(Array.from({ length: 50 }, (_, i) => writer.insert(row(`together-${i}`, `弹幕 ${i}`))))
    expect(seen).toEqual(['InsertQueryNode'])
    const stored = await db.selectFrom('danmaku').select('id').where('id', 'like', 'together-%').execute()
    expect(stored).toHaveLength(50)
  })

  it('refuses a bad danmaku alone: the others in its batch are stored', async () => {
    const { db } = counted()
    const writer = new DanmakuWriter(db)
    const results = await Promise.allSettled([
      writer.insert(row('alone-1', '第一条')),
      writer.insert(row('together-0', '重复的 id')),
      writer.insert(row('alone-2', '第二条')),
    ])
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    const stored = await db.selectFrom('danmaku').select('text').where('id', 'in', ['alone-1', 'alone-2']).execute()
    expect(stored.map((item) => item.text).sort()).toEqual(['第一条', '第二条'])
  })
})
