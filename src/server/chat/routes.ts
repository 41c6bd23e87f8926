import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  ChatTransferBody,
  ChatTransferResult,
  ConversationsPage,
  ConversationView,
  MessagesPage,
  MessagesQuery,
  MessageView,
  OpenConversationBody,
  OpenedMessage,
  ReadBody,
  SendMessageBody,
} from '../../shared/api/chat.js'
import { NoContent } from '../../shared/api/common.js'
import type { AppContext } from '../context.js'
import { actorOf, requireActor } from '../http/auth.js'
import { idempotencyHeaderSchema, idempotencyScope, sendStored } from '../idempotency/http.js'

const tags = ['chat']
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })

export function chatRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', requireActor)

    app.post(
      '/conversations',
      { schema: { tags, body: OpenConversationBody, response: { 200: ConversationView, 201: ConversationView } } },
      async (request, reply) => {
        const { conversation, created } = await ctx.chat.openDirect(actorOf(request), request.body.userId)
        return reply.code(created ? 201 : 200).send(conversation)
      },
    )
    app.get('/conversations', { schema: { tags, response: { 200: ConversationsPage } } }, async (request) =>
      ctx.chat.list(actorOf(request)),
    )
    app.get(
      '/conversations/:id',
      { schema: { tags, params: IdParams, response: { 200: ConversationView } } },
      async (request) => ctx.chat.conversation(actorOf(request), request.params.id),
    )
    app.get(
      '/conversations/:id/messages',
      { schema: { tags, params: IdParams, querystring: MessagesQuery, response: { 200: MessagesPage } } },
      async (request) => ctx.chat.messages(actorOf(request), request.params.id, request.query),
    )
    app.post(
      '/conversations/:id/messages',
      { schema: { tags, params: IdParams, body: SendMessageBody, response: { 201: MessageView } } },
      async (request, reply) =>
        reply.code(201).send(await ctx.chat.send(actorOf(request), request.params.id, request.body)),
    )
    app.post(
      '/conversations/:id/read',
      { schema: { tags, params: IdParams, body: ReadBody, response: { 204: NoContent } } },
      async (request, reply) => {
        await ctx.chat.read(actorOf(request), request.params.id, request.body.seq)
        return reply.code(204).send(null)
      },
    )
    app.post(
      '/conversations/:id/transfers',
      {
        schema: {
          tags,
          params: IdParams,
          headers: idempotencyHeaderSchema,
          body: ChatTransferBody,
          response: { 201: ChatTransferResult },
        },
      },
      async (request, reply) => {
        const scope = idempotencyScope(request, ctx.idempotency)
        const response = await ctx.idempotency.run(scope, (s) =>
          ctx.chatTransfers.send(actorOf(request), request.params.id, request.body, s),
        )
        return sendStored(reply, response)
      },
    )
    app.post(
      '/messages/:id/open',
      { schema: { tags, params: IdParams, response: { 200: OpenedMessage } } },
      async (request, reply) => {
        const opened = await ctx.burns.open(actorOf(request), request.params.id)
        // The text exists once, in this answer: no cache may keep a copy.
        return reply.header('cache-control', 'no-store').send(opened)
      },
    )
  }
}
