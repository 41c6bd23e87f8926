import { setTimeout as delay } from 'node:timers/promises'

interface Queued<T, R> {
  item: T
  resolve: (result: R) => void
  reject: (error: unknown) => void
}

export interface GroupCommitOptions {
  /** Items in one commit at most. */
  batchMax: number
  /** How long the first item waits for others; without it, until the end of the current turn of the event loop. */
  lingerMs?: number
}

/**
 * Group commit: items submitted together — in the same turn of the event loop, within `lingerMs`, or while a batch is
 * being written — are committed by one call of `commit` (one transaction, one fsync on SQLite), and each is answered
 * on its own, with its own element of what `commit` returns. A batch that fails as a whole is retried one item at a
 * time, so that one bad item fails alone.
 */
export class GroupCommit<T, R> {
  private queue: Array<Queued<T, R>> = []
  private flushing: Promise<void> | undefined

  constructor(
    private readonly commit: (items: T[]) => Promise<R[]>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject })
      this.flushing ??= this.gathered().then(() => this.drainQueue())
    })
  }

  private gathered(): Promise<unknown> {
    const { lingerMs } = this.options
    return lingerMs === undefined ? new Promise((done) => setImmediate(done)) : delay(lingerMs)
  }

  private async drainQueue(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.commitOrSplit(this.queue.splice(0, this.options.batchMax))
    } finally {
      this.flushing = undefined
    }
  }

  private async commitOrSplit(batch: Array<Queued<T, R>>): Promise<void> {
    try {
      const results = await this.commit(batch.map((queued) => queued.item))
      batch.forEach((queued, i) => queued.resolve(results[i]!))
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error)
      for (const queued of batch) await this.commitOrSplit([queued])
    }
  }
}
