import type { Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import { olderThan, type Cursor } from '../db/keyset.js'
import type { Executor } from '../ledger/store.js'
import type { IouRemindersTable, IouRepaymentsTable, IousTable } from './tables.js'

export type IouRow = Selectable<IousTable>
export type RepaymentRow = Selectable<IouRepaymentsTable>
export type ReminderRow = Selectable<IouRemindersTable>

export async function insertIou(db: Executor, iou: IouRow): Promise<void> {
  await db.insertInto('ious').values(iou).execute()
}

export async function findIou(db: Executor, id: string): Promise<IouRow | undefined> {
  return db.selectFrom('ious').selectAll().where('id', '=', id).executeTakeFirst()
}

/**
 * Takes the IOU's row for a repayment: updating it first makes PostgreSQL wait for any other repayment of it to
 * commit and then return the row as that one left it (SQLite has one writer anyway).
 */
export async function lockIou(db: Executor, id: string): Promise<IouRow | undefined> {
  return db
    .updateTable('ious')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
}

/** requested → active or declined, once. */
export async function settleRequest(
  db: Executor,
  id: string,
  change: { status: 'active'; accepted_at: number; accrued_day: number } | { status: 'declined'; settled_at: number },
): Promise<boolean> {
  const result = await db
    .updateTable('ious')
    .set(change)
    .where('id', '=', id)
    .where('status', '=', 'requested')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function recordRepayment(
  db: Executor,
  repayment: RepaymentRow,
  balance: { principal_outstanding: number; interest_units: number; accrued_day: number },
  repaid: boolean,
): Promise<void> {
  await db.insertInto('iou_repayments').values(repayment).execute()
  await db
    .updateTable('ious')
    .set((eb) => ({
      ...balance,
      interest_paid: eb('interest_paid', '+', repayment.interest),
      ...(repaid ? { status: 'repaid', settled_at: repayment.created_at } : {}),
    }))
    .where('id', '=', repayment.iou_id)
    .execute()
  // A repaid loan needs no more reminders.
  if (repaid)
    await db.deleteFrom('iou_reminders').where('iou_id', '=', repayment.iou_id).where('sent_at', 'is', null).execute()
}

export async function repaymentsOf(db: Db, iouIds: string[]): Promise<RepaymentRow[]> {
  if (iouIds.length === 0) return []
  return db.selectFrom('iou_repayments').selectAll().where('iou_id', 'in', iouIds).orderBy('id').execute()
}

export async function insertReminders(db: Executor, reminders: ReminderRow[]): Promise<void> {
  if (reminders.length > 0) await db.insertInto('iou_reminders').values(reminders).execute()
}

export async function remindersOf(db: Db, iouIds: string[]): Promise<ReminderRow[]> {
  if (iouIds.length === 0) return []
  return db.selectFrom('iou_reminders').selectAll().where('iou_id', 'in', iouIds).orderBy('due_at').execute()
}

export async function dueReminders(db: Db, now: number, limit: number): Promise<ReminderRow[]> {
  return db
    .selectFrom('iou_reminders')
    .selectAll()
    .where('sent_at', 'is', null)
    .where('due_at', '<=', now)
    .orderBy('due_at')
    .limit(limit)
    .execute()
}

/** Marks a due reminder sent: true for exactly one sweeper. */
export async function takeReminder(db: Db, iouId: string, kind: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('iou_reminders')
    .set({ sent_at: now })
    .where('iou_id', '=', iouId)
    .where('kind', '=', kind)
    .where('sent_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** IOUs a person borrowed or lent on, newest first. */
export async function listIous(
  db: Db,
  userId: string,
  role: 'borrower' | 'lender' | undefined,
  limit: number,
  before: Cursor | undefined,
): Promise<IouRow[]> {
  let query = db.selectFrom('ious').selectAll()
  if (role === 'borrower') query = query.where('borrower_id', '=', userId)
  else if (role === 'lender') query = query.where('lender_id', '=', userId)
  else query = query.where((eb) => eb.or([eb('borrower_id', '=', userId), eb('lender_id', '=', userId)]))
  if (before) query = query.where(olderThan(before))
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()
}
