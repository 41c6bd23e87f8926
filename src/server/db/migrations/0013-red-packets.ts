import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // Cards in chat: a red packet, a transfer, a collection, an IOU — the message points at the thing it shows.
  await db.schema.alterTable('messages').addColumn('ref_id', 'text').execute()
  await db.schema.alterTable('messages').addColumn('amount', 'bigint').execute()

  await db.schema
    .createTable('red_packets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('sender_id', 'text', (c) => c.notNull().references('users.id'))
    // lucky | equal
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('greeting', 'text', (c) => c.notNull())
    // Every share, drawn when the packet is made (JSON array of fen): claims take them in order.
    .addColumn('shares', 'text', (c) => c.notNull())
    .addColumn('claimed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    // active | finished (every share claimed) | expired (the rest went back to the sender)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('settled_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint(
      'red_packets_counts',
      sql`claimed_count >= 0 and claimed_count <= count and claimed_amount <= total`,
    )
    .execute()
  await db.schema
    .createIndex('red_packets_expiry')
    .on('red_packets')
    .column('expires_at')
    .where(sql.ref('status'), '=', 'active')
    .execute()

  await db.schema
    .createTable('red_packet_claims')
    .addColumn('packet_id', 'text', (c) => c.notNull().references('red_packets.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    // Which share: 0, 1, 2… in the order claims committed.
    .addColumn('share_index', 'integer', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('claimed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('red_packet_claims_pk', ['packet_id', 'user_id'])
    .addUniqueConstraint('red_packet_claims_share', ['packet_id', 'share_index'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('red_packet_claims').execute()
  await db.schema.dropTable('red_packets').execute()
  await db.schema.alterTable('messages').dropColumn('amount').execute()
  await db.schema.alterTable('messages').dropColumn('ref_id').execute()
}
