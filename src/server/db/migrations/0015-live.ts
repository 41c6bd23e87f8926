import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('live_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('host_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('stream_url', 'text')
    .addColumn('replay_url', 'text')
    .addColumn('cover_media_id', 'text', (c) => c.references('media.id'))
    // upcoming | live | ended
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('ended_at', 'bigint')
    // Salts the sender hashes written into Bilibili exports, so that they never reveal a user.
    .addColumn('export_salt', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('live_events_status').on('live_events').columns(['status', 'starts_at', 'id']).execute()

  await db.schema
    .createTable('danmaku')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('live_events.id'))
    // null: imported from a file
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('video_time', 'double precision', (c) => c.notNull())
    // scroll | top | bottom
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('font_size', 'integer', (c) => c.notNull())
    .addColumn('color', 'integer', (c) => c.notNull())
    .addColumn('pool', 'integer', (c) => c.notNull())
    // Imported: as in the file. Ours: computed on export from the user and the event's salt.
    .addColumn('sender_hash', 'text')
    // int64 as text: Bilibili's ids exceed 2^53.
    .addColumn('dmid', 'text', (c) => c.notNull())
    .addColumn('weight', 'integer')
    // danmaku | tip
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint')
    .addColumn('recalled_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  // Replay reads a window of video time.
  await db.schema.createIndex('danmaku_replay').on('danmaku').columns(['event_id', 'video_time', 'id']).execute()

  await db.schema
    .createTable('live_mutes')
    .addColumn('event_id', 'text', (c) => c.notNull().references('live_events.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('live_mutes_pk', ['event_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('live_keywords')
    .addColumn('event_id', 'text', (c) => c.notNull().references('live_events.id'))
    .addColumn('keyword', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('live_keywords_pk', ['event_id', 'keyword'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['live_keywords', 'live_mutes', 'danmaku', 'live_events']) {
    await db.schema.dropTable(table).execute()
  }
}
