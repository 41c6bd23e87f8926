import type { Insertable, Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import type { SessionsTable, UsersTable } from './tables.js'

export type UserRow = Selectable<UsersTable>

/** A user with what the profile shows about real name and PIN, loaded in one query. */
export interface UserProfileRow extends UserRow {
  masked_name: string | null
  has_pin: number
}

export async function insertUser(db: Db, user: Insertable<UsersTable>): Promise<void> {
  await db.insertInto('users').values(user).execute()
}

export async function findUserByPhone(db: Db, phone: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('phone', '=', phone).executeTakeFirst()
}

export async function findProfile(db: Db, userId: string): Promise<UserProfileRow | undefined> {
  return db
    .selectFrom('users')
    .leftJoin('real_names', 'real_names.user_id', 'users.id')
    .leftJoin('payment_pins', 'payment_pins.user_id', 'users.id')
    .selectAll('users')
    .select((eb) => [
      'real_names.masked_name',
      eb.case().when('payment_pins.user_id', 'is not', null).then(1).else(0).end().as('has_pin'),
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst()
}

export async function updateUser(
  db: Db,
  userId: string,
  changes: Partial<Pick<UserRow, 'display_name' | 'locale'>>,
): Promise<void> {
  if (Object.keys(changes).length === 0) return
  await db.updateTable('users').set(changes).where('id', '=', userId).execute()
}

export type SessionRow = Selectable<SessionsTable>

export async function insertSession(db: Db, session: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(session).execute()
}

export interface SessionUser {
  id: string
  locale: string
  session_id: string
  last_seen_at: number
}

export async function findSessionUser(db: Db, tokenHash: string, now: number): Promise<SessionUser | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.locale', 'sessions.id as session_id', 'sessions.last_seen_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst()
}

/** Only when the stored time is older than `staleBefore`: processes racing on one session write it once. */
export async function touchSession(
  db: Db,
  sessionId: string,
  seen: { last_seen_at: number; address: string },
  staleBefore: number,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set(seen)
    .where('id', '=', sessionId)
    .where('last_seen_at', '<', staleBefore)
    .execute()
}

export async function listSessions(db: Db, userId: string, now: number): Promise<SessionRow[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .orderBy('id')
    .execute()
}

/** Deletes the sessions and returns the ids of those that were there. */
export async function deleteSessions(
  db: Db,
  where: { userId: string; ids?: string[]; exceptId?: string; tokenHash?: string },
): Promise<string[]> {
  if (where.ids?.length === 0) return []
  let query = db.deleteFrom('sessions').where('user_id', '=', where.userId)
  if (where.ids) query = query.where('id', 'in', where.ids)
  if (where.exceptId) query = query.where('id', '!=', where.exceptId)
  if (where.tokenHash) query = query.where('token_hash', '=', where.tokenHash)
  const rows = await query.returning('id').execute()
  return rows.map((row) => row.id)
}

/** Which of these sessions still stand. */
export async function findLiveSessionIds(db: Db, ids: string[], now: number): Promise<string[]> {
  if (ids.length === 0) return []
  const rows = await db
    .selectFrom('sessions')
    .select('id')
    .where('id', 'in', ids)
    .where('expires_at', '>', now)
    .execute()
  return rows.map((row) => row.id)
}

export async function findPasswordHash(db: Db, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst()
  return row?.password_hash
}

export async function updatePasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute()
}

export async function deleteExpiredSessions(db: Db, now: number): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute()
}

/** What anyone may see of a person: name, masked real name, avatar. */
export async function findPublicProfiles(
  db: Db,
  ids: string[],
): Promise<Array<{ id: string; display_name: string; avatar_url: string | null; masked_name: string | null }>> {
  if (ids.length === 0) return []
  return db
    .selectFrom('users')
    .leftJoin('real_names', 'real_names.user_id', 'users.id')
    .select(['users.id', 'users.display_name', 'users.avatar_url', 'real_names.masked_name'])
    .where('users.id', 'in', ids)
    .execute()
}

export async function rememberLoginAddress(db: Db, row: { key: string; user_id: string; last_login_at: number }) {
  await db
    .insertInto('known_login_addresses')
    .values(row)
    .onConflict((oc) => oc.column('key').doUpdateSet({ last_login_at: row.last_login_at }))
    .execute()
}

export async function isKnownLoginAddress(db: Db, key: string): Promise<boolean> {
  const row = await db.selectFrom('known_login_addresses').select('key').where('key', '=', key).executeTakeFirst()
  return row !== undefined
}

export async function setOperator(db: Db, phone: string, operator: boolean): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ is_operator: operator ? 1 : 0 })
    .where('phone', '=', phone)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

export async function isOperator(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('is_operator').where('id', '=', userId).executeTakeFirst()
  return Number(row?.is_operator ?? 0) === 1
}
