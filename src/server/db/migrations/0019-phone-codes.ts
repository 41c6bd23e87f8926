import type { Kysely } from 'kysely'

/**
 * One-time codes that prove a phone is someone's, the sandbox SMS outbox the operator reads them from, and the
 * smallest operator role: a flag set from the command line.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('phone_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    // Keyed hash: six digits are too few for a plain hash to hide them from whoever reads the table.
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('tries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('used_at', 'bigint')
    .execute()
  await db.schema
    .createIndex('phone_codes_phone')
    .on('phone_codes')
    .columns(['phone', 'purpose', 'created_at'])
    .execute()
  await db.schema
    .createTable('sms_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sms_outbox_sent_at').on('sms_outbox').column('sent_at').execute()
  await db.schema
    .alterTable('users')
    .addColumn('is_operator', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('is_operator').execute()
  await db.schema.dropTable('sms_outbox').execute()
  await db.schema.dropTable('phone_codes').execute()
}
