import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { NoContent } from '../../shared/api/common.js'
import {
  CommentView,
  CreateCommentBody,
  CreatePostBody,
  FeedQuery,
  PostQuery,
  PostsPage,
  PostView,
  TipResult,
} from '../../shared/api/feed.js'
import { EditProductBody } from '../../shared/api/commerce.js'
import type { AppContext } from '../context.js'
import { actorOf, requireActor } from '../http/auth.js'
import { idempotencyHeaderSchema, idempotencyScope, sendStored } from '../idempotency/http.js'

const tags = ['feed']
const Id = Type.String({ minLength: 1, maxLength: 64 })
const IdParams = Type.Object({ id: Id })

export function feedRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', requireActor)

    app.post(
      '/posts',
      { schema: { tags, body: CreatePostBody, response: { 201: PostView } } },
      async (request, reply) => reply.code(201).send(await ctx.feed.createPost(actorOf(request), request.body)),
    )
    app.get('/feed', { schema: { tags, querystring: FeedQuery, response: { 200: PostsPage } } }, async (request) =>
      ctx.feed.feed(actorOf(request), request.query),
    )
    app.get(
      '/users/:id/posts',
      { schema: { tags, params: IdParams, querystring: FeedQuery, response: { 200: PostsPage } } },
      async (request) => ctx.feed.userPosts(actorOf(request), request.params.id, request.query),
    )
    app.get(
      '/posts/:id',
      { schema: { tags, params: IdParams, querystring: PostQuery, response: { 200: PostView } } },
      async (request) => ctx.feed.getPost(actorOf(request), request.params.id, request.query.script),
    )
    app.delete(
      '/posts/:id',
      { schema: { tags, params: IdParams, response: { 204: NoContent } } },
      async (request, reply) => {
        await ctx.feed.deletePost(actorOf(request), request.params.id)
        return reply.code(204).send(null)
      },
    )
    app.patch(
      '/posts/:id/product',
      { schema: { tags, params: IdParams, body: EditProductBody, response: { 200: PostView } } },
      async (request) => ctx.products.edit(actorOf(request), request.params.id, request.body),
    )
    app.post(
      '/posts/:id/likes',
      { schema: { tags, params: IdParams, response: { 204: NoContent } } },
      async (request, reply) => {
        await ctx.feed.like(actorOf(request), request.params.id)
        return reply.code(204).send(null)
      },
    )
    app.delete(
      '/posts/:id/likes',
      { schema: { tags, params: IdParams, response: { 204: NoContent } } },
      async (request, reply) => {
        await ctx.feed.unlike(actorOf(request), request.params.id)
        return reply.code(204).send(null)
      },
    )
    app.post(
      '/posts/:id/comments',
      { schema: { tags, params: IdParams, body: CreateCommentBody, response: { 201: CommentView } } },
      async (request, reply) =>
        reply.code(201).send(await ctx.feed.comment(actorOf(request), request.params.id, request.body)),
    )
    app.delete(
      '/comments/:id',
      { schema: { tags, params: IdParams, response: { 204: NoContent } } },
      async (request, reply) => {
        await ctx.feed.deleteComment(actorOf(request), request.params.id)
        return reply.code(204).send(null)
      },
    )
    app.post(
      '/posts/:id/tips',
      { schema: { tags, params: IdParams, headers: idempotencyHeaderSchema, response: { 201: TipResult } } },
      async (request, reply) => {
        const scope = idempotencyScope(request, ctx.idempotency)
        const response = await ctx.idempotency.run(scope, (s) => ctx.feed.tip(actorOf(request), request.params.id, s))
        return sendStored(reply, response)
      },
    )
  }
}
