import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.js'
import { idem } from '../helpers/wallet.js'
import { catalogue, key, type Endpoint } from './catalogue.js'
import { hostileValue, sample } from './hostile-values.js'
import { urlOf } from './probes.js'
import { buildWorld, snapshot, type World } from './world.js'

/**
 * Small on purpose: the suite covers every endpoint in a few minutes; CI runs it on every push, with a new seed each
 * time. `FUZZ_RUNS=200 npm run test:security -- fuzz` searches harder.
 */
const RUNS_PER_ENDPOINT = Number(process.env.FUZZ_RUNS ?? 8)
/** Logging out would end the fuzzing user's session for every endpoint after it. */
const SKIPPED = new Set(['POST /api/v1/auth/logout'])
/** A wrong PIN rightly counts towards the lockout even though the request is refused. */
const COUNTERS = new Set(['payment_pins'])
const DELETE = Symbol('delete')

const t = await createTestApp()
const endpoints = (await catalogue(t.app)).filter((e) => !SKIPPED.has(key(e)))
const w: World = await buildWorld(t.app)
afterAll(() => t.close())

interface Attack {
  path: string
  query: string
  payload?: string | Buffer
  contentType?: string
}

type Mutation = [string, unknown]

function jsonAttack(endpoint: Endpoint): fc.Arbitrary<Attack> {
  const base = sampleBody(endpoint)
  const fields = Object.keys(base ?? {})
  const mutation: fc.Arbitrary<Mutation> = fc.tuple(
    fc.constantFrom(...fields, '__proto__', 'unexpected'),
    fc.oneof(hostileValue, fc.constant(DELETE)),
  )
  const mutatedBody = fc.array(mutation, { minLength: 1, maxLength: 3 }).map((mutations) => {
    const body: Record<string, unknown> = { ...base }
    for (const [field, value] of mutations) {
      if (value === DELETE) delete body[field]
      else body[field] = value
    }
    return rawJson(body, mutations)
  })
  const rawBody = fc.constantFrom(
    '{"unterminated": ',
    'not json at all',
    '[]',
    '"a string"',
    'null',
    '{"a":' + '['.repeat(5_000) + ']'.repeat(5_000) + '}',
    '{"__proto__": {"admin": true}}',
    '{"constructor": {"prototype": {"admin": true}}}',
    '\ufeff{}',
  )
  return fc.record({
    path: pathAttack(endpoint),
    query: queryAttack(endpoint),
    payload: endpoint.body
      ? fc.oneof({ weight: 4, arbitrary: mutatedBody }, { weight: 1, arbitrary: rawBody })
      : fc.constant(undefined),
    contentType: fc.constantFrom(
      'application/json',
      'application/json',
      'application/json; charset=latin1',
      'text/plain',
    ),
  })
}

/** JSON text of the mutated body; a field mutated twice also appears twice, as a duplicated key. */
function rawJson(body: Record<string, unknown>, mutations: Mutation[]): string {
  const text = JSON.stringify(body, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))
  const duplicated = mutations.find(([field, value]) => value !== DELETE && field in body && field !== '__proto__')
  if (!duplicated || text === '{}') return text
  return `${text.slice(0, -1)},${JSON.stringify(duplicated[0])}:${JSON.stringify(duplicated[1]) ?? 'null'}}`
}

function sampleBody(endpoint: Endpoint): Record<string, unknown> | undefined {
  return endpoint.body ? (sample(endpoint.body, 'body', w) as Record<string, unknown>) : undefined
}

function pathAttack(endpoint: Endpoint): fc.Arbitrary<string> {
  const real = urlOf(key(endpoint), w)
  if (endpoint.pathParams.length === 0) return fc.constant(real)
  const hostileId = fc.oneof(
    fc.constantFrom('0', '-1', '..', '%2e%2e', "'", 'a'.repeat(101), '%00', '%F0%9F%98%80', 'null', 'undefined'),
    fc.string({ maxLength: 40 }).map((id) => encodeURIComponent(wellFormed(id))),
  )
  const withHostileId = hostileId.map((id) => real.replace(/\/[0-9A-Z]{26}(?=\/|$)/, `/${id}`))
  return fc.oneof({ weight: 3, arbitrary: fc.constant(real) }, { weight: 1, arbitrary: withHostileId })
}

function queryAttack(endpoint: Endpoint): fc.Arbitrary<string> {
  if (endpoint.queryParams.length === 0) return fc.constant('')
  const names = endpoint.queryParams.map((q) => q.name)
  const pair = fc.tuple(
    fc.constantFrom(...names),
    hostileValue.map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))),
  )
  return fc
    .array(pair, { minLength: 1, maxLength: 4 })
    .map((pairs) => '?' + pairs.map(([n, v]) => `${n}=${encodeURIComponent(wellFormed(v.slice(0, 20_000)))}`).join('&'))
}

/** encodeURIComponent throws on a lone surrogate; what would reach a server is its UTF-8 replacement. */
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
}

function rawAttack(endpoint: Endpoint): fc.Arbitrary<Attack> {
  return fc.record({
    path: fc.constant(urlOf(key(endpoint), w)),
    query: fc.constant(''),
    payload: fc.oneof(
      fc.constantFrom(
        '',
        '<i><d p="x">',
        '<?xml version="1.0"?><!DOCTYPE i [<!ENTITY x "y">]><i>&x;</i>',
        '--\r\n\r\n',
      ),
      fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)),
    ),
    contentType: fc.constantFrom(endpoint.bodyType!, `${endpoint.bodyType}; boundary=zz`, 'application/json'),
  })
}

describe('schema-driven fuzzing: never a 5xx, never a change of state on a refusal', () => {
  it.each(endpoints.map((e) => [key(e), e] as const))('%s', async (_, endpoint) => {
    const attacks = endpoint.bodyType ? rawAttack(endpoint) : jsonAttack(endpoint)
    await fc.assert(
      fc.asyncProperty(attacks, async (attack) => {
        const before = await snapshot(t.app, COUNTERS)
        const res = await t.app.inject({
          method: endpoint.method as 'GET',
          url: `/api/v1${attack.path}${attack.query}`,
          headers: {
            authorization: `Bearer ${w.alice.token}`,
            'idempotency-key': idem(),
            ...(attack.payload !== undefined ? { 'content-type': attack.contentType ?? 'application/json' } : {}),
          },
          ...(attack.payload !== undefined ? { payload: attack.payload } : {}),
        })
        expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500)
        if (res.statusCode >= 400) {
          expect(res.json().error.code).toMatch(/^[A-Z_]+$/)
          expect(await snapshot(t.app, COUNTERS)).toEqual(before)
        }
      }),
      { numRuns: RUNS_PER_ENDPOINT, endOnFailure: true },
    )
    const audit = await t.app.ctx.ledger.audit()
    expect(audit.problems).toEqual([])
  })
})
