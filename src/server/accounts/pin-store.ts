import type { Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import type { PaymentPinsTable } from './tables.js'

export type PinRow = Selectable<PaymentPinsTable>

export async function findPin(db: Db, userId: string): Promise<PinRow | undefined> {
  return db.selectFrom('payment_pins').selectAll().where('user_id', '=', userId).executeTakeFirst()
}

/**
 * Takes the row's write lock for the rest of the transaction by a write that changes nothing: a row lock on
 * PostgreSQL, the database's write lock on SQLite. One statement for both dialects, unlike SELECT … FOR UPDATE.
 */
export async function lockPinRow(db: Db, userId: string): Promise<void> {
  await db
    .updateTable('payment_pins')
    .set((eb) => ({ failed_attempts: eb.ref('failed_attempts') }))
    .where('user_id', '=', userId)
    .execute()
}

export async function upsertPin(db: Db, userId: string, pinHash: string, now: number): Promise<void> {
  await db
    .insertInto('payment_pins')
    .values({ user_id: userId, pin_hash: pinHash, failed_attempts: 0, locked_until: null, updated_at: now })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({ pin_hash: pinHash, failed_attempts: 0, locked_until: null, updated_at: now }),
    )
    .execute()
}

/**
 * Counts one wrong PIN atomically (two concurrent wrong tries are two failures) and locks when the count
 * reaches the limit. Returns the new count and the lock, if any.
 */
export async function recordPinFailure(
  db: Db,
  userId: string,
  limit: number,
  lockUntil: number,
  now: number,
): Promise<{ failed_attempts: number; locked_until: number | null }> {
  return db
    .updateTable('payment_pins')
    .set((eb) => ({
      failed_attempts: eb('failed_attempts', '+', 1),
      locked_until: eb
        .case()
        .when(eb('failed_attempts', '+', 1), '>=', limit)
        .then(lockUntil)
        .else(eb.ref('locked_until'))
        .end(),
      updated_at: now,
    }))
    .where('user_id', '=', userId)
    .returning(['failed_attempts', 'locked_until'])
    .executeTakeFirstOrThrow()
}

export async function clearPinFailures(db: Db, userId: string): Promise<void> {
  await db
    .updateTable('payment_pins')
    .set({ failed_attempts: 0, locked_until: null })
    .where('user_id', '=', userId)
    .where('failed_attempts', '>', 0)
    .execute()
}
