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
  /**
   * Called each time the bus is back after losing its connection, with every subscription live again. Frames
   * published meanwhile are gone; whoever holds sockets tells their clients to catch up.
   */
  onReconnect(listener: () => void): void
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

  /** An in-process bus never loses its connection. */
  onReconnect(): void {}

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
  private readonly reconnectListeners: Array<() => void> = []
  private connectedOnce = false

  /** `prefix` keeps several communities (or test runs) apart on one Redis. */
  constructor(
    url: string,
    private readonly prefix = '',
  ) {
    const options = { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false }
    // Named, so that CLIENT LIST tells an operator whose connections these are.
    this.publisher = new Redis(url, { ...options, connectionName: `${prefix}publisher` })
    // Resubscribing is ours to do, so that we know when it is done and only then tell clients to catch up.
    this.subscriber = new Redis(url, { ...options, connectionName: `${prefix}subscriber`, autoResubscribe: false })
    this.subscriber.on('message', (channel: string, message: string) => {
      for (const listener of this.listeners.get(channel.slice(this.prefix.length)) ?? []) listener(message)
    })
    this.subscriber.on('ready', () => {
      if (this.connectedOnce) void this.resubscribe()
      this.connectedOnce = true
    })
    // ioredis reconnects by itself; unheard, an 'error' event while Redis is away would end the process.
    this.publisher.on('error', () => undefined)
    this.subscriber.on('error', () => undefined)
  }

  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener)
  }

  private async resubscribe(): Promise<void> {
    const channels = [...this.listeners.keys()].map((channel) => this.prefix + channel)
    try {
      if (channels.length > 0) await this.subscriber.subscribe(...channels)
    } catch {
      // Lost again before it was done: the next 'ready' tries again.
      return
    }
    for (const listener of this.reconnectListeners) listener()
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
