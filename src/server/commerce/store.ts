import { sql, type Selectable, type Updateable } from 'kysely'
import type { Db } from '../db/database.js'
import { olderThan, type Cursor } from '../db/keyset.js'
import type { Executor } from '../ledger/store.js'
import type { OrderEventsTable, OrdersTable } from './tables.js'

export type OrderRow = Selectable<OrdersTable>
export type OrderEventRow = Selectable<OrderEventsTable>
export type OrderChange = Updateable<OrdersTable>

export async function insertOrder(db: Executor, row: OrderRow): Promise<void> {
  await db.insertInto('orders').values(row).execute()
}

export async function findOrder(db: Executor, id: string): Promise<OrderRow | undefined> {
  return db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst()
}

/** What must still hold for a change to apply: the order's state, and for some changes a time or a flag. */
export interface Guard {
  from: string[]
  /** Unpaid and not yet expired at this time (paying). */
  openAt?: number
  /** Unpaid and expired at this time (closing). */
  expiredAt?: number
  /** The auto-confirm time has come (the scheduler confirming). */
  dueAt?: number
  refundRequested?: boolean
  /** Still this friend's to pay for (代付), and their request not yet expired. */
  askedFriend?: { id: string; at: number }
}

/**
 * Moves an order on only if the guard still holds: the one defence against two parties, or a party and the
 * scheduler, acting at once. False: someone else got there first, and nothing changed.
 */
export async function transition(db: Executor, id: string, guard: Guard, change: OrderChange): Promise<boolean> {
  let query = db.updateTable('orders').set(change).where('id', '=', id).where('status', 'in', guard.from)
  if (guard.openAt !== undefined) query = query.where('expires_at', '>', guard.openAt)
  if (guard.expiredAt !== undefined) query = query.where('expires_at', '<=', guard.expiredAt)
  if (guard.dueAt !== undefined) query = query.where('auto_confirm_at', '<=', guard.dueAt)
  if (guard.refundRequested !== undefined) query = query.where('refund_requested', '=', guard.refundRequested ? 1 : 0)
  if (guard.askedFriend) {
    query = query
      .where('pay_friend_id', '=', guard.askedFriend.id)
      .where('pay_request_expires_at', '>', guard.askedFriend.at)
  }
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Appends to the order's history; the order row's guard has already serialised writers of this order. */
export async function appendEvent(
  db: Executor,
  event: { order_id: string; event: string; actor_id: string | null; at: number },
): Promise<void> {
  await sql`insert into order_events (order_id, seq, event, actor_id, at)
    select ${event.order_id}, coalesce(max(seq), 0) + 1, ${event.event}, ${event.actor_id}, ${event.at}
    from order_events where order_id = ${event.order_id}`.execute(db)
}

export async function eventsOf(db: Db, orderIds: string[]): Promise<OrderEventRow[]> {
  if (orderIds.length === 0) return []
  return db.selectFrom('order_events').selectAll().where('order_id', 'in', orderIds).orderBy('seq').execute()
}

export type OrderParty = 'buyer_id' | 'seller_id' | 'pay_friend_id'

export async function listOrders(
  db: Db,
  party: OrderParty,
  userId: string,
  limit: number,
  before: Cursor | undefined,
): Promise<OrderRow[]> {
  let query = db
    .selectFrom('orders')
    .selectAll()
    .where(party, '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
  if (before) query = query.where(olderThan(before))
  return query.execute()
}

/** Unpaid orders past their time. */
export async function findExpiredUnpaid(db: Db, now: number, limit: number): Promise<OrderRow[]> {
  return db
    .selectFrom('orders')
    .selectAll()
    .where('status', '=', 'created')
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(limit)
    .execute()
}

/** Shipped orders whose buyer neither confirmed nor asked for a refund in time. */
export async function findDueConfirmations(db: Db, now: number, limit: number): Promise<OrderRow[]> {
  return db
    .selectFrom('orders')
    .selectAll()
    .where('status', '=', 'shipped')
    .where('auto_confirm_at', '<=', now)
    .orderBy('auto_confirm_at')
    .limit(limit)
    .execute()
}
