import { sql } from 'kysely'
import type { Database } from '../../src/server/db/database.js'

export interface NaiveTransfer {
  id: string
  debitAccountId: string
  creditAccountId: string
  amount: number
  code: string
}

/**
 * The baseline: a plain row-locking SQL ledger, one database transaction per transfer. Read both accounts
 * (locked, in id order, on PostgreSQL), check the overdraft rule, update both, insert the transfer; the
 * transfer's primary key refuses a second transfer with the same id. Writes the same tables as the ledger,
 * so the audit at the end covers both.
 */
export async function naiveTransfer(database: Database, transfer: NaiveTransfer): Promise<boolean> {
  const lock = database.dialect === 'postgres'
  const now = Date.now()
  return database.db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('ledger_accounts')
      .selectAll()
      .where('id', 'in', [transfer.debitAccountId, transfer.creditAccountId])
      .orderBy('id')
    if (lock) query = query.forUpdate()
    const rows = await query.execute()
    const debit = rows.find((row) => row.id === transfer.debitAccountId)
    const credit = rows.find((row) => row.id === transfer.creditAccountId)
    if (!debit || !credit) return false
    if (
      Number(debit.must_not_overdraw) === 1 &&
      debit.debits_posted + debit.debits_pending + transfer.amount > debit.credits_posted
    ) {
      return false
    }
    await trx
      .updateTable('ledger_accounts')
      .set({ debits_posted: sql`debits_posted + ${transfer.amount}` })
      .where('id', '=', debit.id)
      .execute()
    await trx
      .updateTable('ledger_accounts')
      .set({ credits_posted: sql`credits_posted + ${transfer.amount}` })
      .where('id', '=', credit.id)
      .execute()
    await trx
      .insertInto('ledger_transfers')
      .values({
        id: transfer.id,
        debit_account_id: transfer.debitAccountId,
        credit_account_id: transfer.creditAccountId,
        amount: transfer.amount,
        kind: 'single',
        pending_id: null,
        code: transfer.code,
        timeout_at: null,
        ref_type: null,
        ref_id: null,
        note: null,
        created_at: now,
      })
      .execute()
    return true
  })
}
