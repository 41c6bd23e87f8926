import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('posts')
    .addColumn('product_delisted', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  // A purchase post names the product post it shows (its title, image and, if the buyer chose, price are copied).
  await db.schema.alterTable('posts').addColumn('purchase_of_post_id', 'text').execute()

  await db.schema
    .createTable('orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Not a foreign key: a seller may delete the product post, and its orders go on from what they copied.
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('seller_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('buyer_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('media_id', 'text', (c) => c.references('media.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_price', 'bigint', (c) => c.notNull())
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('payer_id', 'text', (c) => c.references('users.id'))
    .addColumn('hold_id', 'text')
    .addColumn('pay_friend_id', 'text', (c) => c.references('users.id'))
    .addColumn('pay_request_expires_at', 'bigint')
    .addColumn('shipping_address', 'text')
    .addColumn('tracking_note', 'text')
    .addColumn('refund_reason', 'text')
    .addColumn('refund_requested', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'bigint')
    .addColumn('auto_confirm_at', 'bigint')
    .addColumn('auto_confirm_paused_ms', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint(
      'orders_amounts_positive',
      sql`quantity > 0 and unit_price > 0 and total = quantity * unit_price`,
    )
    // Deferred: the order is marked paid in the same transaction that, a moment later, writes the hold.
    .addForeignKeyConstraint('orders_hold', ['hold_id'], 'ledger_transfers', ['id'], (fk) =>
      fk.deferrable().initiallyDeferred(),
    )
    .execute()
  await db.schema.createIndex('orders_buyer').on('orders').columns(['buyer_id', 'created_at', 'id']).execute()
  await db.schema.createIndex('orders_seller').on('orders').columns(['seller_id', 'created_at', 'id']).execute()
  await db.schema.createIndex('orders_pay_friend').on('orders').columns(['pay_friend_id', 'created_at', 'id']).execute()
  // The scheduler's two sweeps: unpaid orders to close, shipped orders to confirm. Index ranges, never scans.
  await db.schema
    .createIndex('orders_unpaid_expiry')
    .on('orders')
    .column('expires_at')
    .where(sql.ref('status'), '=', 'created')
    .execute()
  await db.schema
    .createIndex('orders_auto_confirm')
    .on('orders')
    .column('auto_confirm_at')
    .where(sql.ref('status'), '=', 'shipped')
    .execute()

  // Append-only: every state change, by whom, for the timeline and for disputes.
  await db.schema
    .createTable('order_events')
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('order_events_pk', ['order_id', 'seq'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('order_events').execute()
  await db.schema.dropTable('orders').execute()
  await db.schema.alterTable('posts').dropColumn('purchase_of_post_id').execute()
  await db.schema.alterTable('posts').dropColumn('product_delisted').execute()
}
