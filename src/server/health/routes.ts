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
      try {
        await Promise.all([sql`select 1`.execute(ctx.database.db), ctx.bus.ping()])
      } catch (error) {
        request.log.warn({ err: error }, 'health check failed')
        throw new ServiceUnavailableError()
      }
      return { status: 'ok' as const, db: ctx.database.dialect, bus: ctx.bus.kind }
    })
  }
}
