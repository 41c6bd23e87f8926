import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../helpers/app.js'

/** The contract's limits, written out: a change to them is a change to what clients were told. */
const MAX_BYTES = 5 * 1024 * 1024
const MAX_ITEMS = 20_000

const d = (p: string, text: string) => `<d p="${p}">${text}</d>`
const file = (...items: string[]) => `<?xml version="1.0" encoding="UTF-8"?><i>${items.join('\n')}</i>`
const ok = (dmid: number, text = '好球') => d(`1.5,1,25,16777215,1700000000,0,abcdef12,${dmid}`, text)

/** `count` items of about `bytesEach` bytes each. */
function bigFile(count: number, bytesEach = 60): string {
  const text = '弹'.repeat(Math.max(1, Math.min(100, Math.floor((bytesEach - 60) / 3))))
  const items = Array.from({ length: count }, (_, i) =>
    d(`${(i / 10).toFixed(1)},1,25,16777215,1700000000,0,abcdef12,${1_000_000 + i}`, text),
  )
  return file(...items)
}

describe('danmaku import', () => {
  let testApp: TestApp
  let host: TestUser
  beforeAll(async () => {
    testApp = await createTestApp()
    host = await registerUser(testApp.app, '主播')
  })
  afterAll(() => testApp.close())

  async function newEvent(owner = host): Promise<string> {
    const created = await call(testApp.app, 'POST', '/api/v1/live/events', {
      token: owner.token,
      body: { title: '导入', startsAt: '2027-01-01T12:00:00Z' },
    })
    return created.body.id as string
  }
  const importXml = (id: string, xml: string, user: TestUser | null = host) =>
    testApp.app.inject({
      method: 'POST',
      url: `/api/v1/live/events/${id}/danmaku/import`,
      headers: {
        ...(user ? { authorization: `Bearer ${user.token}` } : {}),
        'content-type': 'application/xml',
        'accept-language': 'en',
      },
      payload: xml,
    })
  const exportXml = (id: string) =>
    testApp.app.inject({
      method: 'GET',
      url: `/api/v1/live/events/${id}/danmaku.xml`,
      headers: { authorization: `Bearer ${host.token}` },
    })
  const texts = async (id: string) =>
    (
      await call(testApp.app, 'GET', `/api/v1/live/events/${id}/danmaku?limit=1000`, { token: host.token })
    ).body.items.map((item: { text: string }) => item.text)

  it("is the event's host's alone", async () => {
    const id = await newEvent()
    const other = await registerUser(testApp.app)
    const refused = await importXml(id, file(ok(1)), other)
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'FORBIDDEN'])
    expect((await importXml('01NOSUCHEVENT', file(ok(1)))).statusCode).toBe(404)
    expect((await importXml(id, file(ok(1)), null)).statusCode).toBe(401)
    expect(await texts(id)).toEqual([])
  })

  it('refuses a file over the byte limit or the item limit with 413, and imports nothing', async () => {
    const id = await newEvent()
    const tooBig = `${file(ok(1))}${' '.repeat(MAX_BYTES)}`
    const bytes = await importXml(id, tooBig)
    expect([bytes.statusCode, bytes.json().error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE'])
    expect(bytes.json().error.message).toContain('5 MB')

    const tooMany = await importXml(id, bigFile(MAX_ITEMS + 1))
    expect([tooMany.statusCode, tooMany.json().error]).toEqual([
      413,
      expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE', maxItems: MAX_ITEMS }),
    ])
    expect(tooMany.json().error.message).toContain(String(MAX_ITEMS))
    expect(await texts(id)).toEqual([])

    const atTheLimit = await importXml(id, bigFile(MAX_ITEMS))
    expect(atTheLimit.json()).toEqual({ imported: MAX_ITEMS, skipped: 0 })
  })

  it('skips, one by one, items whose numbers no column can hold', async () => {
    const id = await newEvent()
    const absurd = [
      '1e300,1,25,16777215,1700000000,0,abcdef12,2',
      '1,1,1099511627776,16777215,1700000000,0,abcdef12,3',
      '1,1,25,1099511627776,1700000000,0,abcdef12,4',
      '1,1,25,16777215,1e300,0,abcdef12,5',
      '1,1,25,16777215,9007199254740993,0,abcdef12,6',
      '1,1,25,16777215,1700000000,1099511627776,abcdef12,7',
      '1,1,25,16777215,1700000000,0,abcdef12,8,1099511627776',
      `1,1,25,16777215,1700000000,0,abcdef12,${'9'.repeat(1000)}`,
      `1,1,25,16777215,1700000000,0,${'f'.repeat(1000)},9`,
      '1,1,-5,16777215,1700000000,0,abcdef12,10',
    ]
    const res = await importXml(id, file(ok(1, 'kept'), ...absurd.map((p) => d(p, 'absurd'))))
    expect([res.statusCode, res.json()]).toEqual([200, { imported: 1, skipped: absurd.length }])
    expect(await texts(id)).toEqual(['kept'])
    expect((await exportXml(id)).statusCode).toBe(200)
  })

  it('holds imported text to the rules of a sent danmaku: 1–100 characters, no control characters', async () => {
    const id = await newEvent()
    const hundred = `${'字'.repeat(98)}😀🔥`
    const res = await importXml(
      id,
      file(
        ok(1, hundred),
        ok(2, 'tab\tand\nnewline'),
        ok(3, `${hundred}x`),
        ok(4, 'bell\u0007'),
        ok(5, 'escape\u001b[31m'),
        ok(6, 'del\u007f'),
        ok(7, ''),
        ok(8, '   '),
      ),
    )
    expect(res.json()).toEqual({ imported: 2, skipped: 6 })
    expect((await texts(id)).sort()).toEqual([hundred, 'tab\tand\nnewline'].sort())
  })

  it('refuses a DOCTYPE that reaches outside the file or declares a huge entity, as INVALID_XML', async () => {
    const id = await newEvent()
    const body = `<i>${ok(1, '&x;')}</i>`
    for (const doctype of [
      '<!DOCTYPE i [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
      '<!DOCTYPE i [<!ENTITY x PUBLIC "-//x//EN" "http://127.0.0.1:9/x.dtd">]>',
      '<!DOCTYPE i [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>',
      '<!DOCTYPE i [<!ENTITY % p "x">]>',
      '<!DOCTYPE i SYSTEM "http://127.0.0.1:9/x.dtd">',
      `<!DOCTYPE i [<!ENTITY x "${'a'.repeat(5000)}">]>`,
    ]) {
      const res = await importXml(id, `<?xml version="1.0"?>${doctype}${body}`)
      expect([res.statusCode, res.json().error.code], doctype.slice(0, 40)).toEqual([400, 'INVALID_XML'])
    }
    expect(await texts(id)).toEqual([])
  })

  it('stores the references of internal entities as written, never their expansion', async () => {
    const id = await newEvent()
    const xml = `<?xml version="1.0"?><!DOCTYPE i [<!ENTITY x "expanded">]><i>${ok(1, 'a &x; b &amp;x; &#128514;')}</i>`
    expect((await importXml(id, xml)).json()).toEqual({ imported: 1, skipped: 0 })
    expect(await texts(id)).toEqual(['a &x; b &x; 😂'])
  })

  it('exports an imported unixtime of 0 as 0', async () => {
    const id = await newEvent()
    expect((await importXml(id, file(d('2,1,25,255,0,0,abcdef12,42', '零点')))).json()).toEqual({
      imported: 1,
      skipped: 0,
    })
    expect((await exportXml(id)).body).toContain('<d p="2,1,25,255,0,0,abcdef12,42">零点</d>')
  })
})
