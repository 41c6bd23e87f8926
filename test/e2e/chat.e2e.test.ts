import type { Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeIfE2E } from '../helpers/optional.js'
import { startTestServer } from '../helpers/server.js'
import { openMobileBrowser, screenshot, type MobileBrowser } from './browser.js'
import { apiClient, befriend, logIn, register } from './people.js'

const SECRET = '保险箱密码是 4096，看完就忘了吧'

/** A photo worth sending: a hotpot seen from above, drawn as SVG and rendered to PNG. */
function hotpotPng(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
    <rect width="640" height="480" fill="#6b4226"/>
    <circle cx="320" cy="240" r="200" fill="#b8b8b8"/>
    <circle cx="320" cy="240" r="180" fill="#c62f1d"/>
    <path d="M320 60 A180 180 0 0 1 320 420 Z" fill="#f3e2b8"/>
    <circle cx="250" cy="180" r="22" fill="#7cb342"/><circle cx="390" cy="300" r="18" fill="#fff"/>
    <circle cx="240" cy="310" r="16" fill="#ffcc80"/><circle cx="400" cy="170" r="20" fill="#8d6e63"/>
  </svg>`
  return sharp(Buffer.from(svg)).png().toBuffer()
}

/** The chat list is live once its title no longer says 连接中…. */
async function openChatTab(page: Page): Promise<void> {
  await page.getByRole('link', { name: /^聊天/ }).click()
  await page.waitForURL('**/chat')
  await expect.poll(() => page.getByText('连接中…').count(), { timeout: 10_000 }).toBe(0)
}

describeIfE2E('chat in the browser', () => {
  let server: { url: string; close(): Promise<void> }
  const browsers: MobileBrowser[] = []

  beforeAll(async () => {
    server = await startTestServer()
  })

  afterAll(async () => {
    await Promise.all(browsers.map((browser) => browser.close()))
    await server?.close()
  })

  it('chats live between two friends: text, an image, read marks, and a message that burns after reading', async () => {
    const send = apiClient(server.url)
    const [alice, bob, carol] = await Promise.all([
      register(send, '小明'),
      register(send, '小红'),
      register(send, '阿杰'),
    ])
    await befriend(send, alice, bob)
    await befriend(send, alice, carol)
    await befriend(send, bob, carol)
    // A group with some history, so that the list holds more than one kind of chat.
    const group = await send('POST', '/groups', { name: '周末爬山群', memberIds: [bob.id, carol.id] }, alice.token)
    await send(
      'POST',
      `/conversations/${group.conversationId}/messages`,
      { text: '周六早上八点，地铁站见' },
      alice.token,
    )
    await send('POST', `/conversations/${group.conversationId}/messages`, { text: '我带水和面包' }, carol.token)

    const bobBrowser = await openMobileBrowser('zh-CN')
    browsers.push(bobBrowser)
    const b = bobBrowser.page
    await logIn(b, server.url, bob.phone)
    await openChatTab(b)
    await b.evaluate('window.__sameDocument = true')

    // Alice starts the chat from Bob's row among her friends.
    const aliceBrowser = await openMobileBrowser('zh-CN')
    browsers.push(aliceBrowser)
    const a = aliceBrowser.page
    await logIn(a, server.url, alice.phone)
    await a.goto(`${server.url}/friends`)
    await a.getByTestId('friend').filter({ hasText: '小红' }).click()
    await a.getByRole('button', { name: '发消息' }).click()
    await a.waitForURL('**/chat/*')
    await a.getByRole('heading', { name: '小红', level: 1 }).waitFor()

    await a.getByRole('textbox', { name: '消息' }).fill('今晚一起吃火锅吗？')
    await a.getByRole('button', { name: '发送' }).click()
    await a
      .getByRole('textbox', { name: '消息' })
      .fill('新开的那家，据说毛肚特别好吃，七点在门口等你，不见不散！要不要叫上阿杰？')
    await a.getByRole('textbox', { name: '消息' }).press('Enter')

    // Bob's list moves the new chat to the top with its unread count, without a reload.
    const bobRow = b.getByTestId('conversation').filter({ hasText: '小明' })
    await expect.poll(() => bobRow.textContent()).toContain('要不要叫上阿杰？')
    await expect.poll(() => b.getByTestId('conversation').first().textContent()).toContain('小明')
    await expect.poll(() => bobRow.getByLabel('2 条未读').count()).toBe(1)
    await expect.poll(() => b.getByTestId('chat-unread').textContent()).toBe('4')
    await screenshot(b, '40-chat-list.png')

    // Bob opens it: the messages are there, and the unread counts clear.
    await bobRow.click()
    await b.waitForURL('**/chat/*')
    const bobTexts = b.getByTestId('message-text')
    await expect
      .poll(() => bobTexts.allTextContents())
      .toEqual(['今晚一起吃火锅吗？', '新开的那家，据说毛肚特别好吃，七点在门口等你，不见不散！要不要叫上阿杰？'])
    await expect.poll(() => a.getByTestId('message-status').textContent()).toBe('已读')

    // An image, picked through the file input, reaches Bob live.
    await a
      .getByLabel('发送图片')
      .setInputFiles({ name: 'hotpot.png', mimeType: 'image/png', buffer: await hotpotPng() })
    const bobImage = b.getByRole('img', { name: '小明 发来的图片' })
    expect(await bobImage.getAttribute('src')).toMatch(/^\/api\/v1\/media\/[^/]+\/thumbnail$/)
    const aliceImage = a.getByRole('img', { name: '小明 发来的图片' })
    await expect
      .poll(() => aliceImage.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0)

    // Bob replies; Alice sees it live, and that Bob has read hers.
    await b.getByRole('textbox', { name: '消息' }).fill('好呀！七点见 😋')
    await b.getByRole('button', { name: '发送' }).click()
    await expect.poll(() => a.getByTestId('message-text').last().textContent()).toBe('好呀！七点见 😋')
    await expect.poll(() => b.getByTestId('message-status').textContent()).toBe('已读')
    await a.getByTestId('message').last().waitFor()
    await screenshot(a, '41-conversation.png')

    // Alice sends a burn-after-reading message: 10 seconds.
    await a.getByRole('button', { name: '阅后即焚' }).click()
    await a.getByRole('radio', { name: '10 秒' }).click()
    await a.getByRole('textbox', { name: '阅后即焚' }).fill(SECRET)
    await a.getByRole('button', { name: '发送' }).click()
    await a.getByTestId('burn-sent').waitFor()
    expect(await a.content()).not.toContain(SECRET)

    // Bob sees only the placeholder; the text is nowhere in his page until he opens it.
    const closed = b.getByTestId('burn-closed')
    await expect.poll(() => closed.textContent()).toBe('点击查看，阅后即焚')
    expect(await b.content()).not.toContain(SECRET)
    await closed.click()
    const viewer = b.getByTestId('burn-viewer')
    await expect.poll(() => viewer.getByTestId('burn-text').textContent()).toBe(SECRET)
    const countdown = await viewer.getByTestId('burn-countdown').textContent()
    expect(Number(/(\d+)/.exec(countdown ?? '')?.[1])).toBeGreaterThanOrEqual(8)
    expect(await viewer.evaluate((node) => (globalThis as any).getComputedStyle(node).userSelect)).toBe('none')
    await screenshot(b, '42-burn-countdown.png')

    // After the ten seconds the text is gone from the page, and the server will not give it again.
    await viewer.waitFor({ state: 'detached', timeout: 14_000 })
    expect(await b.content()).not.toContain(SECRET)
    await expect.poll(() => b.getByTestId('burn-burned').textContent()).toBe('已焚毁')
    expect(await b.getByTestId('burn-closed').count()).toBe(0)
    const messageId = (await send('GET', `/conversations/${await conversationId(a)}/messages`, undefined, bob.token))
      .items[0].id
    const again = await b.evaluate(
      (id) => fetch(`/api/v1/messages/${id}/open`, { method: 'POST' }).then((response) => response.status),
      messageId,
    )
    expect(again).toBe(410)

    // Alice's bubble says so too, pushed by the server.
    await expect.poll(() => a.getByTestId('burn-burned').textContent()).toBe('已焚毁')
    await screenshot(a, '43-burned.png')

    expect(await b.evaluate('window.__sameDocument')).toBe(true)
    expect(aliceBrowser.problems).toEqual([])
    expect(bobBrowser.problems).toEqual([])
  }, 180_000)
})

async function conversationId(page: Page): Promise<string> {
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '')
}
