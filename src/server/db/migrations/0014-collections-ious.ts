import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('collections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('collector_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addColumn('member_count', 'integer', (c) => c.notNull())
    .addColumn('paid_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paid_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    // open | completed (every member paid) | closed (by the collector)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint(
      'collections_counts',
      sql`paid_count >= 0 and paid_count <= member_count and paid_amount <= total`,
    )
    .execute()
  await db.schema
    .createIndex('collections_collector')
    .on('collections')
    .columns(['collector_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('collection_members')
    .addColumn('collection_id', 'text', (c) => c.notNull().references('collections.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    // The order the collector listed them in: who got the remainder fen of an even split.
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('paid_at', 'bigint')
    .addColumn('transfer_id', 'text')
    .addColumn('reminders_muted', 'integer', (c) => c.notNull().defaultTo(0))
    // When the reminder is due; null once it is sent, or when none will be (paid, muted, closed).
    .addColumn('remind_at', 'bigint')
    .addColumn('reminded_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('collection_members_pk', ['collection_id', 'user_id'])
    .execute()
  await db.schema
    .createIndex('collection_members_user')
    .on('collection_members')
    .columns(['user_id', 'created_at'])
    .execute()
  await db.schema
    .createIndex('collection_members_reminders')
    .on('collection_members')
    .column('remind_at')
    .where(sql.ref('remind_at'), 'is not', null)
    .execute()

  await db.schema
    .createTable('ious')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('borrower_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('lender_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('principal', 'bigint', (c) => c.notNull())
    // Annual rate in basis points (1200 = 12%).
    .addColumn('rate_bp', 'integer', (c) => c.notNull())
    // YYYY-MM-DD, China time; due_day is the same date as days since 1970-01-01.
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('due_day', 'integer', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    // requested | active | repaid | declined (overdue is active past due_day, derived when read)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('principal_outstanding', 'bigint', (c) => c.notNull())
    // Interest accrued and not yet paid, exactly, in 1/3,650,000 fen (principal × basis points × days).
    .addColumn('interest_units', 'bigint', (c) => c.notNull().defaultTo(0))
    // The China day from which interest has not yet been added to interest_units.
    .addColumn('accrued_day', 'integer')
    .addColumn('interest_paid', 'bigint', (c) => c.notNull().defaultTo(0))
    // Raised by every repayment: the row lock that serialises repayments across processes.
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('accepted_at', 'bigint')
    .addColumn('settled_at', 'bigint')
    .addCheckConstraint('ious_amounts', sql`principal_outstanding >= 0 and principal_outstanding <= principal`)
    .execute()
  await db.schema.createIndex('ious_borrower').on('ious').columns(['borrower_id', 'created_at']).execute()
  await db.schema.createIndex('ious_lender').on('ious').columns(['lender_id', 'created_at']).execute()

  await db.schema
    .createTable('iou_repayments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('iou_id', 'text', (c) => c.notNull().references('ious.id'))
    .addColumn('transfer_id', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('interest', 'bigint', (c) => c.notNull())
    .addColumn('principal', 'bigint', (c) => c.notNull())
    .addColumn('outstanding_after', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('iou_repayments_iou').on('iou_repayments').columns(['iou_id', 'created_at']).execute()

  await db.schema
    .createTable('iou_reminders')
    .addColumn('iou_id', 'text', (c) => c.notNull().references('ious.id'))
    // iou_due_soon | iou_due_today | iou_overdue
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .addPrimaryKeyConstraint('iou_reminders_pk', ['iou_id', 'kind'])
    .execute()
  await db.schema
    .createIndex('iou_reminders_due')
    .on('iou_reminders')
    .column('due_at')
    .where(sql.ref('sent_at'), 'is', null)
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('iou_reminders').execute()
  await db.schema.dropTable('iou_repayments').execute()
  await db.schema.dropTable('ious').execute()
  await db.schema.dropTable('collection_members').execute()
  await db.schema.dropTable('collections').execute()
}
