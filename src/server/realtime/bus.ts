import { EventEmitter } from 'node:events'
import { Redis } from 'ioredis'

export type BusListener = (message: string) => void

/**
 * Fan-out between server processes. In-process by default; Redis pub/sub when REDIS_URL is set, so a message
 * published on one node reaches sockets held by another.
 */
export interface Bus {
  readonly kind: 'memory' | 'redis'
  publish(channel: string, message: string): Promise<void>
  /** Resolves once the subscription is live; returns the function that ends it. */
  subscribe(channel: string, listener: BusListener): Promise<() => Promise<void>>
  ping(): Promise<void>
  close(): Promise<void>
}

export class MemoryBus implements Bus {
  readonly kind = 'memory'
  private readonly emitter = new EventEmitter().setMaxListeners(0)

  async publish(channel: string, message: string): Promise<void> {
    this.emitter.emit(channel, message)
  }

  async subscribe(channel: string, listener: BusListener): Promise<() => Promise<void>> {
    this.emitter.on(channel, listener)
    return async () => {
      this.emitter.off(channel, listener)
    }
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.emitter.removeAllListeners()
  }
}

export class RedisBus implements Bus {
  readonly kind = 'redis'
  private readonly publisher: Redis
  private readonly subscriber: Redis
  private readonly listeners = new Map<string, Set<BusListener>>()

  /** `prefix` keeps several communities (or test runs) apart on one Redis. */
  constructor(
    url: string,
    private readonly prefix = '',
  ) {
    const options = { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false }
    this.publisher = new Redis(url, options)
    this.subscriber = new Redis(url, options)
    this.subscriber.on('message', (channel: string, message: string) => {
      for (const listener of this.listeners.get(channel.slice(this.prefix.length)) ?? []) listener(message)
    })
  }

  /** A client for other shared state (rate-limit counters), sharing this bus's connection settings. */
  get client(): Redis {
    return this.publisher
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.publisher.publish(this.prefix + channel, message)
  }

  async subscribe(channel: string, listener: BusListener): Promise<() => Promise<void>> {
    let set = this.listeners.get(channel)
    if (!set) {
      set = new Set()
      this.listeners.set(channel, set)
      await this.subscriber.subscribe(this.prefix + channel)
    }
    set.add(listener)
    return async () => {
      const current = this.listeners.get(channel)
      if (!current?.delete(listener) || current.size > 0) return
      this.listeners.delete(channel)
      await this.subscriber.unsubscribe(this.prefix + channel)
    }
  }

  async ping(): Promise<void> {
    await this.publisher.ping()
  }

  async close(): Promise<void> {
    this.listeners.clear()
    await Promise.allSettled([this.publisher.quit(), this.subscriber.quit()])
  }
}
