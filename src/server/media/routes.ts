import fs from 'node:fs'
import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { MediaView } from '../../shared/api/feed.js'
import type { AppContext } from '../context.js'
import { NotFoundError, ValidationError } from '../errors.js'
import { actorOf, requireActor } from '../http/auth.js'
import { ImageTooLargeError } from './errors.js'
import { MIME_BY_FORMAT, UPLOAD_MAX_BYTES } from './image.js'
import type { MediaFile, MediaVariant } from './service.js'

const IMAGE_MIMES = Object.values(MIME_BY_FORMAT)
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })
const ImageBytes = Type.Unsafe<unknown>({
  type: 'string',
  format: 'binary',
  description: 'The image; EXIF stripped. Cached for a year: a media id never changes its bytes.',
})
/** For the OpenAPI document only: the handler reads and checks the multipart stream itself. */
const UploadBody = {
  content: {
    'multipart/form-data': {
      schema: Type.Object({
        file: Type.Unsafe<unknown>({
          type: 'string',
          format: 'binary',
          description: 'JPEG, PNG, WebP or GIF (by content, not by name), at most 10 MiB and 40 megapixels',
        }),
      }),
    },
  },
}

export function mediaRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Registered here, not app-wide: no other route accepts multipart bodies.
    await app.register(multipart, {
      limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 10, fieldSize: 1024, parts: 20, headerPairs: 100 },
    })
    app.addHook('onRequest', requireActor)
    const tags = ['feed']

    app.post(
      '/media',
      {
        schema: {
          tags,
          summary: 'Upload an image (multipart/form-data, part `file`)',
          consumes: ['multipart/form-data'],
          body: UploadBody,
          response: { 201: MediaView },
        },
        validatorCompiler: () => () => true,
      },
      async (request, reply) => {
        const bytes = await readFilePart(request)
        return reply.code(201).send(await ctx.media.upload(actorOf(request), bytes))
      },
    )

    app.get(
      '/media/:id',
      { schema: { tags, params: IdParams, produces: IMAGE_MIMES, response: { 200: ImageBytes } } },
      async (request, reply) => sendFile(reply, await visibleFile(ctx, request, request.params.id, 'display')),
    )
    app.get(
      '/media/:id/thumbnail',
      { schema: { tags, params: IdParams, produces: [MIME_BY_FORMAT.webp], response: { 200: ImageBytes } } },
      async (request, reply) => sendFile(reply, await visibleFile(ctx, request, request.params.id, 'thumbnail')),
    )
  }
}

/**
 * The uploader sees their images; anyone else only through something they may see that carries it — a post, a chat
 * message, a live event's cover (the same 404 otherwise).
 */
async function visibleFile(ctx: AppContext, request: FastifyRequest, id: string, variant: MediaVariant) {
  const actor = actorOf(request)
  const file = await ctx.media.file(id, variant)
  if (file.ownerId === actor.id) return file
  const visible =
    (await ctx.feed.showsMedia(actor, id)) || (await ctx.chat.showsMedia(actor, id)) || (await ctx.live.showsMedia(id))
  if (!visible) throw new NotFoundError()
  return file
}

/** The bytes of the part named `file`, never more than UPLOAD_MAX_BYTES in memory; other parts are skipped. */
async function readFilePart(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw new ValidationError('file', 'required')
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file' && part.fieldname === 'file') return await part.toBuffer()
      if (part.type === 'file') part.file.resume()
    }
  } catch (error) {
    const code = frameworkCode(error)
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new ImageTooLargeError(UPLOAD_MAX_BYTES)
    // More files, fields or parts than one upload needs.
    if (code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') {
      throw new ValidationError('file')
    }
    // Anything else is a body that is not multipart at all: no boundary, or cut off before its end.
    throw new ValidationError('file')
  }
  throw new ValidationError('file', 'required')
}

function sendFile(reply: FastifyReply, file: MediaFile) {
  return reply
    .type(file.mime)
    .header('content-length', String(file.bytes))
    .header('cache-control', 'private, max-age=31536000, immutable')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', 'inline')
    .send(fs.createReadStream(file.path))
}

function frameworkCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined
}
