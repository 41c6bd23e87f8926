import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeIfE2E } from '../helpers/optional.js'
import { startTestServer } from '../helpers/server.js'
import { openMobileBrowser, screenshot, type MobileBrowser } from './browser.js'
import { apiClient, befriend, logIn, register, setUpPerson } from './people.js'

const badge = (page: Page) => page.getByTestId('notification-count')

describeIfE2E('notifications in the browser', () => {
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

  it('rings the bell live as friends like, comment, reply and tip, lists them newest first, and clears when read', async () => {
    const send = apiClient(server.url)
    const [author, fan, friend] = await Promise.all([
      setUpPerson(send, '小红', '李小红'),
      setUpPerson(send, '阿杰', '陈志杰', 1_000),
      register(send, '小明'),
    ])
    await befriend(send, author, fan)
    const post = await send('POST', '/posts', { text: '周末去爬了香山', visibility: { type: 'friends' } }, author.token)

    const page = browser.page
    await logIn(page, server.url, author.phone)
    await page.getByRole('link', { name: /^通知/ }).waitFor()
    // Accepting her friend request already told her once.
    await expect.poll(() => badge(page).textContent()).toBe('1')

    // Each of these reaches the open page over the socket: the badge counts up without a reload.
    await send('POST', `/posts/${post.id}/likes`, undefined, fan.token)
    await expect.poll(() => badge(page).textContent(), { timeout: 5_000 }).toBe('2')
    const comment = await send('POST', `/posts/${post.id}/comments`, { text: '风景真好' }, fan.token)
    const thanks = await send(
      'POST',
      `/posts/${post.id}/comments`,
      { text: '谢谢～', replyToCommentId: comment.id },
      author.token,
    )
    await send('POST', `/posts/${post.id}/comments`, { text: '下次带上我', replyToCommentId: thanks.id }, fan.token)
    await send('POST', `/posts/${post.id}/tips`, undefined, fan.token, { 'Idempotency-Key': crypto.randomUUID() })
    await send('POST', '/friend-requests', { toUserId: author.id, message: '我是小明' }, friend.token)
    await expect.poll(() => badge(page).textContent(), { timeout: 5_000 }).toBe('6')
    expect(await page.getByRole('link', { name: '通知，6 条未读' }).count()).toBe(1)

    // The list: newest first, each in words; her own reply to the comment is not there.
    await page.getByRole('link', { name: /^通知/ }).click()
    await page.waitForURL('**/notifications')
    const rows = page.getByTestId('notification')
    await expect.poll(() => rows.count()).toBe(6)
    expect(await page.locator('.notification-row__title').allTextContents()).toEqual([
      '小明 请求添加你为朋友',
      '阿杰 打赏了你的动态',
      '阿杰 回复了你',
      '阿杰 评论了你的动态',
      '阿杰 赞了你的动态',
      '阿杰 通过了你的朋友申请',
    ])
    // Under each, what was said or paid, in a line of its own.
    expect(await page.locator('.notification-row__detail').allTextContents()).toEqual([
      '我是小明',
      expect.stringMatching(/^¥0\.\d\d$/),
      '下次带上我',
      '风景真好',
      '周末去爬了香山',
    ])
    await screenshot(page, '44-notifications.png')

    // Seen is read: the server agrees, and the bell is quiet when she goes back.
    await expect
      .poll(
        async () =>
          (await send('GET', '/notifications', undefined, author.token)).items.filter((n: { read: boolean }) => !n.read)
            .length,
      )
      .toBe(0)
    await page.getByRole('link', { name: '返回' }).click()
    await page.waitForURL('**/wallet')
    expect(await badge(page).count()).toBe(0)

    // A row leads to what it is about: the like opens the post.
    await page.getByRole('link', { name: /^通知/ }).click()
    await rows.filter({ hasText: '赞了你的动态' }).getByRole('link').click()
    await page.waitForURL(`**/posts/${post.id}`)
    await page.getByText('周末去爬了香山').waitFor()
    expect(browser.problems).toEqual([])
  }, 90_000)
})
