import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import type { Config } from '../config.js'
import { startWalCheckpointer, type BackgroundLog, type WalCheckpointer } from './checkpointer.js'
import type { Tables } from './tables.js'

export type DialectName = 'sqlite' | 'postgres'
export type Db = Kysely<Tables>

export interface Database {
  db: Db
  dialect: DialectName
  /** Present on SQLite: the driver handle, for pragmas, checkpoints and the ledger's batch writer. */
  sqlite: SQLite.Database | undefined
  /** Present on SQLite: checkpoints the WAL in a worker thread, and purges it after a burn. */
  checkpointer: WalCheckpointer | undefined
  /** Present on PostgreSQL: the pool, for the ledger's batch writer. */
  pool: pg.Pool | undefined
  close(): Promise<void>
}

// BIGINT and COUNT(*) arrive as strings from pg; our integers (fen, epoch ms) stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, parseSafeInteger)

function parseSafeInteger(text: string): number {
  const value = Number(text)
  if (!Number.isSafeInteger(value)) throw new RangeError(`integer out of safe range: ${text}`)
  return value
}

/** `log` hears of what happens in the background (SQLite's checkpoints, lost idle connections). */
export function openDatabase(config: Config, log: BackgroundLog = quiet): Database {
  return config.databaseUrl
    ? openPostgres(config.databaseUrl, config.databaseSchema, log)
    : openSqlite(config.dataDir, log)
}

const quiet: BackgroundLog = { warn: () => {}, info: () => {} }

function openSqlite(dataDir: string, log: BackgroundLog): Database {
  fs.mkdirSync(dataDir, { recursive: true })
  const file = path.join(dataDir, 'lifecircle.db')
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  // FULL: an acknowledged payment survives power loss, not just a process crash.
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  // Deleted burn-after-reading text is overwritten with zeros, not left in free pages.
  sqlite.pragma('secure_delete = ON')
  sqlite.pragma('busy_timeout = 5000')
  // Checkpoints happen off the event loop (checkpointer.ts); a WAL that was reset is cut back to this size.
  sqlite.pragma('wal_autocheckpoint = 0')
  sqlite.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`)
  const checkpointer = startWalCheckpointer(file, log)
  const db: Db = new Kysely({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    checkpointer,
    pool: undefined,
    async close() {
      await checkpointer.stop()
      await db.destroy()
    },
  }
}

function openPostgres(connectionString: string, schema: string | undefined, log: BackgroundLog): Database {
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    // While PostgreSQL is down a request waits this long at most, then the client hears 503 and retries.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  })
  // A connection that PostgreSQL drops (restart, failover) emits 'error'; unheard, it would end the process. An idle
  // one is reported by the pool, which forgets it; one checked out between two queries fails its next query, whose
  // caller hears of it. Either way the pool connects afresh when a query next needs a connection.
  pool.on('error', (error) => log.warn('idle PostgreSQL connection lost', { err: error.message }))
  pool.on('connect', (client) => client.on('error', () => undefined))
  const db: Db = new Kysely({ dialect: new PostgresDialect({ pool }) })
  return {
    db,
    dialect: 'postgres',
    sqlite: undefined,
    checkpointer: undefined,
    pool,
    close: () => db.destroy(),
  }
}

const CONNECT_TIMEOUT_MS = 2_000
const STATEMENT_CACHE_MAX = 500
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024

/**
 * Kysely prepares every query anew; on SQLite preparing costs more than running a small query. Queries are
 * parameterised, so the same text recurs and its prepared statement can be reused (one connection, used by one
 * query at a time).
 */
function withStatementCache(sqlite: SQLite.Database) {
  const statements = new Map<string, SQLite.Statement>()
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = statements.get(text)
      if (!statement) {
        if (statements.size >= STATEMENT_CACHE_MAX) statements.clear()
        statement = sqlite.prepare(text)
        statements.set(text, statement)
      }
      return statement
    },
  }
}
