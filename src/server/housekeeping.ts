import type { FastifyBaseLogger } from 'fastify'
import type { AppContext } from './context.js'

const INTERVAL_MS = 30_000

/**
 * Periodic chores whose due work is found in the database, so a restart loses nothing and several processes
 * may run them at once: void expired holds, forget idempotency keys past retention, drop expired sessions.
 */
export function startHousekeeping(ctx: AppContext, log: FastifyBaseLogger): () => void {
  let running = false
  const tick = async () => {
    if (running) return
    running = true
    try {
      const voided = await ctx.ledger.voidExpiredHolds()
      if (voided > 0) log.info({ voided }, 'voided expired holds')
      await ctx.idempotency.prune()
      await ctx.accounts.deleteExpiredSessions()
    } catch (error) {
      log.error({ err: error }, 'housekeeping failed')
    } finally {
      running = false
    }
  }
  const timer = setInterval(() => void tick(), INTERVAL_MS)
  timer.unref()
  return () => clearInterval(timer)
}
