import type { Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import type { PhoneCodePurpose, PhoneCodesTable, SmsOutboxTable } from './tables.js'

export type PhoneCodeRow = Selectable<PhoneCodesTable>
export type SmsOutboxRow = Selectable<SmsOutboxTable>

export async function insertPhoneCode(db: Db, row: PhoneCodeRow): Promise<void> {
  await db.insertInto('phone_codes').values(row).execute()
}

export async function deletePhoneCode(db: Db, id: string): Promise<void> {
  await db.deleteFrom('phone_codes').where('id', '=', id).execute()
}

/** The latest code for a phone and purpose: a new code supersedes the ones before it. */
export async function findLatestPhoneCode(
  db: Db,
  phone: string,
  purpose: PhoneCodePurpose,
): Promise<PhoneCodeRow | undefined> {
  return db
    .selectFrom('phone_codes')
    .selectAll()
    .where('phone', '=', phone)
    .where('purpose', '=', purpose)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** Counts one try, atomically and only while the code is unused and under the limit; false when it is dead. */
export async function countPhoneCodeTry(db: Db, id: string, maxTries: number): Promise<boolean> {
  const result = await db
    .updateTable('phone_codes')
    .set((eb) => ({ tries: eb('tries', '+', 1) }))
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('tries', '<', maxTries)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** Marks the code used; false when a concurrent redemption got there first. */
export async function markPhoneCodeUsed(db: Db, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('phone_codes')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

export async function deleteStalePhoneCodes(db: Db, before: number): Promise<void> {
  await db.deleteFrom('phone_codes').where('expires_at', '<', before).execute()
}

export async function insertOutboxMessage(db: Db, row: SmsOutboxRow): Promise<void> {
  await db.insertInto('sms_outbox').values(row).execute()
}

export async function listOutboxMessages(db: Db, limit: number): Promise<SmsOutboxRow[]> {
  return db.selectFrom('sms_outbox').selectAll().orderBy('sent_at', 'desc').orderBy('id', 'desc').limit(limit).execute()
}
