import { sql, type Kysely } from 'kysely'

/** The housekeeping sweeps run every 30 s: each must be an index range, never a scan of a growing table. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('ledger_transfers_hold_timeouts')
    .on('ledger_transfers')
    .column('timeout_at')
    .where(sql.ref('kind'), '=', 'pending')
    .where(sql.ref('timeout_at'), 'is not', null)
    .execute()
  await db.schema.createIndex('sessions_expiry').on('sessions').column('expires_at').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sessions_expiry').execute()
  await db.schema.dropIndex('ledger_transfers_hold_timeouts').execute()
}
