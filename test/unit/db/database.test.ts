import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/server/config.js'
import { openDatabase } from '../../../src/server/db/database.js'
import { migrateToLatest } from '../../../src/server/db/migrate.js'
import { createTestApp } from '../../helpers/app.js'

describe('the embedded SQLite database', () => {
  it('creates a missing data folder and runs with WAL, foreign keys, FULL sync and secure delete', async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lifecircle-db-')), 'nested', 'data')
    const database = openDatabase(loadConfig({ DATA_DIR: dataDir }))
    try {
      expect(fs.existsSync(path.join(dataDir, 'lifecircle.db'))).toBe(true)
      const pragma = (name: string) => database.sqlite!.pragma(name, { simple: true })
      expect(pragma('journal_mode')).toBe('wal')
      expect(pragma('foreign_keys')).toBe(1)
      expect(pragma('synchronous')).toBe(2)
      expect(pragma('secure_delete')).toBe(1)
    } finally {
      await database.close()
      fs.rmSync(path.dirname(path.dirname(dataDir)), { recursive: true, force: true })
    }
  })
})

describe('checkpoints of the embedded database', () => {
  it('copy the WAL back into the database file in the background, never on the connection that serves requests', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifecircle-db-'))
    const file = path.join(dataDir, 'lifecircle.db')
    const warnings: string[] = []
    const database = openDatabase(loadConfig({ DATA_DIR: dataDir }), {
      warn: (message) => warnings.push(message),
      info: () => {},
    })
    try {
      const sqlite = database.sqlite!
      expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0)
      sqlite.exec('create table filler (body blob not null)')
      const insert = sqlite.prepare('insert into filler (body) values (randomblob(4096))')
      const before = fs.statSync(file).size
      sqlite.transaction(() => {
        for (let i = 0; i < 500; i++) insert.run()
      })()
      // Two megabytes committed at once, into the WAL: the main connection never checkpoints (autocheckpoint is
      // off), so only the worker's checkpoint, once a second, copies them into the database file. (Whether it has
      // run yet is a race, so the database file's size is only read after it surely has.)
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(2_000_000)
      await expect.poll(() => fs.statSync(file).size, { timeout: 5_000 }).toBeGreaterThan(before + 2_000_000)
      expect(warnings).toEqual([])
    } finally {
      await database.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

describe('migrations (on the database this run uses)', () => {
  it('are applied once and are a no-op the second time', async () => {
    const testApp = await createTestApp()
    try {
      expect(await migrateToLatest(testApp.app.ctx.database)).toEqual([])
    } finally {
      await testApp.close()
    }
  })

  it('enforce foreign keys: a session for a user who does not exist is refused', async () => {
    const testApp = await createTestApp()
    try {
      const insert = testApp.app.ctx.database.db
        .insertInto('sessions')
        .values({ token_hash: 'x', id: 'x', user_id: 'nobody', created_at: 0, expires_at: 1, last_seen_at: 0 })
        .execute()
      await expect(insert).rejects.toThrow()
    } finally {
      await testApp.close()
    }
  })

  it('store money-sized integers beyond 32 bits exactly', async () => {
    const testApp = await createTestApp()
    try {
      const db = testApp.app.ctx.database.db
      const big = 2 ** 40 + 7
      await db.insertInto('rate_counters').values({ key: 'big', count: 1, window_ends_at: big }).execute()
      const row = await db
        .selectFrom('rate_counters')
        .select('window_ends_at')
        .where('key', '=', 'big')
        .executeTakeFirstOrThrow()
      expect(row.window_ends_at).toBe(big)
      const { rows } = await sql<{ n: number }>`select count(*) as n from rate_counters`.execute(db)
      expect(Number(rows[0]!.n)).toBe(1)
    } finally {
      await testApp.close()
    }
  })
})
