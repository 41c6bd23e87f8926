import { sql, type Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import { olderThan, type Cursor } from '../db/keyset.js'
import type { Executor } from '../ledger/store.js'
import type { CollectionMembersTable, CollectionsTable } from './tables.js'

export type CollectionRow = Selectable<CollectionsTable>
export type ShareRow = Selectable<CollectionMembersTable>

export async function insertCollection(db: Executor, collection: CollectionRow, shares: ShareRow[]): Promise<void> {
  await db.insertInto('collections').values(collection).execute()
  await db.insertInto('collection_members').values(shares).execute()
}

export async function findCollection(db: Executor, id: string): Promise<CollectionRow | undefined> {
  return db.selectFrom('collections').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function sharesOf(db: Db, collectionIds: string[]): Promise<ShareRow[]> {
  if (collectionIds.length === 0) return []
  return db
    .selectFrom('collection_members')
    .selectAll()
    .where('collection_id', 'in', collectionIds)
    .orderBy('collection_id')
    .orderBy('position')
    .execute()
}

export async function findShare(db: Executor, collectionId: string, userId: string): Promise<ShareRow | undefined> {
  return db
    .selectFrom('collection_members')
    .selectAll()
    .where('collection_id', '=', collectionId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
}

/**
 * Counts a payment into an open collection, completing it with the last one, after the payer's share was marked paid
 * (so a second payment of one share never counts). This update is where concurrent payers and a closing collector
 * meet (on PostgreSQL it waits for the row): undefined when the collection is not open.
 */
export async function countPayment(db: Executor, id: string, amount: number): Promise<string | undefined> {
  const row = await db
    .updateTable('collections')
    .set((eb) => ({
      paid_count: eb('paid_count', '+', 1),
      paid_amount: eb('paid_amount', '+', amount),
      status: sql<string>`case when paid_count + 1 = member_count then 'completed' else status end`,
    }))
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returning('status')
    .executeTakeFirst()
  return row?.status
}

/** Marks one member's share paid, once; false when it already was. */
export async function markPaid(
  db: Executor,
  collectionId: string,
  userId: string,
  transferId: string,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('collection_members')
    .set({ paid_at: now, transfer_id: transferId, remind_at: null })
    .where('collection_id', '=', collectionId)
    .where('user_id', '=', userId)
    .where('paid_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * Open → closed, once; no reminder of it is sent afterwards. The shares are updated before the collection row, in
 * the order a payment locks them; the caller rolls back when this returns false.
 */
export async function closeCollection(db: Executor, id: string, now: number): Promise<boolean> {
  await db.updateTable('collection_members').set({ remind_at: null }).where('collection_id', '=', id).execute()
  const result = await db
    .updateTable('collections')
    .set({ status: 'closed', closed_at: now })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function muteReminders(db: Db, collectionId: string, userId: string): Promise<void> {
  await db
    .updateTable('collection_members')
    .set({ reminders_muted: 1, remind_at: null })
    .where('collection_id', '=', collectionId)
    .where('user_id', '=', userId)
    .execute()
}

export interface DueReminder {
  collection_id: string
  user_id: string
  amount: number
  title: string
  collector_id: string
  conversation_id: string
}

export async function dueReminders(db: Db, now: number, limit: number): Promise<DueReminder[]> {
  return db
    .selectFrom('collection_members as m')
    .innerJoin('collections as c', 'c.id', 'm.collection_id')
    .select(['m.collection_id', 'm.user_id', 'm.amount', 'c.title', 'c.collector_id', 'c.conversation_id'])
    .where('m.remind_at', '<=', now)
    .orderBy('m.remind_at')
    .limit(limit)
    .execute()
}

/** Takes a due reminder for sending: true for exactly one sweeper, and never for a paid or muted share. */
export async function takeReminder(db: Db, collectionId: string, userId: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('collection_members')
    .set({ remind_at: null, reminded_at: now })
    .where('collection_id', '=', collectionId)
    .where('user_id', '=', userId)
    .where('remind_at', '<=', now)
    .where('paid_at', 'is', null)
    .where('reminders_muted', '=', 0)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Collections a person runs or is asked to pay, newest first. */
export async function listCollections(
  db: Db,
  userId: string,
  role: 'collector' | 'member' | undefined,
  limit: number,
  before: Cursor | undefined,
): Promise<CollectionRow[]> {
  let query = db.selectFrom('collections').selectAll()
  const asMember = db.selectFrom('collection_members').select('collection_id').where('user_id', '=', userId)
  if (role === 'collector') query = query.where('collector_id', '=', userId)
  else if (role === 'member') query = query.where('id', 'in', asMember)
  else query = query.where((eb) => eb.or([eb('collector_id', '=', userId), eb('id', 'in', asMember)]))
  if (before) query = query.where(olderThan(before))
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()
}
