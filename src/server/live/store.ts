import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import type SQLite from 'better-sqlite3'
import type { Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import type { Executor } from '../ledger/store.js'
import type { DanmakuTable, LiveEventsTable } from './tables.js'

export type EventRow = Selectable<LiveEventsTable>
export type DanmakuRow = Selectable<DanmakuTable>

const INSERT_CHUNK = 400
/** Rows per statement of an import on PostgreSQL: each costs the event loop a few milliseconds to build. */
const POSTGRES_IMPORT_SLICE = 100
const COLUMNS = [
  'id',
  'event_id',
  'user_id',
  'text',
  'video_time',
  'mode',
  'font_size',
  'color',
  'pool',
  'sender_hash',
  'dmid',
  'weight',
  'kind',
  'amount',
  'recalled_at',
  'created_at',
] as const satisfies ReadonlyArray<keyof DanmakuRow>
const sqliteInserts = new WeakMap<SQLite.Database, SQLite.Statement<unknown[]>>()

export async function insertEvent(db: Db, row: EventRow): Promise<void> {
  await db.insertInto('live_events').values(row).execute()
}

export async function findEvent(db: Executor, id: string): Promise<EventRow | undefined> {
  return db.selectFrom('live_events').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function listEvents(db: Db, status: string | undefined, limit: number): Promise<EventRow[]> {
  let query = db.selectFrom('live_events').selectAll().orderBy('starts_at', 'desc').orderBy('id', 'desc').limit(limit)
  if (status) query = query.where('status', '=', status)
  return query.execute()
}

/** upcoming → live → ended, each only from the state before; false when it was not in `from`. */
export async function moveEvent(
  db: Db,
  id: string,
  from: string,
  change: Partial<Pick<EventRow, 'status' | 'started_at' | 'ended_at' | 'replay_url'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('live_events')
    .set(change)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function insertDanmaku(db: Executor, rows: DanmakuRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db
      .insertInto('danmaku')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute()
  }
}

/**
 * A whole import in one transaction: all of it or none of it. On PostgreSQL the transaction has a connection of its
 * own, other requests go on beside it, and the event loop gets a turn between 100-row statements. On SQLite the one
 * connection is the transaction's until it ends and every request that needs the database waits for it, so the
 * shortest hold is the kindest: the driver's prepared statement, row by row, in one pass with no SQL to build.
 * (Slices with turns in between were measured: they lengthen the hold and with it every waiting request.)
 */
export async function insertImported(db: Db, sqlite: SQLite.Database | undefined, rows: DanmakuRow[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (sqlite) {
      const insert = sqliteInsertOf(sqlite)
      for (const row of rows) insert.run(COLUMNS.map((column) => row[column]))
      return
    }
    for (let i = 0; i < rows.length; i += POSTGRES_IMPORT_SLICE) {
      if (i > 0) await yieldToEventLoop()
      await trx
        .insertInto('danmaku')
        .values(rows.slice(i, i + POSTGRES_IMPORT_SLICE))
        .execute()
    }
  })
}

function sqliteInsertOf(sqlite: SQLite.Database): SQLite.Statement<unknown[]> {
  let statement = sqliteInserts.get(sqlite)
  if (!statement) {
    statement = sqlite.prepare(
      `insert into danmaku (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`,
    )
    sqliteInserts.set(sqlite, statement)
  }
  return statement
}

export async function findDanmaku(db: Db, id: string): Promise<DanmakuRow | undefined> {
  return db.selectFrom('danmaku').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function recallDanmaku(db: Db, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('danmaku')
    .set({ recalled_at: now })
    .where('id', '=', id)
    .where('recalled_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Not recalled, in [from, to) seconds of video, in video order. */
export async function danmakuWindow(db: Db, eventId: string, from: number, to: number | undefined, limit: number) {
  let query = db
    .selectFrom('danmaku')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('video_time', '>=', from)
    .where('recalled_at', 'is', null)
    .orderBy('video_time')
    .orderBy('id')
    .limit(limit)
  if (to !== undefined) query = query.where('video_time', '<', to)
  return query.execute()
}

export async function allDanmaku(db: Db, eventId: string): Promise<DanmakuRow[]> {
  return db
    .selectFrom('danmaku')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('recalled_at', 'is', null)
    .orderBy('video_time')
    .orderBy('id')
    .execute()
}

export async function isMuted(db: Db, eventId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('live_mutes')
    .select('user_id')
    .where('event_id', '=', eventId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return row !== undefined
}

export async function mute(db: Db, eventId: string, userId: string, now: number): Promise<void> {
  await db
    .insertInto('live_mutes')
    .values({ event_id: eventId, user_id: userId, created_at: now })
    .onConflict((oc) => oc.columns(['event_id', 'user_id']).doNothing())
    .execute()
}

export async function unmute(db: Db, eventId: string, userId: string): Promise<void> {
  await db.deleteFrom('live_mutes').where('event_id', '=', eventId).where('user_id', '=', userId).execute()
}

export async function keywordsOf(db: Db, eventId: string): Promise<string[]> {
  const rows = await db.selectFrom('live_keywords').select('keyword').where('event_id', '=', eventId).execute()
  return rows.map((r) => r.keyword)
}

export async function addKeywords(db: Db, eventId: string, keywords: string[]): Promise<void> {
  await db
    .insertInto('live_keywords')
    .values(keywords.map((keyword) => ({ event_id: eventId, keyword })))
    .onConflict((oc) => oc.columns(['event_id', 'keyword']).doNothing())
    .execute()
}

export async function eventsWithCover(db: Db, mediaId: string): Promise<boolean> {
  const row = await db.selectFrom('live_events').select('id').where('cover_media_id', '=', mediaId).executeTakeFirst()
  return row !== undefined
}
