import type { FastifyBaseLogger } from 'fastify'
import type { Bus } from './bus.js'

/** Every process listens here and closes the sockets of the sessions named. */
export const SESSIONS_ENDED_CHANNEL = 'sessions-ended'

/** Tells every process that these sessions ended. Never throws: the gateways' periodic check covers a lost notice. */
export async function publishSessionsEnded(
  bus: Bus,
  log: Pick<FastifyBaseLogger, 'warn'>,
  sessionIds: string[],
): Promise<void> {
  try {
    await bus.publish(SESSIONS_ENDED_CHANNEL, JSON.stringify(sessionIds))
  } catch (error) {
    log.warn({ err: error, sessions: sessionIds.length }, 'session ends not published')
  }
}

export function parseSessionIds(message: string): string[] {
  try {
    const value: unknown = JSON.parse(message)
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []
  } catch {
    return []
  }
}
