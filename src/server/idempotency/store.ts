import type { Selectable } from 'kysely'
import type { Executor } from '../ledger/store.js'
import type { IdempotencyKeysTable } from './tables.js'

export type IdempotencyRow = Selectable<IdempotencyKeysTable>

export async function findIdempotencyRecord(
  db: Executor,
  userId: string,
  key: string,
): Promise<IdempotencyRow | undefined> {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst()
}

/** First writer wins: a concurrent duplicate from another process leaves the first record in place. */
export async function insertIdempotencyRecords(db: Executor, rows: IdempotencyRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 400) {
    await db
      .insertInto('idempotency_keys')
      .values(rows.slice(i, i + 400))
      .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
      .execute()
  }
}

export async function deleteIdempotencyRecordsBefore(db: Executor, cutoff: number): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('created_at', '<', cutoff).execute()
}
