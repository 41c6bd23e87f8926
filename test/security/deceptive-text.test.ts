import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorCatalogs } from '../../src/shared/i18n/errors/index.js'
import { interpolate } from '../../src/shared/i18n/interpolate.js'
import { LOCALES } from '../../src/shared/i18n/locales.js'
import {
  call,
  createTestApp,
  registerCode,
  registerUser,
  uniquePhone,
  type TestApp,
  type TestUser,
} from '../helpers/app.js'
import { makeIdNumber } from '../helpers/id-numbers.js'
import { befriend } from '../helpers/social.js'
import { SocketClient } from '../helpers/socket.js'
import { idem, verifiedUserWithPin } from '../helpers/wallet.js'

let t: TestApp
let url: string
let alice: TestUser
let bob: TestUser
let groupId: string
let eventId: string
const sockets: SocketClient[] = []

beforeAll(async () => {
  t = await createTestApp()
  url = await t.app.listen({ port: 0, host: '127.0.0.1' })
  alice = await verifiedUserWithPin(t.app, '爱丽丝')
  bob = await registerUser(t.app, '鲍勃')
  await befriend(t.app, alice, bob)
  groupId = (await as(alice, 'POST', '/api/v1/groups', { name: '家人群', memberIds: [bob.id] })).body.id
  eventId = (await as(alice, 'POST', '/api/v1/live/events', { title: '决赛', startsAt: new Date().toISOString() })).body
    .id
  await as(alice, 'POST', `/api/v1/live/events/${eventId}/start`)
})
afterAll(async () => {
  for (const socket of sockets) socket.socket.terminate()
  await t.close()
})

function as(user: TestUser, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) {
  return call(t.app, method, path, { token: user.token, body, headers: { 'idempotency-key': idem() } })
}

/** Every place a name or title is set that other people then see, and the field the refusal names. */
const NAME_FIELDS: Array<[string, string, (value: string) => ReturnType<typeof call>]> = [
  [
    'POST /auth/register displayName',
    'displayName',
    async (displayName) => {
      const phone = uniquePhone()
      const code = await registerCode(t.app, phone)
      return call(t.app, 'POST', '/api/v1/auth/register', {
        body: { phone, code, password: 'correct-horse-9', displayName },
      })
    },
  ],
  ['PATCH /me displayName', 'displayName', (displayName) => as(bob, 'PATCH', '/api/v1/me', { displayName })],
  [
    'POST /me/real-name name',
    'name',
    (name) => as(bob, 'POST', '/api/v1/me/real-name', { name, idNumber: makeIdNumber() }),
  ],
  ['POST /groups name', 'name', (name) => as(alice, 'POST', '/api/v1/groups', { name, memberIds: [bob.id] })],
  ['PATCH /groups/:id name', 'name', (name) => as(alice, 'PATCH', `/api/v1/groups/${groupId}`, { name })],
  [
    'POST /live/events title',
    'title',
    (title) => as(alice, 'POST', '/api/v1/live/events', { title, startsAt: new Date().toISOString() }),
  ],
  [
    'POST /posts product.title',
    'product.title',
    (title) =>
      as(alice, 'POST', '/api/v1/posts', {
        kind: 'product',
        visibility: { type: 'friends' },
        product: { title, price: 100, stock: 1 },
      }),
  ],
  [
    'POST /groups/:id/collections title',
    'title',
    (title) =>
      as(alice, 'POST', `/api/v1/groups/${groupId}/collections`, { title, amountPerMember: 100, memberIds: [bob.id] }),
  ],
]

const DIRECTION_CONTROLS = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069].map(
  (code): [string, string] => [`U+${code.toString(16).toUpperCase()}`, `王${String.fromCodePoint(code)}小明`],
)

const INVISIBLE_ONLY: Array<[string, string]> = [
  ['zero-width spaces', '\u200b\u200b'],
  ['zero-width (non-)joiners', '\u200c\u200d'],
  ['word joiner and BOM', '\u2060\ufeff'],
  ['Hangul fillers', '\u3164\u3164'],
  ['Hangul choseong and jungseong fillers', '\u115f\u1160'],
  ['halfwidth Hangul fillers', '\uffa0\uffa0'],
  ['Mongolian vowel separators', '\u180e\u180e'],
  ['variation selectors', '\ufe0f\ufe0e'],
  ['supplementary variation selectors', '\u{e0100}\u{e0101}'],
  ['soft hyphen and grapheme joiner', '\u00ad\u034f'],
  ['tag characters', '\u{e0020}\u{e0041}'],
  ['Braille blanks', '\u2800\u2800'],
  ['an ideographic space and a zero-width space', '\u3000\u200b'],
]

const LONE_SURROGATES: Array<[string, string]> = [
  ['a lone high surrogate', '\ud800名字'],
  ['a lone low surrogate', '名字\udfff'],
]

describe('names and titles that can deceive are refused', () => {
  const cases = NAME_FIELDS.flatMap(([where, field, send]) =>
    [...DIRECTION_CONTROLS, ...INVISIBLE_ONLY, ...LONE_SURROGATES].map(
      ([what, value]) => [where, what, field, send, value] as const,
    ),
  )

  it.each(cases)('%s: %s → 400 VALIDATION_FAILED', async (_where, _what, field, send, value) => {
    const res = await send(value)
    expect([res.status, res.body?.error?.code, res.body?.error?.field]).toEqual([400, 'VALIDATION_FAILED', field])
  })

  it('keeps the name as it was', async () => {
    const before = (await as(bob, 'GET', '/api/v1/me')).body.displayName
    await as(bob, 'PATCH', '/api/v1/me', { displayName: '\u202eusbup' })
    await as(bob, 'PATCH', '/api/v1/me', { displayName: '\u3164' })
    expect((await as(bob, 'GET', '/api/v1/me')).body.displayName).toBe(before)
  })

  it.each(LOCALES)('says why, in %s', async (locale) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers: { 'accept-language': locale },
      payload: { phone: uniquePhone(), password: 'correct-horse-9', displayName: 'abc\u202eexe.gpj' },
    })
    const expected = interpolate(errorCatalogs[locale].VALIDATION_DECEPTIVE_TEXT, { field: 'displayName' })
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'displayName', message: expected })
  })
})

describe('legitimate names still pass', () => {
  const NAMES = ['王小明', 'محمد علي', 'דוד כהן', 'Zoë Renée', 'Nguyễn Văn An']
  const WITH_JOINERS = ['👨‍👩‍👧 一家人', '👨‍👩‍👧', '🏳️‍🌈', '☺️', 'علی‌رضا', 'Ｆｕｌｌ　Ｗｉｄｔｈ', 'RTL\u200fmark']

  it.each([...NAMES, ...WITH_JOINERS])('%s as a display name, group name and event title', async (name) => {
    const me = await as(bob, 'PATCH', '/api/v1/me', { displayName: name })
    expect([me.status, me.body.displayName]).toEqual([200, name])
    const group = await as(alice, 'PATCH', `/api/v1/groups/${groupId}`, { name })
    expect([group.status, group.body.name]).toEqual([200, name])
    const event = await as(alice, 'POST', '/api/v1/live/events', { title: name, startsAt: new Date().toISOString() })
    expect([event.status, event.body.title]).toEqual([201, name])
  })

  it.each(NAMES)('%s as a real name', async (name) => {
    const user = await registerUser(t.app, name)
    const res = await as(user, 'POST', '/api/v1/me/real-name', { name, idNumber: makeIdNumber() })
    expect(res.status).toBe(200)
  })

  it('an emoji family as a product title', async () => {
    const title = '👨‍👩‍👧 亲子装'
    const res = await as(alice, 'POST', '/api/v1/posts', {
      kind: 'product',
      visibility: { type: 'friends' },
      product: { title, price: 100, stock: 1 },
    })
    expect([res.status, res.body.product?.title]).toEqual([201, title])
  })
})

describe('a body that is not valid UTF-8 is refused, not silently repaired', () => {
  const json = (...parts: Array<string | number[]>) =>
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))))
  const BAD_BYTES: Array<[string, number[]]> = [
    ['0xFF', [0xff]],
    ['a lone continuation byte', [0x80]],
    ['an overlong encoding of "/"', [0xc0, 0xaf]],
    ['a truncated sequence', [0xe5, 0x90]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ]

  async function raw(user: TestUser | undefined, method: 'POST' | 'PATCH', path: string, payload: Buffer) {
    const res = await t.app.inject({
      method,
      url: path,
      headers: {
        'content-type': 'application/json',
        ...(user ? { authorization: `Bearer ${user.token}` } : {}),
      },
      payload,
    })
    return [res.statusCode, res.json().error?.code]
  }

  it.each(BAD_BYTES)('%s in a display name → 400 MALFORMED_JSON, name unchanged', async (_, bytes) => {
    const before = (await as(bob, 'GET', '/api/v1/me')).body.displayName
    const payload = json('{"displayName":"名', bytes, '字"}')
    expect(await raw(bob, 'PATCH', '/api/v1/me', payload)).toEqual([400, 'MALFORMED_JSON'])
    expect((await as(bob, 'GET', '/api/v1/me')).body.displayName).toBe(before)
  })

  it('in a registration and in a post', async () => {
    const register = json(`{"phone":"${uniquePhone()}","password":"correct-horse-9","displayName":"`, [0xff], '"}')
    expect(await raw(undefined, 'POST', '/api/v1/auth/register', register)).toEqual([400, 'MALFORMED_JSON'])
    const post = json('{"visibility":{"type":"friends"},"text":"你好', [0xfe], '"}')
    expect(await raw(alice, 'POST', '/api/v1/posts', post)).toEqual([400, 'MALFORMED_JSON'])
  })

  it('lets well-formed UTF-8 through, four-byte characters and all', async () => {
    const payload = json('{"displayName":"𠜎𠜱 👨‍👩‍👧"}')
    expect((await raw(bob, 'PATCH', '/api/v1/me', payload))[0]).toBe(200)
  })

  it('refuses a lone surrogate escape in free text too: it cannot be stored as sent', async () => {
    const res = await as(alice, 'POST', '/api/v1/posts', { visibility: { type: 'friends' }, text: '半个\ud83d' })
    expect([res.status, res.body.error.code, res.body.error.field]).toEqual([400, 'VALIDATION_FAILED', 'text'])
  })
})

describe('the danmaku keyword filter sees through disguises', () => {
  const DISGUISED = [
    '加\u200b微信',
    '加\u2060微信',
    '加\u00ad微信',
    '加\ufeff微信',
    '加\ufe0f微信',
    '加ＶＸ',
    '加\u200dvx',
    'ｈｔｔｐｓ：／／evil.example',
    'ＨＴＴＰ：//evil.example',
  ]

  it.each(['加微信', ...DISGUISED])('%s over HTTP → 400 DANMAKU_FILTERED', async (text) => {
    const viewer = await registerUser(t.app)
    const res = await as(viewer, 'POST', `/api/v1/live/events/${eventId}/danmaku`, { text })
    expect([res.status, res.body.error?.code]).toEqual([400, 'DANMAKU_FILTERED'])
  })

  it('over the socket, as danmaku.send', async () => {
    const viewer = await registerUser(t.app)
    const socket = await SocketClient.connect(url, viewer.token)
    sockets.push(socket)
    for (const [i, text] of ['加微信', '加\u200b微信', 'ｈｔｔｐｓ：／／evil.example'].entries()) {
      socket.send({ type: 'danmaku.send', eventId, text, ref: `try-${i}` })
      const answer = await socket.next((f) => f.data?.ref === `try-${i}`)
      expect([answer.type, answer.data.code]).toEqual(['error', 'DANMAKU_FILTERED'])
    }
    socket.send({ type: 'danmaku.send', eventId, text: '半个\ud83d', ref: 'surrogate' })
    const answer = await socket.next((f) => f.data?.ref === 'surrogate')
    expect([answer.type, answer.data.code, answer.data.field]).toEqual(['error', 'VALIDATION_FAILED', 'text'])
  })

  it("matches a host's own keywords however either side was typed", async () => {
    await as(alice, 'POST', `/api/v1/live/events/${eventId}/keywords`, { keywords: ['剧透', 'ｓｐｏｉｌｅｒ'] })
    for (const text of ['前方剧\u200b透', 'SPOILER ahead', 'ｓｐｏｉｌ\u200cｅｒ']) {
      const viewer = await registerUser(t.app)
      const res = await as(viewer, 'POST', `/api/v1/live/events/${eventId}/danmaku`, { text })
      expect([res.status, res.body.error?.code]).toEqual([400, 'DANMAKU_FILTERED'])
    }
  })

  it('keeps text as typed: joiners in emoji pass and are stored unchanged', async () => {
    const viewer = await registerUser(t.app)
    const text = '👨‍👩‍👧 好球！ｇｏａｌ'
    const res = await as(viewer, 'POST', `/api/v1/live/events/${eventId}/danmaku`, { text })
    expect([res.status, res.body.text]).toEqual([201, text])
  })
})

describe('the Life Circle labels selling posts however the words are disguised', () => {
  async function postAs(text: string) {
    const res = await as(alice, 'POST', '/api/v1/posts', { text, visibility: { type: 'friends' } })
    expect(res.status).toBe(201)
    return res.body.id as string
  }

  async function bobSees(postId: string) {
    const res = await as(bob, 'GET', '/api/v1/feed?foldCommercial=true&limit=100')
    return res.body.items.find((p: { id: string }) => p.id === postId)
  }

  it.each(['新货到了 加微信', '新货到了 加\u200b微信', '新货 加ＶＸ', '代\u2060购 日本直邮', '正品代購'])(
    '%s is commercial and folds for a friend who folds commercial posts',
    async (text) => {
      const post = await bobSees(await postAs(text))
      expect([post.commercial, post.folded, post.text]).toEqual([true, true, text])
    },
  )

  it('leaves an ordinary post unlabelled', async () => {
    const post = await bobSees(await postAs('周末去爬山 微风很舒服'))
    expect([post.commercial, post.folded]).toEqual([false, undefined])
  })
})
