import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sql } from 'kysely'
import { Type } from 'typebox'
import type { AppContext } from '../context.js'
import { ServiceUnavailableError } from '../errors.js'

const Health = Type.Object({
  status: Type.Literal('ok'),
  db: Type.Enum(['sqlite', 'postgres']),
  bus: Type.Enum(['memory', 'redis']),
})

export function healthRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/health', { schema: { tags: ['health'], response: { 200: Health } } }, async (request) => {
      const [db, bus] = await Promise.allSettled([sql`select 1`.execute(ctx.database.db), ctx.bus.ping()])
      if (db.status === 'rejected' || bus.status === 'rejected') {
        const reason: unknown = db.status === 'rejected' ? db.reason : (bus as PromiseRejectedResult).reason
        request.log.warn({ err: reason }, 'health check failed')
        // Which part is down, so that a load balancer's log or an operator's curl says where to look.
        throw new ServiceUnavailableError({ db: stateOf(db), bus: stateOf(bus) }, 2)
      }
      return { status: 'ok' as const, db: ctx.database.dialect, bus: ctx.bus.kind }
    })
  }
}

function stateOf(check: PromiseSettledResult<unknown>): 'up' | 'down' {
  return check.status === 'fulfilled' ? 'up' : 'down'
}
