import type { Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import type { Executor } from '../ledger/store.js'
import { olderThan, type Cursor } from '../db/keyset.js'
import type { PaymentRequestsTable } from './tables.js'

export type PaymentRequestRow = Selectable<PaymentRequestsTable>

export async function insertPaymentRequest(db: Db, row: PaymentRequestRow): Promise<void> {
  await db.insertInto('payment_requests').values(row).execute()
}

export async function findPaymentRequest(db: Executor, id: string): Promise<PaymentRequestRow | undefined> {
  return db.selectFrom('payment_requests').selectAll().where('id', '=', id).executeTakeFirst()
}

/** open → paid or declined, only from open: returns false when another request got there first. */
export async function settlePaymentRequest(
  db: Executor,
  id: string,
  change: { status: 'paid' | 'declined'; transfer_id: string | null; settled_at: number },
): Promise<boolean> {
  const result = await db
    .updateTable('payment_requests')
    .set(change)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function listPaymentRequests(
  db: Db,
  party: { column: 'payer_id' | 'requester_id'; userId: string },
  limit: number,
  before: Cursor | undefined,
): Promise<PaymentRequestRow[]> {
  let query = db
    .selectFrom('payment_requests')
    .selectAll()
    .where(party.column, '=', party.userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
  if (before) query = query.where(olderThan(before))
  return query.execute()
}
