import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { NoContent } from '../../shared/api/common.js'
import { TipResult } from '../../shared/api/feed.js'
import {
  CreateEventBody,
  DANMAKU_IMPORT_MAX_BYTES,
  DANMAKU_IMPORT_MAX_ITEMS,
  DanmakuPage,
  DanmakuQuery,
  DanmakuView,
  EndEventBody,
  EventsPage,
  EventsQuery,
  EventView,
  ImportResult,
  KeywordsBody,
  MuteBody,
  SendDanmakuBody,
} from '../../shared/api/live.js'
import type { AppContext } from '../context.js'
import { actorOf, requireActor } from '../http/auth.js'
import { emptyBodyAsObject } from '../http/validation.js'
import { idempotencyHeaderSchema, idempotencyScope, sendStored } from '../idempotency/http.js'
import { DanmakuImportTooLargeError } from './errors.js'

const tags = ['live']
const Id = Type.String({ minLength: 1, maxLength: 64 })
const IdParams = Type.Object({ id: Id })
const Keywords = Type.Object({ keywords: Type.Array(Type.String()) })
const IMPORT_DESCRIPTION =
  `The event's host only (anyone else: 403; no such event: 404). Body: application/xml (or text/xml) in the ` +
  `Bilibili format, at most ${DANMAKU_IMPORT_MAX_BYTES / (1024 * 1024)} MiB and ${DANMAKU_IMPORT_MAX_ITEMS} <d> ` +
  `items, else 413 PAYLOAD_TOO_LARGE and nothing is imported. Not well-formed XML, or a DOCTYPE with external or ` +
  `parameter entities, an external DTD or an entity over 1,024 characters: 400 INVALID_XML, nothing imported. ` +
  `Entities a DOCTYPE declares are never expanded: their references are stored as written. Skipped and counted, ` +
  `one by one: modes we do not render (6–9), a p that cannot be read or whose numbers are out of range (video ` +
  `time 0–1e7 s, font size 1–255, colour 0–0xffffff, send time 0 to the year 9999, pool and weight 0–255, dmid ` +
  `up to 20 digits, sender hash up to 32 letters and digits), and text a viewer could not send (empty, over 100 ` +
  `characters, control characters other than tab and newline). Duplicates are kept. All items are stored in one ` +
  `transaction.`

export function liveRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', requireActor)
    app.addContentTypeParser(
      ['application/xml', 'text/xml'],
      { parseAs: 'string', bodyLimit: DANMAKU_IMPORT_MAX_BYTES },
      (_request, body, done) => done(null, body),
    )

    app.post(
      '/live/events',
      { schema: { tags, body: CreateEventBody, response: { 201: EventView } } },
      async (request, reply) => reply.code(201).send(await ctx.live.create(actorOf(request), request.body)),
    )
    app.get(
      '/live/events',
      { schema: { tags, querystring: EventsQuery, response: { 200: EventsPage } } },
      async (request) => ctx.live.list(request.query),
    )
    app.get('/live/events/:id', { schema: { tags, params: IdParams, response: { 200: EventView } } }, async (request) =>
      ctx.live.get(request.params.id),
    )
    app.post(
      '/live/events/:id/start',
      { schema: { tags, params: IdParams, response: { 200: EventView } } },
      async (request) => ctx.live.start(actorOf(request), request.params.id),
    )
    app.post(
      '/live/events/:id/end',
      {
        preValidation: emptyBodyAsObject,
        schema: { tags, params: IdParams, body: EndEventBody, response: { 200: EventView } },
      },
      async (request) => ctx.live.end(actorOf(request), request.params.id, request.body.replayUrl),
    )
    app.post(
      '/live/events/:id/danmaku',
      { schema: { tags, params: IdParams, body: SendDanmakuBody, response: { 201: DanmakuView } } },
      async (request, reply) =>
        reply.code(201).send(await ctx.live.send(actorOf(request), request.params.id, request.body)),
    )
    app.delete(
      '/live/events/:id/danmaku/:danmakuId',
      { schema: { tags, params: Type.Object({ id: Id, danmakuId: Id }), response: { 204: NoContent } } },
      async (request, reply) => {
        await ctx.live.recall(actorOf(request), request.params.id, request.params.danmakuId)
        return reply.code(204).send(null)
      },
    )
    app.get(
      '/live/events/:id/danmaku',
      { schema: { tags, params: IdParams, querystring: DanmakuQuery, response: { 200: DanmakuPage } } },
      async (request) => ctx.live.replay(actorOf(request), request.params.id, request.query),
    )
    app.get('/live/events/:id/danmaku.xml', { schema: { tags, params: IdParams } }, async (request, reply) =>
      reply.type('application/xml; charset=utf-8').send(await ctx.live.exportXml(request.params.id)),
    )
    app.post(
      '/live/events/:id/danmaku/import',
      {
        bodyLimit: DANMAKU_IMPORT_MAX_BYTES,
        // The framework's own 413 says only "too large"; this one says how large a file may be.
        errorHandler: (error) => {
          throw error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? new DanmakuImportTooLargeError() : error
        },
        schema: {
          tags,
          description: IMPORT_DESCRIPTION,
          params: IdParams,
          body: Type.String(),
          response: { 200: ImportResult },
        },
      },
      async (request) => ctx.live.importXml(actorOf(request), request.params.id, request.body),
    )
    app.post(
      '/live/events/:id/mutes',
      { schema: { tags, params: IdParams, body: MuteBody, response: { 204: NoContent } } },
      async (request, reply) => {
        await ctx.live.mute(actorOf(request), request.params.id, request.body, true)
        return reply.code(204).send(null)
      },
    )
    app.delete(
      '/live/events/:id/mutes/:userId',
      { schema: { tags, params: Type.Object({ id: Id, userId: Id }), response: { 204: NoContent } } },
      async (request, reply) => {
        await ctx.live.mute(actorOf(request), request.params.id, { userId: request.params.userId }, false)
        return reply.code(204).send(null)
      },
    )
    app.get(
      '/live/events/:id/keywords',
      { schema: { tags, params: IdParams, response: { 200: Keywords } } },
      async (request) => ctx.live.keywords(actorOf(request), request.params.id),
    )
    app.post(
      '/live/events/:id/keywords',
      { schema: { tags, params: IdParams, body: KeywordsBody, response: { 200: Keywords } } },
      async (request) => ctx.live.addKeywords(actorOf(request), request.params.id, request.body.keywords),
    )
    app.post(
      '/live/events/:id/tips',
      { schema: { tags, params: IdParams, headers: idempotencyHeaderSchema, response: { 201: TipResult } } },
      async (request, reply) => {
        const scope = idempotencyScope(request, ctx.idempotency)
        const response = await ctx.idempotency.run(scope, (s) =>
          ctx.liveTips.tip(actorOf(request), request.params.id, s),
        )
        return sendStored(reply, response)
      },
    )
  }
}
