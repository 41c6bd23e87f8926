import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeIfE2E } from '../helpers/optional.js'
import { startTestServer } from '../helpers/server.js'
import { openMobileBrowser, screenshot, type MobileBrowser } from './browser.js'
import { apiClient, logIn, PASSWORD, register } from './people.js'

describeIfE2E('password and devices in the browser', () => {
  let server: { url: string; close(): Promise<void> }
  const browsers: MobileBrowser[] = []

  beforeAll(async () => {
    server = await startTestServer()
  })

  afterAll(async () => {
    await Promise.all(browsers.map((browser) => browser.close()))
    await server?.close()
  })

  it('Me → Security lists two devices; signing the other out sends it to login; the password changes', async () => {
    const send = apiClient(server.url)
    const person = await register(send, '小明')
    const phone = await openMobileBrowser('zh-CN')
    const laptop = await openMobileBrowser('zh-CN')
    browsers.push(phone, laptop)
    for (const { page } of [phone, laptop]) page.setDefaultTimeout(10_000)
    await logIn(laptop.page, server.url, person.phone)
    await logIn(phone.page, server.url, person.phone)
    // The registration session goes, so that the list shows just these two browsers.
    await send('POST', '/auth/logout', undefined, person.token)

    const { page } = phone
    await page.getByRole('link', { name: '我' }).click()
    await page.getByRole('link', { name: /登录密码与设备/ }).click()
    await page.waitForURL('**/me/security')
    const rows = page.getByTestId('session')
    await expect.poll(() => rows.count()).toBe(2)
    await rows.filter({ hasText: '本机' }).waitFor()
    await screenshot(page, '08-security-devices.png')

    await rows.filter({ hasNotText: '本机' }).getByRole('button', { name: '退出登录' }).click()
    await expect.poll(() => rows.count()).toBe(1)
    // The other browser's socket is closed for its ended session, and the app goes to the login page by itself.
    await laptop.page.waitForURL('**/login', { timeout: 5_000 })

    await page.getByRole('link', { name: /登录密码.*修改/ }).click()
    await page.waitForURL('**/me/password')
    await page.getByLabel('当前密码').fill('not-my-password')
    await page.getByLabel('新密码', { exact: true }).fill('autumn-wind-2025')
    await page.getByLabel('再次输入新密码').fill('autumn-wind-2025')
    await page.getByRole('button', { name: '修改密码' }).click()
    await page.getByText('当前密码错误。').waitFor()
    await screenshot(page, '09-security-password.png')
    await page.getByLabel('当前密码').fill(PASSWORD)
    await page.getByRole('button', { name: '修改密码' }).click()
    await page.getByRole('heading', { name: '密码已修改' }).waitFor()

    await expect(send('POST', '/auth/login', { phone: person.phone, password: PASSWORD })).rejects.toThrow(/401/)
    await send('POST', '/auth/login', { phone: person.phone, password: 'autumn-wind-2025' })
    expect(phone.problems).toEqual([])
  }, 90_000)
})
