import { sql, type Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import * as sessionDevices from '../../../src/server/db/migrations/0018-session-devices.js'
import { createTestApp, registerUser } from '../../helpers/app.js'

describe('migration 0018-session-devices (on the database this run uses)', () => {
  it('gives every session that was there an id of its own and a last-seen time, and keeps them valid', async () => {
    const testApp = await createTestApp()
    try {
      const db = testApp.app.ctx.database.db as unknown as Kysely<unknown>
      const people = [await registerUser(testApp.app), await registerUser(testApp.app)]
      await sessionDevices.down(db)
      const { rows: before } = await sql<{ token_hash: string; created_at: number }>`
        select token_hash, created_at from sessions`.execute(db)
      expect(before).toHaveLength(2)

      await sessionDevices.up(db)
      const { rows } = await sql<{ token_hash: string; id: string; created_at: number; last_seen_at: number }>`
        select token_hash, id, created_at, last_seen_at from sessions`.execute(db)
      expect(new Set(rows.map((row) => row.id)).size).toBe(2)
      for (const row of rows) {
        expect(row.id).toMatch(/^[\w-]{22}$/)
        expect(row.id).not.toBe(row.token_hash)
        expect(Number(row.last_seen_at)).toBe(Number(row.created_at))
      }
      for (const person of people) {
        const res = await testApp.app.inject({
          url: '/api/v1/me/sessions',
          headers: { authorization: `Bearer ${person.token}` },
        })
        expect(res.statusCode).toBe(200)
        expect(res.json<{ items: Array<{ current: boolean }> }>().items).toEqual([
          expect.objectContaining({ current: true }),
        ])
      }
    } finally {
      await testApp.close()
    }
  })
})
