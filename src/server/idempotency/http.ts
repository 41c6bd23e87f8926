import type { FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../http/auth.js'
import { ValidationError } from '../errors.js'
import { IdempotencyKeyRequiredError } from './errors.js'
import { unwrapStored, type IdempotencyScope, type IdempotencyService, type StoredResponse } from './service.js'

export const IDEMPOTENCY_HEADER = 'idempotency-key'
const KEY_LENGTH_MAX = 255

/** Reads the Idempotency-Key of a money-moving request and fingerprints the request it belongs to. */
export function idempotencyScope(request: FastifyRequest, idempotency: IdempotencyService): IdempotencyScope {
  const key = request.headers[IDEMPOTENCY_HEADER]
  if (typeof key !== 'string' || key.trim() === '') throw new IdempotencyKeyRequiredError()
  if (key.length > KEY_LENGTH_MAX) throw new ValidationError('Idempotency-Key')
  const path = request.url.split('?')[0]!
  return { userId: actorOf(request).id, key, requestHash: idempotency.requestHash(request.method, path, request.body) }
}

/** Sends a live or remembered response; a remembered error goes through the error handler to be localised. */
export function sendStored(reply: FastifyReply, response: StoredResponse) {
  const { status, body } = unwrapStored(response)
  return reply.code(status).send(body)
}

/** For the OpenAPI document. */
export const idempotencyHeaderSchema = {
  type: 'object',
  properties: {
    [IDEMPOTENCY_HEADER]: {
      type: 'string',
      maxLength: KEY_LENGTH_MAX,
      description: 'Required. A retry with the same key and body gets the first response; another body gets 409.',
    },
  },
} as const
