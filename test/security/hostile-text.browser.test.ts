import type { Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeIfE2E } from '../helpers/optional.js'
import { startTestServer } from '../helpers/server.js'
import { openMobileBrowser, type MobileBrowser } from '../e2e/browser.js'
import { apiClient, befriend, logIn, register } from '../e2e/people.js'

/** Markup that would run if any of it reached the page as HTML: each sets a flag or opens a dialog. */
const POST_TEXT = `"><img src=x onerror="window.__pwned='post'"><script>window.__pwned='post'</script>&lt;b&gt;`
const NAME = `<img src=x onerror=alert(1)>`
const CHAT_TEXT = `</p><svg onload="window.__pwned='chat'"><a href="javascript:alert(3)">点我</a>`
const DANMAKU = `<img src=x onerror="window.__pwned='danmaku'">`
const FILE_NAME = `"><img src=x onerror=alert(1)>.png`

/** Nothing ran: no dialog, no flag, no element the markup would have made, and the text itself on show. */
async function expectShownAsText(page: Page, dialogs: string[], text: string): Promise<void> {
  await expect.poll(() => page.getByText(text, { exact: false }).count(), { timeout: 10_000 }).toBeGreaterThan(0)
  expect(await page.locator('img[src="x"], svg[onload], a[href^="javascript:"]').count()).toBe(0)
  expect(await page.evaluate('window.__pwned')).toBeUndefined()
  expect(dialogs).toEqual([])
}

describeIfE2E('hostile text in the browser is only ever text', () => {
  let server: { url: string; close(): Promise<void> }
  let browser: MobileBrowser

  beforeAll(async () => {
    server = await startTestServer()
    browser = await openMobileBrowser('zh-CN')
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('shows hostile posts, names, chat, danmaku and file names as text, and runs none of it', async () => {
    const send = apiClient(server.url)
    const alice = await register(send, '小明')
    const bob = await register(send, NAME)
    await befriend(send, alice, bob)
    const page = browser.page
    const dialogs: string[] = []
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    await logIn(page, server.url, alice.phone)

    // A post composed in the browser, with a photo whose file name is markup.
    await page.goto(`${server.url}/circle/compose`)
    await page.getByLabel('动态内容').fill(POST_TEXT)
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#2e86de' } })
      .png()
      .toBuffer()
    await page.getByLabel('添加图片').setInputFiles({ name: FILE_NAME, mimeType: 'image/png', buffer: png })
    await page.locator('[data-testid="picked-image"] img[src^="/api/v1/media/"]').waitFor()
    await page.getByRole('button', { name: '发表', exact: true }).click()
    await page.waitForURL('**/circle')
    await expectShownAsText(page, dialogs, POST_TEXT)
    expect(await page.content()).not.toContain(FILE_NAME)

    // A friend whose display name is markup, writing markup in chat.
    const conversation = await send('POST', '/conversations', { userId: alice.id }, bob.token)
    await send('POST', `/conversations/${conversation.id}/messages`, { text: CHAT_TEXT }, bob.token)
    await page.goto(`${server.url}/friends`)
    await expectShownAsText(page, dialogs, NAME)
    await page.goto(`${server.url}/chat`)
    await expectShownAsText(page, dialogs, NAME)
    await page.goto(`${server.url}/chat/${conversation.id}`)
    await expectShownAsText(page, dialogs, CHAT_TEXT)

    // Danmaku flying over a live event.
    const event = await send(
      'POST',
      '/live/events',
      { title: NAME, startsAt: new Date(Date.now() + 3_600_000).toISOString() },
      alice.token,
    )
    await send('POST', `/live/events/${event.id}/start`, undefined, alice.token)
    await page.goto(`${server.url}/live/${event.id}`)
    await page.getByTestId('live-badge').waitFor()
    await expect.poll(() => page.getByText('连接中…').count(), { timeout: 10_000 }).toBe(0)
    await send('POST', `/live/events/${event.id}/danmaku`, { text: DANMAKU }, bob.token)
    await expect
      .poll(() => page.locator('[data-testid="danmaku-stage"] [data-testid="danmaku-item"]').allTextContents(), {
        timeout: 10_000,
      })
      .toContain(DANMAKU)
    await expectShownAsText(page, dialogs, DANMAKU)
    expect(browser.problems).toEqual([])
  }, 90_000)
})
