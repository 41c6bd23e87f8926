import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  CreateIouBody,
  IousPage,
  IousQuery,
  IouRules,
  IouView,
  PinBody,
  RepaymentBody,
  RepaymentResult,
} from '../../shared/api/ious.js'
import type { AppContext } from '../context.js'
import { actorOf, requireActor } from '../http/auth.js'
import { idempotencyHeaderSchema, idempotencyScope, sendStored } from '../idempotency/http.js'

const tags = ['IOUs']
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })

export function iouRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', requireActor)

    app.post('/ious', { schema: { tags, body: CreateIouBody, response: { 201: IouView } } }, async (request, reply) =>
      reply.code(201).send(await ctx.ious.create(actorOf(request), request.body)),
    )
    app.get('/ious', { schema: { tags, querystring: IousQuery, response: { 200: IousPage } } }, async (request) =>
      ctx.ious.list(actorOf(request), request.query),
    )
    app.get('/ious/rules', { schema: { tags, response: { 200: IouRules } } }, async () => ctx.ious.rules())
    app.get('/ious/:id', { schema: { tags, params: IdParams, response: { 200: IouView } } }, async (request) =>
      ctx.ious.get(actorOf(request), request.params.id),
    )
    app.post(
      '/ious/:id/accept',
      {
        schema: { tags, params: IdParams, headers: idempotencyHeaderSchema, body: PinBody, response: { 200: IouView } },
      },
      async (request, reply) => {
        const scope = idempotencyScope(request, ctx.idempotency)
        const response = await ctx.idempotency.run(scope, (s) =>
          ctx.ious.accept(actorOf(request), request.params.id, request.body.pin, s),
        )
        return sendStored(reply, response)
      },
    )
    app.post('/ious/:id/decline', { schema: { tags, params: IdParams, response: { 200: IouView } } }, async (request) =>
      ctx.ious.decline(actorOf(request), request.params.id),
    )
    app.post(
      '/ious/:id/repayments',
      {
        schema: {
          tags,
          params: IdParams,
          headers: idempotencyHeaderSchema,
          body: RepaymentBody,
          response: { 200: RepaymentResult },
        },
      },
      async (request, reply) => {
        const scope = idempotencyScope(request, ctx.idempotency)
        const response = await ctx.idempotency.run(scope, (s) =>
          ctx.ious.repay(actorOf(request), request.params.id, request.body.amount, request.body.pin, s),
        )
        return sendStored(reply, response)
      },
    )
  }
}
