import { Ajv, type ErrorObject, type Options } from 'ajv'
import addFormats from 'ajv-formats'
import type { FastifyInstance, FastifySchemaValidationError } from 'fastify'
import { ValidationError, type ValidationProblem } from '../errors.js'

function makeAjv(options: Options): Ajv {
  const ajv = new Ajv({ allErrors: false, useDefaults: true, removeAdditional: false, strict: false, ...options })
  addFormats.default(ajv)
  return ajv
}

/**
 * Bodies are never coerced ("100" is not an amount; money paths must see real integers); query strings and
 * path parameters are text by nature and are coerced.
 */
export function installValidators(app: FastifyInstance): void {
  const strict = makeAjv({ coerceTypes: false })
  const coercing = makeAjv({ coerceTypes: 'array' })
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema as object),
  )
  app.addHook('preValidation', rejectNulInUrl)
}

/**
 * A NUL decoded from `%00` is no character any id, cursor or filter has, and PostgreSQL refuses it in text with an
 * error of its own: turn it away as bad input first. (Bodies refuse it in their schemas.)
 */
async function rejectNulInUrl(request: { params: unknown; query: unknown }): Promise<void> {
  for (const part of [request.params, request.query]) {
    for (const [name, value] of Object.entries((part ?? {}) as Record<string, unknown>)) {
      const values: unknown[] = Array.isArray(value) ? value : [value]
      if (values.some((v) => typeof v === 'string' && v.includes('\u0000'))) throw new ValidationError(name)
    }
  }
}

/** The first schema failure as our error, naming the field in the API's terms (`phone`, `items.0.amount`). */
export function toValidationError(errors: FastifySchemaValidationError[]): ValidationError {
  const [first] = errors as Partial<ErrorObject>[]
  if (!first) return new ValidationError('body')
  const path = (first.instancePath ?? '').split('/').filter(Boolean)
  const params = (first.params ?? {}) as Record<string, unknown>
  let problem: ValidationProblem = 'invalid'
  if (first.keyword === 'required' && typeof params.missingProperty === 'string') {
    path.push(params.missingProperty)
    problem = 'required'
  } else if (first.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    path.push(params.additionalProperty)
    problem = 'unknown'
  }
  return new ValidationError(path.length > 0 ? path.join('.') : 'body', problem)
}

const frames = makeAjv({ coerceTypes: false })

/** The same strict checking as for request bodies, for what arrives otherwise (socket frames). */
export function bodyValidator<T>(schema: object): (value: unknown) => T {
  const validate = frames.compile(schema)
  return (value) => {
    if (!validate(value)) throw toValidationError((validate.errors ?? []) as FastifySchemaValidationError[])
    return value as T
  }
}

/** Route hook for bodies that may be left out entirely: none is read as `{}`, then validated as usual. */
export async function emptyBodyAsObject(request: { body: unknown }): Promise<void> {
  if (request.body === undefined || request.body === null) request.body = {}
}
