import type { Db } from '../db/database.js'

export interface CounterState {
  count: number
  windowEndsAt: number
}

/** Adds one to a fixed-window counter, starting a new window when the old one has ended. Atomic on both dialects. */
export async function incrementCounter(db: Db, key: string, windowMs: number, now: number): Promise<CounterState> {
  const row = await db
    .insertInto('rate_counters')
    .values({ key, count: 1, window_ends_at: now + windowMs })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        count: eb
          .case()
          .when('rate_counters.window_ends_at', '<=', now)
          .then(1)
          .else(eb('rate_counters.count', '+', 1))
          .end(),
        window_ends_at: eb
          .case()
          .when('rate_counters.window_ends_at', '<=', now)
          .then(now + windowMs)
          .else(eb.ref('rate_counters.window_ends_at'))
          .end(),
      })),
    )
    .returning(['count', 'window_ends_at'])
    .executeTakeFirstOrThrow()
  return { count: row.count, windowEndsAt: row.window_ends_at }
}

export async function deleteCounter(db: Db, key: string): Promise<void> {
  await db.deleteFrom('rate_counters').where('key', '=', key).execute()
}
