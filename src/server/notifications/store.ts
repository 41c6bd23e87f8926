import type { Insertable, Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import { olderThan, type Cursor } from '../db/keyset.js'
import type { NotificationsTable } from './tables.js'

export type NotificationRow = Selectable<NotificationsTable>

export async function insertNotifications(db: Db, rows: Insertable<NotificationsTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('notifications').values(rows).execute()
}

/** One recipient's notifications, newest first by (created_at, id); `unread` keeps to the unread index. */
export async function listNotifications(
  db: Db,
  recipientId: string,
  options: { limit: number; before: Cursor | undefined; unread: boolean },
): Promise<NotificationRow[]> {
  let query = db
    .selectFrom('notifications')
    .selectAll()
    .where('recipient_id', '=', recipientId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit)
  if (options.unread) query = query.where('read_at', 'is', null)
  if (options.before) query = query.where(olderThan(options.before))
  return query.execute()
}

export async function countUnread(db: Db, recipientId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('recipient_id', '=', recipientId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Marks the recipient's own unread notifications read: those named, or all. Anyone else's ids match nothing. */
export async function markRead(db: Db, recipientId: string, ids: string[] | undefined, now: number): Promise<void> {
  let query = db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('recipient_id', '=', recipientId)
    .where('read_at', 'is', null)
  if (ids) query = query.where('id', 'in', ids)
  await query.execute()
}

/** Deletes up to `limit` read notifications created before `before`, oldest first; returns how many. */
export async function deleteReadBefore(db: Db, before: number, limit: number): Promise<number> {
  const result = await db
    .deleteFrom('notifications')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('notifications')
        .select('id')
        .where('read_at', 'is not', null)
        .where('created_at', '<', before)
        .orderBy('created_at')
        .limit(limit),
    )
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
