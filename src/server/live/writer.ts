import { setTimeout as delay } from 'node:timers/promises'
import type { Db } from '../db/database.js'
import { insertDanmaku, type DanmakuRow } from './store.js'

/**
 * How long a danmaku waits for others to share its commit. It waits up to ~100 ms for its room's next batch anyway,
 * and 100 danmaku a second stored one commit each would be 100 fsyncs a second on the event loop (SQLite).
 */
const LINGER_MS = 20
const BATCH_MAX = 400

interface Queued {
  row: DanmakuRow
  resolve: () => void
  reject: (error: unknown) => void
}

/** Group commit for danmaku: those that arrive within a few milliseconds of each other are inserted together. */
export class DanmakuWriter {
  private queue: Queued[] = []
  private flushing: Promise<void> | undefined

  constructor(
    private readonly db: Db,
    private readonly lingerMs = LINGER_MS,
  ) {}

  insert(row: DanmakuRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject })
      this.flushing ??= delay(this.lingerMs).then(() => this.drainQueue())
    })
  }

  private async drainQueue(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.commitOrSplit(this.queue.splice(0, BATCH_MAX))
    } finally {
      this.flushing = undefined
    }
  }

  /** A batch that fails as a whole is retried one danmaku at a time, so that one bad row fails alone. */
  private async commitOrSplit(batch: Queued[]): Promise<void> {
    try {
      await insertDanmaku(
        this.db,
        batch.map((item) => item.row),
      )
      for (const item of batch) item.resolve()
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error)
      for (const item of batch) await this.commitOrSplit([item])
    }
  }
}
