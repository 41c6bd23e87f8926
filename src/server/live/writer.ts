import type { Db } from '../db/database.js'
import { GroupCommit } from '../db/group-commit.js'
import { insertDanmaku, type DanmakuRow } from './store.js'

/**
 * How long a danmaku waits for others to share its commit. It waits up to ~100 ms for its room's next batch anyway,
 * and 100 danmaku a second stored one commit each would be 100 fsyncs a second on the event loop (SQLite).
 */
const LINGER_MS = 20
const BATCH_MAX = 400

/** Group commit for danmaku: those that arrive within a few milliseconds of each other are inserted together. */
export class DanmakuWriter {
  private readonly batches: GroupCommit<DanmakuRow, undefined>

  constructor(db: Db) {
    this.batches = new GroupCommit(
      async (rows) => {
        await insertDanmaku(db, rows)
        return rows.map(() => undefined)
      },
      { batchMax: BATCH_MAX, lingerMs: LINGER_MS },
    )
  }

  async insert(row: DanmakuRow): Promise<void> {
    await this.batches.submit(row)
  }
}
