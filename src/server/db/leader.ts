import pg from 'pg'
import type { Database } from './database.js'

/** Who may run work that must happen on one process at a time. */
export interface Leadership {
  /** True while this process holds the lead; tries to take it when nobody does. */
  acquire(): Promise<boolean>
  /** Gives the lead up, so another process takes it at its next try. */
  release(): Promise<void>
}

/** One process per SQLite file: it always leads. */
export class SoleLeadership implements Leadership {
  async acquire(): Promise<boolean> {
    return true
  }

  async release(): Promise<void> {}
}

/**
 * A PostgreSQL session advisory lock held on a connection of its own, outside the pool. It lasts as long as that
 * session: when the process dies or its connection breaks, PostgreSQL lets go and another process takes the lead at
 * its next try. The key is named after the schema, so communities sharing a database do not share a leader.
 */
export class PostgresLeadership implements Leadership {
  private client: pg.Client | undefined
  private held = false

  constructor(
    private readonly options: pg.ClientConfig,
    private readonly name: string,
  ) {}

  static of(database: Database, name: string): Leadership {
    if (!database.pool) return new SoleLeadership()
    const { connectionString, options } = database.pool.options
    return new PostgresLeadership({ connectionString, options, connectionTimeoutMillis: 5_000 }, name)
  }

  async acquire(): Promise<boolean> {
    if (this.held && this.client) return true
    const client = this.client ?? (await this.connect())
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        `select pg_try_advisory_lock(hashtext($1 || ':' || current_schema())) as locked`,
        [this.name],
      )
      this.held = rows[0]?.locked === true
      return this.held
    } catch (error) {
      // A session that cannot answer is of no use: start afresh at the next try.
      await this.release()
      throw error
    }
  }

  async release(): Promise<void> {
    const client = this.client
    this.client = undefined
    this.held = false
    // Ending the session drops the lock with it.
    await client?.end().catch(() => undefined)
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client(this.options)
    // A broken session has lost the lock: forget it and connect afresh at the next try.
    client.on('error', () => {
      if (this.client !== client) return
      this.client = undefined
      this.held = false
    })
    client.on('end', () => {
      if (this.client !== client) return
      this.client = undefined
      this.held = false
    })
    await client.connect()
    this.client = client
    return client
  }
}
