import type { FastifyBaseLogger } from 'fastify'
import { monotonicFactory } from 'ulid'
import type { DomainEvent } from './types.js'

/**
 * Stamped at emit, just after the commit: listeners run a little later and in no promised order, so whatever they
 * must order by (a list, newest first) comes from here. Ids are ULIDs, increasing in the order of emits.
 */
export interface EventStamp {
  id: string
  at: number
}

export type EventListener = (event: DomainEvent, stamp: EventStamp) => Promise<void>

/** What a producer needs: a place to say that something happened. */
export interface Events {
  emit(event: DomainEvent): void
}

/**
 * In-process domain events. Services emit only after their transaction has committed (or their ledger command was
 * accepted), so no listener ever hears of a write that was rolled back. Listeners run after the emitting request
 * has moved on; a failing listener is logged and never fails that request. Events live in memory: a crash between
 * the commit and a listener loses that listener's work, which is acceptable for what listens today (notifications,
 * a nudge beside state the client can always list).
 */
export class EventHub implements Events {
  private readonly newId = monotonicFactory()
  private readonly listeners: EventListener[] = []
  private readonly running = new Set<Promise<void>>()

  constructor(
    private readonly log: Pick<FastifyBaseLogger, 'error'>,
    private readonly clock: () => number,
  ) {}

  on(listener: EventListener): void {
    this.listeners.push(listener)
  }

  emit(event: DomainEvent): void {
    const at = this.clock()
    const stamp = { id: this.newId(at), at }
    for (const listener of this.listeners) {
      const run = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => listener(event, stamp))
        .catch((error: unknown) => this.log.error({ err: error, event: event.type }, 'event listener failed'))
        .finally(() => this.running.delete(run))
      this.running.add(run)
    }
  }

  /** Resolves when every listener started so far has finished (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running])
  }
}
