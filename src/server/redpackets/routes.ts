import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ClaimResult, RedPacketView, SendRedPacketBody, SentRedPacket } from '../../shared/api/redpackets.js'
import type { AppContext } from '../context.js'
import { actorOf, requireActor } from '../http/auth.js'
import { idempotencyHeaderSchema, idempotencyScope, sendStored } from '../idempotency/http.js'

const tags = ['red packets']
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })

export function redPacketRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', requireActor)

    app.post(
      '/conversations/:id/red-packets',
      {
        schema: {
          tags,
          params: IdParams,
          headers: idempotencyHeaderSchema,
          body: SendRedPacketBody,
          response: { 201: SentRedPacket },
        },
      },
      async (request, reply) => {
        const scope = idempotencyScope(request, ctx.idempotency)
        const response = await ctx.idempotency.run(scope, (s) =>
          ctx.redPackets.send(actorOf(request), request.params.id, request.body, s),
        )
        return sendStored(reply, response)
      },
    )
    app.post(
      '/red-packets/:id/claim',
      { schema: { tags, params: IdParams, headers: idempotencyHeaderSchema, response: { 200: ClaimResult } } },
      async (request, reply) => {
        const scope = idempotencyScope(request, ctx.idempotency)
        const response = await ctx.idempotency.run(scope, (s) =>
          ctx.redPackets.claim(actorOf(request), request.params.id, s),
        )
        return sendStored(reply, response)
      },
    )
    app.get(
      '/red-packets/:id',
      { schema: { tags, params: IdParams, response: { 200: RedPacketView } } },
      async (request) => ctx.redPackets.get(actorOf(request), request.params.id),
    )
  }
}
