import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/app.js'
import { expectBooksBalanced } from '../../helpers/commerce.js'
import { idem, topUp, verifiedUserWithPin, walletOf } from '../../helpers/wallet.js'

// Real Bilibili files (and broken ones), copied byte for byte; SOURCES.txt says where each comes from.
const TESTDATA = 'test/fixtures/danmaku'
const testdata = (name: string) => fs.readFileSync(`${TESTDATA}/${name}`, 'utf8')

describe('live events and danmaku', () => {
  let now = Date.parse('2026-11-01T12:00:00Z')
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp({ clock: () => now })
  })
  afterAll(() => testApp.close())
  const app = () => testApp.app
  const as = (user: TestUser, method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) =>
    call(app(), method, url, { token: user.token, body })

  async function liveEvent(host?: TestUser) {
    const owner = host ?? (await registerUser(app(), '主播'))
    const created = await as(owner, 'POST', '/api/v1/live/events', {
      title: '周末足球：上海 vs 北京',
      startsAt: new Date(now + 3600_000).toISOString(),
      streamUrl: '/demo/live/index.m3u8',
    })
    expect((await as(owner, 'POST', `/api/v1/live/events/${created.body.id}/start`)).status).toBe(200)
    return { host: owner, id: created.body.id as string }
  }

  it('takes an event from upcoming to live to ended, by its host only', async () => {
    const host = await registerUser(app(), '主播')
    const viewer = await registerUser(app())
    const created = await as(host, 'POST', '/api/v1/live/events', {
      title: '跨年演唱会',
      startsAt: '2026-12-31T14:00:00Z',
      streamUrl: 'https://example.com/live.m3u8',
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ status: 'upcoming', viewerCount: 0, host: { id: host.id }, startedAt: null })
    const id = created.body.id
    const upcoming = (await as(viewer, 'GET', '/api/v1/live/events?status=upcoming')).body.items
    expect(upcoming.map((e: { id: string }) => e.id)).toContain(id)
    expect((await as(viewer, 'POST', `/api/v1/live/events/${id}/start`)).status).toBe(403)
    const end = await as(host, 'POST', `/api/v1/live/events/${id}/end`)
    expect([end.status, end.body.error.code]).toEqual([409, 'EVENT_STATE_INVALID'])
    expect((await as(host, 'POST', `/api/v1/live/events/${id}/start`)).body.status).toBe('live')
    expect((await as(host, 'POST', `/api/v1/live/events/${id}/start`)).status).toBe(409)
    const ended = await as(host, 'POST', `/api/v1/live/events/${id}/end`, {
      replayUrl: 'https://example.com/replay.m3u8',
    })
    expect(ended.body).toMatchObject({ status: 'ended', replayUrl: 'https://example.com/replay.m3u8' })
    expect((await as(viewer, 'GET', `/api/v1/live/events/${id}`)).body.status).toBe('ended')
    expect((await as(viewer, 'GET', '/api/v1/live/events/nope')).status).toBe(404)
    for (const body of [
      { title: '', startsAt: '2026-12-31T14:00:00Z' },
      { title: 'x', startsAt: 'soon' },
      { title: 'x', startsAt: '2026-12-31T14:00:00Z', streamUrl: 'javascript:alert(1)' },
    ]) {
      expect((await as(host, 'POST', '/api/v1/live/events', body)).status).toBe(400)
    }
  })

  it('stamps danmaku with the video time, and refuses bad ones with a clear 4xx', async () => {
    const { host, id } = await liveEvent()
    const viewer = await registerUser(app())
    now += 90_000
    const sent = await as(viewer, 'POST', `/api/v1/live/events/${id}/danmaku`, {
      text: '好球！',
      color: '#ff0000',
      mode: 'top',
    })
    expect(sent.status).toBe(201)
    expect(sent.body).toMatchObject({
      text: '好球！',
      color: '#ff0000',
      mode: 'top',
      size: 'normal',
      videoTime: 90,
      kind: 'danmaku',
    })
    const cases: Array<[object, number, string]> = [
      [{ text: '' }, 400, 'VALIDATION_FAILED'],
      [{ text: 'x'.repeat(101) }, 400, 'VALIDATION_FAILED'],
      [{ text: 'hi', color: 'red' }, 400, 'VALIDATION_FAILED'],
      [{ text: 'hi', mode: 'reverse' }, 400, 'VALIDATION_FAILED'],
      [{ text: 'hi', videoTime: -1 }, 400, 'VALIDATION_FAILED'],
      [{ text: '加微信领福利' }, 400, 'DANMAKU_FILTERED'],
    ]
    for (const [body, status, code] of cases) {
      const res = await as(host, 'POST', `/api/v1/live/events/${id}/danmaku`, body)
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([status, code])
    }
    expect(
      (await as(host, 'POST', `/api/v1/live/events/${id}/keywords`, { keywords: ['裁判'] })).body.keywords,
    ).toEqual(['裁判'])
    expect((await as(viewer, 'POST', `/api/v1/live/events/${id}/keywords`, { keywords: ['x'] })).status).toBe(403)
    now += 5_000
    expect(
      (await as(viewer, 'POST', `/api/v1/live/events/${id}/danmaku`, { text: '这裁判不行' })).body.error.code,
    ).toBe('DANMAKU_FILTERED')
  })

  it('limits each sender to a burst of three, then one a second', async () => {
    const { id } = await liveEvent()
    const fast = await registerUser(app())
    const send = (text: string) => as(fast, 'POST', `/api/v1/live/events/${id}/danmaku`, { text })
    for (const text of ['一', '二', '三']) expect((await send(text)).status).toBe(201)
    const limited = await send('四')
    expect([limited.status, limited.body.error.code]).toEqual([429, 'RATE_LIMITED'])
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    await new Promise((resolve) => setTimeout(resolve, 1_050))
    expect((await send('五')).status).toBe(201)
  })

  it('lets the host mute a viewer, and a viewer recall their own danmaku within two minutes', async () => {
    const { host, id } = await liveEvent()
    const viewer = await registerUser(app())
    const other = await registerUser(app())
    const first = await as(viewer, 'POST', `/api/v1/live/events/${id}/danmaku`, { text: '发错了' })
    expect((await as(other, 'DELETE', `/api/v1/live/events/${id}/danmaku/${first.body.id}`)).status).toBe(403)
    expect((await as(viewer, 'DELETE', `/api/v1/live/events/${id}/danmaku/${first.body.id}`)).status).toBe(204)
    expect((await as(viewer, 'DELETE', `/api/v1/live/events/${id}/danmaku/${first.body.id}`)).status).toBe(404)
    const second = await as(viewer, 'POST', `/api/v1/live/events/${id}/danmaku`, { text: '留着吧' })
    now += 2 * 60_000 + 1
    const late = await as(viewer, 'DELETE', `/api/v1/live/events/${id}/danmaku/${second.body.id}`)
    expect([late.status, late.body.error.code]).toEqual([409, 'RECALL_WINDOW_PASSED'])
    const replay = (await as(other, 'GET', `/api/v1/live/events/${id}/danmaku`)).body.items
    expect(replay.map((d: { text: string }) => d.text)).toEqual(['留着吧'])

    expect((await as(viewer, 'POST', `/api/v1/live/events/${id}/mutes`, { userId: other.id })).status).toBe(403)
    expect((await as(host, 'POST', `/api/v1/live/events/${id}/mutes`, { userId: viewer.id })).status).toBe(204)
    const muted = await as(viewer, 'POST', `/api/v1/live/events/${id}/danmaku`, { text: '还能说话吗' })
    expect([muted.status, muted.body.error.code]).toEqual([403, 'DANMAKU_MUTED'])
    expect((await as(host, 'DELETE', `/api/v1/live/events/${id}/mutes/${viewer.id}`)).status).toBe(204)
    const again = await as(viewer, 'POST', `/api/v1/live/events/${id}/danmaku`, { text: '可以了' })
    expect(again.status).toBe(201)
    // The host mutes by a danmaku, without ever learning who sent it.
    expect((await as(host, 'POST', `/api/v1/live/events/${id}/mutes`, { danmakuId: again.body.id })).status).toBe(204)
    expect((await as(viewer, 'POST', `/api/v1/live/events/${id}/danmaku`, { text: '又被禁言' })).status).toBe(403)
    expect((await as(host, 'POST', `/api/v1/live/events/${id}/mutes`, { danmakuId: 'nope' })).status).toBe(404)
    expect((await as(host, 'POST', `/api/v1/live/events/${id}/mutes`, {})).status).toBe(400)
  })

  it('serves windows of video time for replays, in video order', async () => {
    const { host, id } = await liveEvent()
    const viewers = await Promise.all([registerUser(app()), registerUser(app()), registerUser(app())])
    const times = [12.5, 3, 40, 3, 25.25, 59.9]
    for (const [i, videoTime] of times.entries()) {
      const res = await as(viewers[i % 3]!, 'POST', `/api/v1/live/events/${id}/danmaku`, {
        text: `t${videoTime}`,
        videoTime,
      })
      expect(res.status).toBe(201)
    }
    await as(host, 'POST', `/api/v1/live/events/${id}/end`)
    const window = async (query: string) =>
      (await as(viewers[0], 'GET', `/api/v1/live/events/${id}/danmaku${query}`)).body.items.map(
        (d: { videoTime: number }) => d.videoTime,
      )
    expect(await window('')).toEqual([3, 3, 12.5, 25.25, 40, 59.9])
    expect(await window('?from=3&to=25.25')).toEqual([3, 3, 12.5])
    expect(await window('?from=40')).toEqual([40, 59.9])
    expect((await as(viewers[0], 'GET', `/api/v1/live/events/${id}/danmaku?from=-1`)).status).toBe(400)
  })

  it('imports Bilibili files as they are and exports them field for field', async () => {
    const { host, id } = await liveEvent()
    const importXml = (user: TestUser, xml: string) =>
      app().inject({
        method: 'POST',
        url: `/api/v1/live/events/${id}/danmaku/import`,
        headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/xml' },
        payload: xml,
      })
    const viewer = await registerUser(app())
    expect((await importXml(viewer, testdata('df_tests_test.xml'))).statusCode).toBe(403)
    for (const broken of ['ccl_invalid_no_closing.xml', 'ccl_invalid_syntax_error.xml', 'not xml at all']) {
      const res = await importXml(host, broken.endsWith('.xml') ? testdata(broken) : broken)
      expect([res.statusCode, res.json().error.code]).toEqual([400, 'INVALID_XML'])
    }
    expect((await as(host, 'GET', `/api/v1/live/events/${id}/danmaku`)).body.items).toEqual([])

    expect((await importXml(host, testdata('ccl_synthetic_empty_p.xml'))).json()).toEqual({ imported: 0, skipped: 1 })
    expect((await importXml(host, testdata('df_tests_test.xml'))).json()).toEqual({ imported: 7, skipped: 0 })
    const mixed = `<?xml version="1.0"?><i><d p="1,7,25,16777215,1,0,abc,1">[高级弹幕]</d><d p="2,6,25,255,1,0,abc,2">逆向</d><d p="3,4,25,255,1,0,abc,3">底部 &lt;b&gt;</d><d p="3,4,25,255,1,0,abc,3">底部 &lt;b&gt;</d></i>`
    expect((await importXml(host, mixed)).json()).toEqual({ imported: 2, skipped: 2 })

    const exported = await app().inject({
      method: 'GET',
      url: `/api/v1/live/events/${id}/danmaku.xml`,
      headers: { authorization: `Bearer ${host.token}` },
    })
    expect(exported.headers['content-type']).toContain('application/xml')
    const xml = exported.body
    // dmid beyond 2^53 survives digit for digit; double-escaped entities stay double-escaped; duplicates are kept.
    expect(xml).toContain('<d p="1,1,14,16777215,1740972696,0,0,26732601000067074,1">吓到朕了！&amp;#128514;</d>')
    expect(xml).toContain('四火 \u200d🔥护体')
    expect(xml.match(/底部 &lt;b&gt;/g)).toHaveLength(2)

    // What goes out comes back in unchanged.
    const second = await liveEvent(host)
    const back = await app().inject({
      method: 'POST',
      url: `/api/v1/live/events/${second.id}/danmaku/import`,
      headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/xml' },
      payload: xml,
    })
    expect(back.json()).toEqual({ imported: 9, skipped: 0 })
    const again = await app().inject({
      method: 'GET',
      url: `/api/v1/live/events/${second.id}/danmaku.xml`,
      headers: { authorization: `Bearer ${host.token}` },
    })
    const items = (text: string) => text.split('\n').filter((line) => line.startsWith('<d '))
    expect(items(again.body)).toEqual(items(xml))
  })

  it('imports a real 1,386-comment file and writes senders of its own as salted hashes', async () => {
    const { host, id } = await liveEvent()
    const res = await app().inject({
      method: 'POST',
      url: `/api/v1/live/events/${id}/danmaku/import`,
      headers: { authorization: `Bearer ${host.token}`, 'content-type': 'text/xml' },
      payload: testdata('ccl_comment.xml'),
    })
    expect(res.json()).toEqual({ imported: 1386, skipped: 0 })
    const replay = (await as(host, 'GET', `/api/v1/live/events/${id}/danmaku?from=94&to=94.5`)).body.items
    expect(replay.map((d: { text: string }) => d.text)).toContain('神啊，知道，二次元的世界吗~~/n')
    const viewer = await registerUser(app())
    await as(viewer, 'POST', `/api/v1/live/events/${id}/danmaku`, { text: '我的弹幕', videoTime: 1 })
    const xml = (
      await app().inject({
        method: 'GET',
        url: `/api/v1/live/events/${id}/danmaku.xml`,
        headers: { authorization: `Bearer ${host.token}` },
      })
    ).body
    const mine = xml.split('\n').find((line) => line.includes('我的弹幕'))!
    const senderHash = /p="[^"]*"/.exec(mine)![0].split(',')[6]!
    expect(senderHash).toMatch(/^[0-9a-f]{8}$/)
    expect(xml).not.toContain(viewer.id)
  })

  it('tips the host like a post tip, shown to the room as a tip danmaku', async () => {
    const host = await verifiedUserWithPin(app(), '主播')
    const fan = await verifiedUserWithPin(app(), '粉丝')
    await topUp(app(), fan, 1_000)
    const { id } = await liveEvent(host)
    const tip = await call(app(), 'POST', `/api/v1/live/events/${id}/tips`, {
      token: fan.token,
      headers: { 'idempotency-key': idem() },
    })
    expect(tip.status).toBe(201)
    expect(tip.body.amount).toBeGreaterThanOrEqual(1)
    expect(tip.body.amount).toBeLessThanOrEqual(99)
    expect((await walletOf(app(), host)).balance).toBe(tip.body.amount)
    const own = await call(app(), 'POST', `/api/v1/live/events/${id}/tips`, {
      token: host.token,
      headers: { 'idempotency-key': idem() },
    })
    expect(own.status).toBe(400)
    const replay = (await as(fan, 'GET', `/api/v1/live/events/${id}/danmaku`)).body.items
    expect(replay).toMatchObject([{ kind: 'tip', amount: tip.body.amount }])
    await expectBooksBalanced(app())
  })
})
