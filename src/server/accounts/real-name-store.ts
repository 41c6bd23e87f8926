import type { Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import type { RealNamesTable } from './tables.js'

export type RealNameRow = Selectable<RealNamesTable>

export async function findRealName(db: Db, userId: string): Promise<RealNameRow | undefined> {
  return db.selectFrom('real_names').selectAll().where('user_id', '=', userId).executeTakeFirst()
}

export async function findRealNameByIdHash(db: Db, idNumberHash: string): Promise<RealNameRow | undefined> {
  return db.selectFrom('real_names').selectAll().where('id_number_hash', '=', idNumberHash).executeTakeFirst()
}

export async function insertRealName(db: Db, row: RealNameRow): Promise<void> {
  await db.insertInto('real_names').values(row).execute()
}
