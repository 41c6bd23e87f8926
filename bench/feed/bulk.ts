import type SQLite from 'better-sqlite3'
import type pg from 'pg'

/** Column types, for PostgreSQL's `unnest($n::type[])`. */
const COLUMNS: Record<string, Record<string, 'text' | 'bigint' | 'integer'>> = {
  users: {
    id: 'text',
    phone: 'text',
    password_hash: 'text',
    display_name: 'text',
    locale: 'text',
    avatar_url: 'text',
    created_at: 'bigint',
  },
  sessions: { token_hash: 'text', user_id: 'text', created_at: 'bigint', expires_at: 'bigint' },
  friendships: {
    user_id: 'text',
    friend_id: 'text',
    mute_their_posts: 'integer',
    hide_my_posts: 'integer',
    created_at: 'bigint',
  },
  blocks: { blocker_id: 'text', blocked_id: 'text', created_at: 'bigint' },
  posts: {
    id: 'text',
    author_id: 'text',
    kind: 'text',
    text: 'text',
    visibility: 'text',
    tips_enabled: 'integer',
    product_title: 'text',
    product_price: 'bigint',
    product_stock: 'integer',
    product_description: 'text',
    order_id: 'text',
    created_at: 'bigint',
  },
  post_audience: { post_id: 'text', user_id: 'text' },
  post_likes: { post_id: 'text', user_id: 'text', created_at: 'bigint' },
  post_comments: {
    id: 'text',
    post_id: 'text',
    author_id: 'text',
    text: 'text',
    reply_to_comment_id: 'text',
    reply_to_user_id: 'text',
    created_at: 'bigint',
  },
  real_names: {
    user_id: 'text',
    id_number_hash: 'text',
    masked_name: 'text',
    birth_date: 'text',
    verified_at: 'bigint',
  },
  ledger_accounts: {
    id: 'text',
    kind: 'text',
    user_id: 'text',
    must_not_overdraw: 'integer',
    debits_posted: 'bigint',
    credits_posted: 'bigint',
    debits_pending: 'bigint',
    credits_pending: 'bigint',
    created_at: 'bigint',
  },
  // The chat bench's tables.
  groups: { id: 'text', name: 'text', owner_id: 'text', conversation_id: 'text', created_at: 'bigint' },
  group_members: { group_id: 'text', user_id: 'text', joined_at: 'bigint' },
  conversations: {
    id: 'text',
    kind: 'text',
    direct_key: 'text',
    group_id: 'text',
    last_seq: 'integer',
    last_message_at: 'bigint',
    created_at: 'bigint',
  },
  conversation_members: {
    conversation_id: 'text',
    user_id: 'text',
    last_read_seq: 'integer',
    last_delivered_seq: 'integer',
    created_at: 'bigint',
  },
}

export type TableName = keyof typeof COLUMNS
export type Rows = readonly object[]

/** Writes rows straight into the app's tables, bypassing the services: set-up only, never measured. */
export interface BulkLoader {
  /** Each call is one transaction; tables are written in the order given (parents first). */
  load(tables: Array<[TableName, Rows]>): Promise<void>
  /** Statistics for the planner on the tables loaded so far (PostgreSQL: what autovacuum would do a little later). */
  settle(): Promise<void>
}

/** better-sqlite3 prepared statements in one `transaction()` per call; foreign keys are checked by the generator. */
export function sqliteLoader(sqlite: SQLite.Database): BulkLoader {
  const statements = new Map<string, SQLite.Statement>()
  const statement = (table: TableName) => {
    let s = statements.get(table)
    if (!s) {
      const names = Object.keys(COLUMNS[table]!)
      s = sqlite.prepare(`insert into ${table} (${names.join(', ')}) values (${names.map((n) => `@${n}`).join(', ')})`)
      statements.set(table, s)
    }
    return s
  }
  const write = sqlite.transaction((tables: Array<[TableName, Rows]>) => {
    for (const [table, rows] of tables) {
      const s = statement(table)
      for (const row of rows) s.run(row)
    }
  })
  return {
    async load(tables) {
      sqlite.pragma('foreign_keys = OFF')
      try {
        write(tables)
      } finally {
        sqlite.pragma('foreign_keys = ON')
      }
    },
    // The app never runs ANALYZE on SQLite, so neither does the bench: the plans measured are the shipped ones.
    async settle() {
      sqlite.pragma('wal_checkpoint(TRUNCATE)')
    },
  }
}

/** One `insert … select * from unnest($1::text[], …)` per 5,000 rows: a round trip moves a whole batch. */
export function postgresLoader(pool: pg.Pool): BulkLoader {
  const CHUNK = 5_000
  const loaded = new Set<TableName>()
  return {
    async load(tables) {
      for (const [table] of tables) loaded.add(table)
      const client = await pool.connect()
      try {
        await client.query('begin')
        for (const [table, rows] of tables) {
          const columns = Object.entries(COLUMNS[table]!)
          const text = `insert into ${table} (${columns.map(([n]) => n).join(', ')})
            select * from unnest(${columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})`
          for (let start = 0; start < rows.length; start += CHUNK) {
            const chunk = rows.slice(start, start + CHUNK)
            await client.query(
              text,
              columns.map(([name]) => chunk.map((row) => (row as Record<string, unknown>)[name] ?? null)),
            )
          }
        }
        await client.query('commit')
      } catch (error) {
        await client.query('rollback')
        throw error
      } finally {
        client.release()
      }
    },
    async settle() {
      if (loaded.size > 0) await pool.query(`vacuum (analyze) ${[...loaded].join(', ')}`)
    },
  }
}
