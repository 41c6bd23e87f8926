import { afterAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.js'
import { catalogue, key, type JsonSchema } from './catalogue.js'

/** Numbers bounded by the server's configuration instead, checked by the service before any query. */
const BOUNDED_BY_CONFIGURATION = new Set([
  'POST /api/v1/conversations/:id/red-packets body.total',
  'POST /api/v1/conversations/:id/red-packets body.count',
])

const t = await createTestApp()
const endpoints = await catalogue(t.app)
afterAll(() => t.close())

/** Where a request schema lets through a number no column can hold: the fuzzing finds these only by chance. */
function unboundedNumbers(schema: JsonSchema | undefined, path: string): string[] {
  if (!schema || typeof schema !== 'object') return []
  const found: string[] = []
  if ((schema.type === 'integer' || schema.type === 'number') && schema.maximum === undefined && !schema.enum) {
    found.push(path)
  }
  for (const [name, inner] of Object.entries<JsonSchema>(schema.properties ?? {})) {
    found.push(...unboundedNumbers(inner, `${path}.${name}`))
  }
  if (schema.items) found.push(...unboundedNumbers(schema.items, `${path}[]`))
  for (const choice of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) found.push(...unboundedNumbers(choice, path))
  return found
}

describe('request schemas bound every number', () => {
  it('has a maximum on every integer and number a client may send', () => {
    const unbounded = endpoints.flatMap((endpoint) =>
      [
        ...endpoint.queryParams.flatMap((q) => unboundedNumbers(q.schema, `query.${q.name}`)),
        ...unboundedNumbers(endpoint.body, 'body'),
      ].map((where) => `${key(endpoint)} ${where}`),
    )
    expect(unbounded.filter((where) => !BOUNDED_BY_CONFIGURATION.has(where))).toEqual([])
  })
})
