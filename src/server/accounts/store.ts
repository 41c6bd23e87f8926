import type { Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import type { UsersTable } from './tables.js'

export type UserRow = Selectable<UsersTable>

/** A user with what the profile shows about real name and PIN, loaded in one query. */
export interface UserProfileRow extends UserRow {
  masked_name: string | null
  has_pin: number
}

export async function insertUser(db: Db, user: UserRow): Promise<void> {
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

export async function insertSession(
  db: Db,
  session: { token_hash: string; user_id: string; created_at: number; expires_at: number },
): Promise<void> {
  await db.insertInto('sessions').values(session).execute()
}

export async function findSessionUser(
  db: Db,
  tokenHash: string,
  now: number,
): Promise<{ id: string; locale: string } | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.locale'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst()
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute()
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
