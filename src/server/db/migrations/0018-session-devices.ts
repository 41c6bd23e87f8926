import crypto from 'node:crypto'
import { sql, type Kysely } from 'kysely'

/**
 * Sessions become listable and revocable one by one: each gets an id of its own (the token hash must never leave
 * the server), the device it was opened from, and when and from where it was last used.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('id', 'text').execute()
  await db.schema.alterTable('sessions').addColumn('user_agent', 'text').execute()
  await db.schema.alterTable('sessions').addColumn('address', 'text').execute()
  await db.schema.alterTable('sessions').addColumn('last_seen_at', 'bigint').execute()
  const { rows } = await sql<{ token_hash: string }>`select token_hash from sessions`.execute(db)
  for (const { token_hash } of rows) {
    const id = crypto.randomBytes(16).toString('base64url')
    await sql`update sessions set id = ${id}, last_seen_at = created_at where token_hash = ${token_hash}`.execute(db)
  }
  await db.schema.createIndex('sessions_id').unique().on('sessions').column('id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sessions_id').execute()
  for (const column of ['last_seen_at', 'address', 'user_agent', 'id']) {
    await db.schema.alterTable('sessions').dropColumn(column).execute()
  }
}
