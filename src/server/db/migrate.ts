import { Migrator, sql, type Migration } from 'kysely'
import type { Database } from './database.js'
import * as accounts from './migrations/0001-accounts.js'
import * as ledger from './migrations/0002-ledger.js'
import * as idempotency from './migrations/0003-idempotency.js'
import * as paymentRequests from './migrations/0004-payment-requests.js'
import * as social from './migrations/0005-social.js'
import * as media from './migrations/0006-media.js'
import * as feed from './migrations/0007-feed.js'
import * as feedIndexes from './migrations/0008-feed-indexes.js'
import * as housekeepingIndexes from './migrations/0009-housekeeping-indexes.js'
import * as commerce from './migrations/0010-commerce.js'
import * as notifications from './migrations/0011-notifications.js'
import * as chat from './migrations/0012-chat.js'
import * as redPackets from './migrations/0013-red-packets.js'
import * as collectionsIous from './migrations/0014-collections-ious.js'
import * as live from './migrations/0015-live.js'
import * as keyedRequestHashes from './migrations/0016-keyed-request-hashes.js'
import * as knownLoginAddresses from './migrations/0017-known-login-addresses.js'
import * as sessionDevices from './migrations/0018-session-devices.js'
import * as phoneCodes from './migrations/0019-phone-codes.js'

/** One ordered set for both dialects; append, never edit a migration that has shipped. */
const migrations: Record<string, Migration> = {
  '0001-accounts': accounts,
  '0002-ledger': ledger,
  '0003-idempotency': idempotency,
  '0004-payment-requests': paymentRequests,
  '0005-social': social,
  '0006-media': media,
  '0007-feed': feed,
  '0008-feed-indexes': feedIndexes,
  '0009-housekeeping-indexes': housekeepingIndexes,
  '0010-commerce': commerce,
  '0011-notifications': notifications,
  '0012-chat': chat,
  '0013-red-packets': redPackets,
  '0014-collections-ious': collectionsIous,
  '0015-live': live,
  '0016-keyed-request-hashes': keyedRequestHashes,
  '0017-known-login-addresses': knownLoginAddresses,
  '0018-session-devices': sessionDevices,
  '0019-phone-codes': phoneCodes,
}

export async function migrateToLatest({ db, dialect }: Database): Promise<string[]> {
  const migrator = new Migrator({
    db,
    // Kysely looks for its bookkeeping tables across all schemas; pin it to the one we migrate.
    ...(dialect === 'postgres' ? { migrationTableSchema: await currentSchema(db) } : {}),
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  })
  const { error, results = [] } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error('migration failed', { cause: error })
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

async function currentSchema(db: Database['db']): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  const schema = rows[0]?.schema
  if (!schema) throw new Error('PostgreSQL has no current schema: check search_path')
  return schema
}
