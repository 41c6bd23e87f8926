import type { Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { DEMO_STREAM_URL } from '../../src/server/live/demo-stream.js'
import { describeIfE2E } from '../helpers/optional.js'
import { startTestServer } from '../helpers/server.js'
import { openMobileBrowser, screenshot, type MobileBrowser } from './browser.js'
import { apiClient, logIn, type Person, setUpPerson } from './people.js'

/** The texts of the danmaku the renderer has put over the video (DOM engine: one element each). */
const flying = (page: Page, testId = 'danmaku-item') =>
  page.locator(`[data-testid="danmaku-stage"] [data-testid="${testId}"]`).allTextContents()

const videoTime = (page: Page) =>
  page.getByTestId('live-video').evaluate((video) => (video as unknown as { currentTime: number }).currentTime)

describeIfE2E('live events in the browser', () => {
  let server: { url: string; close(): Promise<void> }
  const browsers: MobileBrowser[] = []

  async function signedIn(person: Person): Promise<Page> {
    const browser = await openMobileBrowser('zh-CN')
    browsers.push(browser)
    await logIn(browser.page, server.url, person.phone)
    return browser.page
  }

  beforeAll(async () => {
    server = await startTestServer()
  })

  afterAll(async () => {
    await Promise.all(browsers.map((browser) => browser.close()))
    await server?.close()
  })

  it('serves the demo clip as HLS with the right types', async () => {
    const playlist = await fetch(server.url + DEMO_STREAM_URL)
    expect(playlist.headers.get('content-type')).toContain('application/vnd.apple.mpegurl')
    expect(await playlist.text()).toContain('#EXT-X-MAP:URI="init.mp4"')
    const segment = await fetch(`${server.url}/demo/live/segment-00.m4s`)
    expect([segment.status, segment.headers.get('content-type')]).toEqual([200, 'video/iso.segment'])
    expect((await fetch(`${server.url}/demo/live/..%2F..%2Fpackage.json`)).status).toBe(404)
  })

  it('plays a live event with danmaku flying over it for every viewer, and a tip in gold', async () => {
    const send = apiClient(server.url)
    const [host, fan, friend] = await Promise.all([
      setUpPerson(send, '体育台', '周体育'),
      setUpPerson(send, '小雨', '林小雨', 2_000),
      setUpPerson(send, '阿杰', '陈志杰'),
    ])

    // The host creates the event in the app, pointing at the demo clip, and goes live.
    const h = await signedIn(host)
    await h.getByRole('link', { name: '现场' }).click()
    await h.getByRole('link', { name: '创建现场' }).click()
    await h.getByLabel('标题').fill('周末足球：上海 vs 北京')
    await h.getByLabel('直播流地址（HLS .m3u8）').fill(DEMO_STREAM_URL)
    // A football pitch, so the cover in the list's picture looks like one.
    const stripes = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => `<rect x="${n * 80}" width="40" height="360" fill="#2e8b4a"/>`)
    const pitch = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"><rect width="640" height="360" fill="#267a3f"/>${stripes.join('')}<g fill="none" stroke="#fff" stroke-width="4"><rect x="20" y="20" width="600" height="320"/><line x1="320" y1="20" x2="320" y2="340"/><circle cx="320" cy="180" r="50"/></g></svg>`
    const cover = await sharp(Buffer.from(pitch)).png().toBuffer()
    await h
      .locator('.live-form__cover input[type="file"]')
      .setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: cover })
    await h.getByTestId('picked-image').locator('img[src^="/"]').waitFor()
    await h.getByRole('button', { name: '创建', exact: true }).click()
    await h.waitForURL(/\/live\/[0-9A-Z]+$/)
    const eventId = h.url().split('/').pop()!
    await h.getByRole('button', { name: '开始直播' }).click()
    await h.getByRole('button', { name: '结束直播' }).waitFor()
    await h.getByRole('textbox', { name: '直播间屏蔽词' }).fill('广告')
    await h.getByRole('button', { name: '添加' }).click()
    await h.locator('.live-chip', { hasText: '广告' }).waitFor()

    // Two viewers open it: the video really plays for both.
    const [a, b] = [await signedIn(fan), await signedIn(friend)]
    for (const page of [a, b]) {
      await page.goto(`${server.url}/live/${eventId}`)
      await page.getByTestId('live-badge').waitFor()
      await expect.poll(() => videoTime(page), { timeout: 15_000 }).toBeGreaterThan(1)
    }

    // Each sends a danmaku from the send box; both fly over the video on both screens.
    await a.getByRole('textbox', { name: '弹幕' }).fill('好球！')
    await a.getByRole('radio', { name: '黄色' }).click()
    await a.getByRole('button', { name: '发送弹幕' }).click()
    await b.getByRole('textbox', { name: '弹幕' }).fill('北京加油')
    await b.getByRole('radio', { name: '顶部' }).click()
    await b.getByRole('button', { name: '发送弹幕' }).click()
    for (const page of [a, b]) {
      await expect.poll(() => flying(page), { timeout: 5_000 }).toEqual(expect.arrayContaining(['好球！', '北京加油']))
    }
    expect(await a.locator('[data-testid="danmaku-item"]', { hasText: '好球！' }).getAttribute('style')).toContain(
      'rgb(255, 212, 0)',
    )
    // A tip: the tipper sees the coin rise, everyone sees a gold danmaku in their own language.
    await a.getByRole('button', { name: '打赏' }).click()
    await a.getByTestId('tip-burst').waitFor()
    for (const page of [a, b, h]) {
      await expect
        .poll(() => flying(page, 'danmaku-tip'), { timeout: 5_000 })
        .toEqual([expect.stringMatching(/^打赏了主播 ¥0\.\d\d$/)])
    }
    await expect.poll(() => b.getByTestId('viewer-count').textContent(), { timeout: 12_000 }).toBe('3 人在看')

    // A fuller room for the picture: more lines from everyone, in colours and positions.
    const lines = [
      [fan, '这脚射门太漂亮了', '#ffffff', 'scroll'],
      [friend, '上海队今天状态好', '#00a0ff', 'scroll'],
      [host, '欢迎来到直播间～', '#ff7204', 'bottom'],
      [friend, '前排！', '#ffffff', 'scroll'],
    ] as const
    for (const [person, text, color, mode] of lines) {
      await send('POST', `/live/events/${eventId}/danmaku`, { text, color, mode }, person.token)
    }
    await expect.poll(() => flying(b), { timeout: 5_000 }).toEqual(expect.arrayContaining(['前排！']))
    await screenshot(b, '60-live-player.png')

    // The host's own word keeps a line out of the room.
    await b.getByRole('textbox', { name: '弹幕' }).fill('看广告领红包')
    await b.getByRole('button', { name: '发送弹幕' }).click()
    await expect.poll(() => b.getByTestId('danmaku-error').textContent()).toContain('不允许')

    // The recent list offers a recall of one's own line; recalling takes it away for everyone.
    await a.getByRole('listitem').filter({ hasText: '好球！' }).getByRole('button', { name: '撤回' }).click()
    await expect.poll(() => b.getByRole('listitem').filter({ hasText: '好球！' }).count()).toBe(0)

    // Something to come and something to replay, for the list's picture.
    const hour = 3600_000
    await send(
      'POST',
      '/live/events',
      { title: '跨年演唱会', startsAt: new Date(Date.now() + 72 * hour).toISOString() },
      host.token,
    )
    const final = await send(
      'POST',
      '/live/events',
      { title: '校园歌手大赛 · 决赛', startsAt: new Date().toISOString(), streamUrl: DEMO_STREAM_URL },
      host.token,
    )
    await send('POST', `/live/events/${final.id}/start`, undefined, host.token)
    await send('POST', `/live/events/${final.id}/end`, {}, host.token)
    await b.getByRole('link', { name: '返回' }).click()
    await expect.poll(() => b.getByTestId('event-card').count()).toBe(3)
    // The cover the host picked is there for everyone, not only for its uploader.
    const coverImage = b.getByTestId('event-card').filter({ hasText: '周末足球' }).locator('img')
    await expect
      .poll(() => coverImage.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBe(640)
    await screenshot(b, '61-live-list.png')
    for (const browser of browsers) expect(browser.problems).toEqual([])
  }, 120_000)

  it('replays an ended event with its danmaku at their own video times', async () => {
    const send = apiClient(server.url)
    const [host, viewer] = await Promise.all([
      setUpPerson(send, '校园台', '王校园'),
      setUpPerson(send, '小舟', '周小舟'),
    ])
    const event = await send(
      'POST',
      '/live/events',
      { title: '毕业晚会', startsAt: new Date().toISOString(), streamUrl: DEMO_STREAM_URL },
      host.token,
    )
    await send('POST', `/live/events/${event.id}/start`, undefined, host.token)
    const lines = [
      ['第三秒', 3],
      ['第九秒', 9],
      ['片尾之后', 40],
    ] as const
    for (const [text, videoTime] of lines) {
      await send('POST', `/live/events/${event.id}/danmaku`, { text, videoTime }, host.token)
    }
    await send('POST', `/live/events/${event.id}/end`, { replayUrl: DEMO_STREAM_URL }, host.token)

    const page = await signedIn(viewer)
    await page.goto(`${server.url}/live/${event.id}`)
    await expect.poll(() => videoTime(page), { timeout: 15_000 }).toBeGreaterThan(4)
    expect(await flying(page)).toEqual(['第三秒'])
    await expect.poll(() => videoTime(page), { timeout: 15_000 }).toBeGreaterThan(10)
    expect(await flying(page)).toEqual(expect.arrayContaining(['第九秒']))
    expect(await flying(page)).not.toContain('片尾之后')
    for (const browser of browsers) expect(browser.problems).toEqual([])
  }, 60_000)
})
