import type { FastifyBaseLogger } from 'fastify'
import type { Bus } from './bus.js'

/** A server → client WebSocket frame (API.md): `message.new`, `notification.new`, `danmaku.batch`… */
export interface Frame {
  type: string
  data: unknown
}

export function userChannel(userId: string): string {
  return `user:${userId}`
}

/**
 * Sends frames to people's sockets, on whichever server process holds them. Call it only after the transaction
 * that made the news has committed: a frame about a rolled-back write would be a lie. A frame lost on the way (Redis
 * down, socket gone) is not an error for the caller: clients catch up from the stored state when they reconnect.
 */
export class Push {
  constructor(
    private readonly bus: Bus,
    private readonly log: Pick<FastifyBaseLogger, 'warn'>,
  ) {}

  async toUsers(userIds: Iterable<string>, frame: Frame): Promise<void> {
    const text = JSON.stringify(frame)
    const sent = await Promise.allSettled([...new Set(userIds)].map((id) => this.bus.publish(userChannel(id), text)))
    const failed = sent.filter((s) => s.status === 'rejected').length
    if (failed > 0) this.log.warn({ type: frame.type, failed }, 'push not published')
  }
}
