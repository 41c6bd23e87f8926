import type { Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import type { MediaTable } from './tables.js'

export type MediaRow = Selectable<MediaTable>

export async function insertMedia(db: Db, row: MediaRow): Promise<void> {
  await db.insertInto('media').values(row).execute()
}

export async function findMedia(db: Db, id: string): Promise<MediaRow | undefined> {
  return db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function findMediaByIds(db: Db, ids: readonly string[]): Promise<MediaRow[]> {
  if (ids.length === 0) return []
  return db
    .selectFrom('media')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute()
}
