import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, type TestApp, type TestUser } from '../helpers/app.js'
import { idem } from '../helpers/wallet.js'
import { catalogue, key, type Endpoint } from './catalogue.js'
import { PROBES, PUBLIC, type Probe } from './probes.js'
import { buildWorld, snapshot, type World } from './world.js'

let t: TestApp
let w: World
let endpoints: Endpoint[]

beforeAll(async () => {
  t = await createTestApp()
  endpoints = await catalogue(t.app)
  w = await buildWorld(t.app)
}, 120_000)
afterAll(() => t?.close())

async function send(user: TestUser, method: string, probe: Probe) {
  const xml = probe.xml?.(w)
  const res = await t.app.inject({
    method: method as 'GET',
    url: `/api/v1${probe.url(w)}`,
    headers: {
      authorization: `Bearer ${user.token}`,
      ...(probe.money ? { 'idempotency-key': idem() } : {}),
      ...(xml ? { 'content-type': 'application/xml' } : {}),
    },
    ...(probe.body ? { payload: probe.body(w) as object } : {}),
    ...(xml ? { payload: xml } : {}),
  })
  const json = String(res.headers['content-type']).startsWith('application/json')
  return { status: res.statusCode, body: json ? res.json() : res.body }
}

describe('authorisation matrix, from the OpenAPI document', () => {
  it('covers every endpoint that takes an id: probed, or public with a reason', () => {
    const withId = endpoints.filter((e) => e.pathParams.length > 0).map(key)
    const unaccounted = withId.filter((k) => !(k in PROBES) && !(k in PUBLIC))
    expect(unaccounted).toEqual([])
    // And nothing listed that the server no longer has.
    expect([...Object.keys(PROBES), ...Object.keys(PUBLIC)].filter((k) => !withId.includes(k))).toEqual([])
  })

  it.each(Object.keys(PROBES))('%s: an outsider is refused and nothing changes', async (name) => {
    const probe = PROBES[name]!
    const method = name.split(' ')[0]!
    const before = await snapshot(t.app)
    const res = await send(w.eve, method, probe)
    expect(probe.refused ?? [403, 404], `${res.status} ${JSON.stringify(res.body)}`).toContain(res.status)
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(res.body.error.code)
    expect(await snapshot(t.app)).toEqual(before)
    if (probe.insider) expect((await send(probe.insider(w), method, probe)).status).toBe(200)
  })

  it('shows an outsider none of the narrow posts in the author’s list', async () => {
    const seen = await call(t.app, 'GET', `/api/v1/users/${w.alice.id}/posts`, { token: w.eve.token })
    expect(seen.status).toBe(200)
    expect(seen.body.items.map((p: { id: string }) => p.id)).not.toContain(w.ids.narrowPost)
    const insider = await call(t.app, 'GET', `/api/v1/users/${w.alice.id}/posts`, { token: w.bob.token })
    expect(insider.body.items.map((p: { id: string }) => p.id)).toContain(w.ids.narrowPost)
  })

  it('keeps the books balanced after it all', async () => {
    const report = await t.app.ctx.ledger.audit()
    expect(report.problems).toEqual([])
  })
})
