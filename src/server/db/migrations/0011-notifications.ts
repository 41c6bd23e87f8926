import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recipient_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('ref_type', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  // One person's list, newest first by keyset.
  await db.schema
    .createIndex('notifications_recipient')
    .on('notifications')
    .columns(['recipient_id', 'created_at', 'id'])
    .execute()
  // The unread ones: the badge count, the unread list and "mark all read" stay small ranges however long the history.
  await db.schema
    .createIndex('notifications_unread')
    .on('notifications')
    .columns(['recipient_id', 'created_at', 'id'])
    .where(sql.ref('read_at'), 'is', null)
    .execute()
  // Housekeeping forgets old read ones through this range, never by scanning everyone's.
  await db.schema
    .createIndex('notifications_read_age')
    .on('notifications')
    .column('created_at')
    .where(sql.ref('read_at'), 'is not', null)
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notifications').execute()
}
