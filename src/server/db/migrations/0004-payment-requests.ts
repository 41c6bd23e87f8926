import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('payment_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('requester_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('payer_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('transfer_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('settled_at', 'bigint')
    .addCheckConstraint('payment_requests_amount_positive', sql`amount > 0`)
    // Deferred: the request is marked paid in the same transaction that, a moment later, writes the transfer.
    .addForeignKeyConstraint('payment_requests_transfer', ['transfer_id'], 'ledger_transfers', ['id'], (fk) =>
      fk.deferrable().initiallyDeferred(),
    )
    .execute()
  await db.schema
    .createIndex('payment_requests_payer')
    .on('payment_requests')
    .columns(['payer_id', 'created_at', 'id'])
    .execute()
  await db.schema
    .createIndex('payment_requests_requester')
    .on('payment_requests')
    .columns(['requester_id', 'created_at', 'id'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('payment_requests').execute()
}
