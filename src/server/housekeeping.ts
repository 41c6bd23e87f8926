import type { FastifyBaseLogger } from 'fastify'
import type { AppContext } from './context.js'

const INTERVAL_MS = 30_000

/**
 * Periodic chores whose due work is found in the database, so a restart loses nothing and several processes
 * may run them at once: void expired holds, close unpaid orders and confirm shipped ones past their time, burn
 * unopened messages past theirs, return unclaimed red packets, send collection and IOU reminders, forget idempotency
 * keys past retention, drop expired sessions and old read notifications.
 */
export async function runHousekeeping(ctx: AppContext, log: FastifyBaseLogger): Promise<void> {
  const voided = await ctx.ledger.voidExpiredHolds()
  if (voided > 0) log.info({ voided }, 'voided expired holds')
  const orders = await ctx.fulfilment.settleDue()
  if (orders > 0) log.info({ orders }, 'closed unpaid and auto-confirmed orders')
  const packets = await ctx.redPackets.expire()
  if (packets > 0) log.info({ packets }, 'returned unclaimed red packets')
  const reminded = (await ctx.collections.remind()) + (await ctx.iouReminders.remind())
  if (reminded > 0) log.info({ reminded }, 'sent collection and IOU reminders')
  const burned = await ctx.burns.expire()
  if (burned > 0) log.info({ burned }, 'burned unopened messages past their time')
  await ctx.idempotency.prune()
  await ctx.accounts.deleteExpiredSessions()
  await ctx.notifications.prune()
}

/** Runs the chores now (whatever fell due while the server was down) and then every 30 s. */
export function startHousekeeping(ctx: AppContext, log: FastifyBaseLogger): () => void {
  let running = false
  const tick = async () => {
    if (running) return
    running = true
    try {
      await runHousekeeping(ctx, log)
    } catch (error) {
      log.error({ err: error }, 'housekeeping failed')
    } finally {
      running = false
    }
  }
  const first = setTimeout(() => void tick(), 0)
  const timer = setInterval(() => void tick(), INTERVAL_MS)
  first.unref()
  timer.unref()
  return () => {
    clearTimeout(first)
    clearInterval(timer)
  }
}
