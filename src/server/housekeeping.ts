import type { FastifyBaseLogger } from 'fastify'
import type { AppContext } from './context.js'
import { PostgresLeadership, type Leadership } from './db/leader.js'

/**
 * Periodic chores whose due work is found in the database, so a restart loses nothing: void expired holds, close
 * unpaid orders and confirm shipped ones past their time, burn unopened messages past theirs, return unclaimed red
 * packets, send collection and IOU reminders, forget idempotency keys past retention, drop expired sessions and old
 * read notifications. Each chore claims its rows with a conditional update, so two processes running it at once
 * still do each thing once; the leader lock in startHousekeeping only saves them the duplicate work.
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
  await ctx.phoneCodes.deleteStale()
  await ctx.notifications.prune()
}

export interface Housekeeping {
  /** Whether this process ran the chores last time it tried (it holds the lead). */
  leading(): boolean
  /** Stops the timer, waits for a round in progress and gives the lead up. */
  stop(): Promise<void>
}

/**
 * Runs the chores now (whatever fell due while the server was down) and then every `housekeepingSeconds`, on the
 * one process of a cluster that holds the leader lock; the others try for it each round and take over when the
 * leader dies.
 */
export function startHousekeeping(ctx: AppContext, log: FastifyBaseLogger): Housekeeping {
  const leadership: Leadership = PostgresLeadership.of(ctx.database, 'lifecircle:housekeeping')
  let round: Promise<void> | undefined
  let leads = false
  let stopped = false
  const tick = () => {
    if (round || stopped) return
    round = (async () => {
      try {
        const was = leads
        // A failed try (PostgreSQL unreachable) leads nothing: the session, and the lock with it, may be gone.
        leads = await leadership.acquire().catch((error: unknown) => {
          log.warn({ err: error }, 'could not try for the housekeeping lead')
          return false
        })
        if (leads !== was) log.info({ leads }, leads ? 'took the housekeeping lead' : 'lost the housekeeping lead')
        if (leads) await runHousekeeping(ctx, log)
      } catch (error) {
        log.error({ err: error }, 'housekeeping failed')
      } finally {
        round = undefined
      }
    })()
  }
  const first = setTimeout(tick, 0)
  const timer = setInterval(tick, ctx.config.housekeepingSeconds * 1000)
  first.unref()
  timer.unref()
  return {
    leading: () => leads,
    async stop() {
      stopped = true
      clearTimeout(first)
      clearInterval(timer)
      await round
      leads = false
      await leadership.release()
    },
  }
}
