import { Migrator, type Migration } from 'kysely'
import type { Db } from './database.js'
import * as accounts from './migrations/0001-accounts.js'

/** One ordered set for both dialects; append, never edit a migration that has shipped. */
const migrations: Record<string, Migration> = {
  '0001-accounts': accounts,
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  })
  const { error, results = [] } = await migrator.migrateToLatest()
  if (error) throw error
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
