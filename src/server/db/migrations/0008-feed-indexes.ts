import type { Kysely } from 'kysely'

/**
 * The feed skeleton seeks each author's newest posts and filters them by audience: with `visibility` in the
 * (author, time) index those seeks never visit the table (SQLite covering index; PostgreSQL index-only scan).
 * It replaces the narrower index, which it serves for every query that used that one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('posts_author_time_visibility')
    .on('posts')
    .columns(['author_id', 'created_at', 'id', 'visibility'])
    .execute()
  await db.schema.dropIndex('posts_author_time').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('posts_author_time').on('posts').columns(['author_id', 'created_at', 'id']).execute()
  await db.schema.dropIndex('posts_author_time_visibility').execute()
}
