import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  CollectionPayment,
  CollectionsPage,
  CollectionsQuery,
  CollectionView,
  CreateCollectionBody,
  PayCollectionBody,
  RemindersMuted,
} from '../../shared/api/collections.js'
import type { AppContext } from '../context.js'
import { actorOf, requireActor } from '../http/auth.js'
import { idempotencyHeaderSchema, idempotencyScope, sendStored } from '../idempotency/http.js'

const tags = ['collections']
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })

export function collectionRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', requireActor)

    app.post(
      '/groups/:id/collections',
      { schema: { tags, params: IdParams, body: CreateCollectionBody, response: { 201: CollectionView } } },
      async (request, reply) =>
        reply.code(201).send(await ctx.collections.create(actorOf(request), request.params.id, request.body)),
    )
    app.get(
      '/collections',
      { schema: { tags, querystring: CollectionsQuery, response: { 200: CollectionsPage } } },
      async (request) => ctx.collections.list(actorOf(request), request.query),
    )
    app.get(
      '/collections/:id',
      { schema: { tags, params: IdParams, response: { 200: CollectionView } } },
      async (request) => ctx.collections.get(actorOf(request), request.params.id),
    )
    app.post(
      '/collections/:id/pay',
      {
        schema: {
          tags,
          params: IdParams,
          headers: idempotencyHeaderSchema,
          body: PayCollectionBody,
          response: { 200: CollectionPayment },
        },
      },
      async (request, reply) => {
        const scope = idempotencyScope(request, ctx.idempotency)
        const response = await ctx.idempotency.run(scope, (s) =>
          ctx.collections.pay(actorOf(request), request.params.id, request.body.pin, s),
        )
        return sendStored(reply, response)
      },
    )
    app.post(
      '/collections/:id/close',
      { schema: { tags, params: IdParams, response: { 200: CollectionView } } },
      async (request) => ctx.collections.close(actorOf(request), request.params.id),
    )
    app.post(
      '/collections/:id/reminders/mute',
      { schema: { tags, params: IdParams, response: { 200: RemindersMuted } } },
      async (request) => ctx.collections.mute(actorOf(request), request.params.id),
    )
  }
}
