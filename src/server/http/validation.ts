import { Ajv, type ErrorObject, type Options } from 'ajv'
import addFormats from 'ajv-formats'
import type { FastifyInstance, FastifySchemaValidationError } from 'fastify'
import { hasLoneSurrogate, isNameText, NAME_TEXT_FORMAT } from '../../shared/validation/text.js'
import { ValidationError, type ValidationProblem } from '../errors.js'

function makeAjv(options: Options): Ajv {
  const ajv = new Ajv({ allErrors: false, useDefaults: true, removeAdditional: false, strict: false, ...options })
  addFormats.default(ajv)
  ajv.addFormat(NAME_TEXT_FORMAT, isNameText)
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
  app.addHook('preValidation', rejectUnstorable)
}

/**
 * A NUL (from `%00` or `\u0000`) is no character any id, cursor, name or text has, and PostgreSQL refuses it in text
 * with an error of its own; half a surrogate pair (a `\ud800` escape in JSON) is no character either, and would be
 * stored as U+FFFD instead of what was sent. Turn both away as bad input first, wherever in the request they are.
 */
async function rejectUnstorable(request: { params: unknown; query: unknown; body: unknown }): Promise<void> {
  // In the URL, the parameter's name (a repeated query parameter is one field); in a body, the whole path.
  const inUrl = unstorablePathIn(request.params) ?? unstorablePathIn(request.query)
  if (inUrl !== undefined) throw new ValidationError(inUrl.split('.')[0]!)
  const inBody = unstorablePathIn(request.body)
  if (inBody !== undefined) throw new ValidationError(inBody || 'body')
}

/** The path (`items.0.note`, '' for the root) to the first string holding either; iterative, as JSON nests deep. */
function unstorablePathIn(root: unknown): string | undefined {
  const pending: Array<[unknown, string]> = [[root, '']]
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, path] = next
    if (typeof value === 'string') {
      if (value.includes('\u0000') || hasLoneSurrogate(value)) return path
    } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
      for (const [key, inner] of Object.entries(value)) pending.push([inner, path ? `${path}.${key}` : key])
    }
  }
  return undefined
}

/** The first schema failure as our error, naming the field in the API's terms (`phone`, `items.0.amount`). */
export function toValidationError(errors: FastifySchemaValidationError[]): ValidationError {
  const [first] = errors as Partial<ErrorObject>[]
  if (!first) return new ValidationError('body')
  const path = (first.instancePath ?? '').split('/').filter(Boolean)
  const params = (first.params ?? {}) as Record<string, unknown>
  let problem: ValidationProblem = 'invalid'
  if (first.keyword === 'format' && params.format === NAME_TEXT_FORMAT) {
    problem = 'deceptive'
  } else if (first.keyword === 'required' && typeof params.missingProperty === 'string') {
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
    const unstorable = unstorablePathIn(value)
    if (unstorable !== undefined) throw new ValidationError(unstorable || 'body')
    if (!validate(value)) throw toValidationError((validate.errors ?? []) as FastifySchemaValidationError[])
    return value as T
  }
}

/** Route hook for bodies that may be left out entirely: none is read as `{}`, then validated as usual. */
export async function emptyBodyAsObject(request: { body: unknown }): Promise<void> {
  if (request.body === undefined || request.body === null) request.body = {}
}
