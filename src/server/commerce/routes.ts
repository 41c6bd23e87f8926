import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  AddressBody,
  CreateOrderBody,
  OrdersPage,
  OrdersQuery,
  OrderView,
  PayOrderBody,
  PayRequestBody,
  RefundBody,
  ShipBody,
} from '../../shared/api/commerce.js'
import type { AppContext } from '../context.js'
import { actorOf, requireActor } from '../http/auth.js'
import { emptyBodyAsObject } from '../http/validation.js'
import { idempotencyHeaderSchema, idempotencyScope, sendStored } from '../idempotency/http.js'

const tags = ['commerce']
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })
const orderResponse = { 200: OrderView }

export function commerceRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', requireActor)

    app.post(
      '/orders',
      { schema: { tags, body: CreateOrderBody, response: { 201: OrderView } } },
      async (request, reply) => reply.code(201).send(await ctx.orders.create(actorOf(request), request.body)),
    )
    app.get('/orders', { schema: { tags, querystring: OrdersQuery, response: { 200: OrdersPage } } }, async (request) =>
      ctx.orders.list(actorOf(request), request.query),
    )
    app.get('/orders/:id', { schema: { tags, params: IdParams, response: orderResponse } }, async (request) =>
      ctx.orders.get(actorOf(request), request.params.id),
    )
    app.post(
      '/orders/:id/pay',
      {
        schema: {
          tags,
          params: IdParams,
          headers: idempotencyHeaderSchema,
          body: PayOrderBody,
          response: orderResponse,
        },
      },
      async (request, reply) => {
        const scope = idempotencyScope(request, ctx.idempotency)
        const response = await ctx.idempotency.run(scope, (s) =>
          ctx.orders.pay(actorOf(request), request.params.id, request.body.pin, s),
        )
        return sendStored(reply, response)
      },
    )
    app.post(
      '/orders/:id/pay-requests',
      { schema: { tags, params: IdParams, body: PayRequestBody, response: { 201: OrderView } } },
      async (request, reply) =>
        reply.code(201).send(await ctx.orders.askFriendToPay(actorOf(request), request.params.id, request.body)),
    )
    app.post('/orders/:id/cancel', { schema: { tags, params: IdParams, response: orderResponse } }, async (request) =>
      ctx.orders.cancel(actorOf(request), request.params.id),
    )
    app.put(
      '/orders/:id/address',
      { schema: { tags, params: IdParams, body: AddressBody, response: orderResponse } },
      async (request) => ctx.orders.setAddress(actorOf(request), request.params.id, request.body),
    )
    app.post(
      '/orders/:id/ship',
      { preValidation: emptyBodyAsObject, schema: { tags, params: IdParams, body: ShipBody, response: orderResponse } },
      async (request) => ctx.fulfilment.ship(actorOf(request), request.params.id, request.body.trackingNote),
    )
    app.post(
      '/orders/:id/confirm',
      { schema: { tags, params: IdParams, headers: idempotencyHeaderSchema, response: orderResponse } },
      async (request, reply) => {
        const scope = idempotencyScope(request, ctx.idempotency)
        const response = await ctx.idempotency.run(scope, (s) =>
          ctx.fulfilment.confirm(actorOf(request), request.params.id, s),
        )
        return sendStored(reply, response)
      },
    )
    app.post(
      '/orders/:id/refund',
      {
        preValidation: emptyBodyAsObject,
        schema: {
          tags,
          params: IdParams,
          headers: idempotencyHeaderSchema,
          body: RefundBody,
          response: orderResponse,
        },
      },
      async (request, reply) => {
        const scope = idempotencyScope(request, ctx.idempotency)
        const response = await ctx.idempotency.run(scope, (s) =>
          ctx.fulfilment.refund(actorOf(request), request.params.id, request.body.reason, s),
        )
        return sendStored(reply, response)
      },
    )
    app.post(
      '/orders/:id/refund/decline',
      { schema: { tags, params: IdParams, response: orderResponse } },
      async (request) => ctx.fulfilment.declineRefund(actorOf(request), request.params.id),
    )
  }
}
