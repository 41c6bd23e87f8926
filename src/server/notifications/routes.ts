import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { NoContent } from '../../shared/api/common.js'
import { MarkReadBody, NotificationsPage, NotificationsQuery } from '../../shared/api/notifications.js'
import type { AppContext } from '../context.js'
import { actorOf, requireActor } from '../http/auth.js'

const tags = ['notifications']

export function notificationsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', requireActor)

    app.get(
      '/notifications',
      { schema: { tags, querystring: NotificationsQuery, response: { 200: NotificationsPage } } },
      async (request) => ctx.notifications.list(actorOf(request), request.query),
    )
    app.post(
      '/notifications/read',
      {
        schema: { tags, body: MarkReadBody, response: { 204: NoContent } },
        // No body at all means what an empty one does: mark all read.
        preValidation: async (request) => {
          request.body ??= {}
        },
      },
      async (request, reply) => {
        await ctx.notifications.markRead(actorOf(request), request.body)
        return reply.code(204).send(null)
      },
    )
  }
}
