import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { describeIfE2E } from '../helpers/optional.js'
import { startTestServer } from '../helpers/server.js'
import { openMobileBrowser, screenshot, type MobileBrowser } from './browser.js'
import { apiClient, logIn, randomAdultIdNumber, randomPhone, setUpPerson as setUpVerified } from './people.js'

const PASSWORD = 'spring-rain-2024'
const PIN = '135790'

interface Person {
  phone: string
  token: string
}

/** Registers through the HTTP API, verifies the real name and, optionally, sets a PIN: the accounts journey is tested elsewhere. */
async function setUpPerson(url: string, displayName: string, realName: string, pin?: string): Promise<Person> {
  const phone = randomPhone()
  const send = async (method: string, path: string, body: unknown, token?: string) => {
    const response = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    })
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
    return response.status === 204 ? undefined : ((await response.json()) as any)
  }
  const { sandboxCode } = await send('POST', '/auth/codes', { phone, purpose: 'register' })
  const { token } = await send('POST', '/auth/register', { phone, code: sandboxCode, password: PASSWORD, displayName })
  await send('POST', '/me/real-name', { name: realName, idNumber: randomAdultIdNumber() }, token)
  if (pin) await send('PUT', '/me/pin', { pin }, token)
  return { phone, token }
}

/** The history rows as their visible text, newest first. */
async function historyRows(page: Page): Promise<string[]> {
  await page.getByTestId('transaction').first().waitFor()
  return page.getByTestId('transaction').allInnerTexts()
}

describeIfE2E('the wallet in the browser', () => {
  let server: { url: string; close(): Promise<void> }
  const browsers: MobileBrowser[] = []

  beforeAll(async () => {
    server = await startTestServer()
  })

  afterAll(async () => {
    await Promise.all(browsers.map((browser) => browser.close()))
    await server?.close()
  })

  it('tops up, transfers with the PIN, shows both histories, requests and pays money, and draws the annual bill', async () => {
    const [alice, bob] = await Promise.all([
      setUpPerson(server.url, '小明', '王小明', PIN),
      setUpPerson(server.url, '阿杰', '李志杰'),
    ])

    const aliceBrowser = await openMobileBrowser('zh-CN')
    browsers.push(aliceBrowser)
    const a = aliceBrowser.page
    await logIn(a, server.url, alice.phone)
    await expect.poll(() => a.getByTestId('balance').textContent()).toBe('¥0.00')
    await a.getByText('沙盒资金').first().waitFor()

    // Top up ¥200 of sandbox money.
    await a.getByRole('link', { name: '充值' }).click()
    await a.getByText('本服务器通过内置的沙盒渠道充值', { exact: false }).waitFor()
    await a.getByLabel('金额（元）').fill('200')
    await a.getByRole('button', { name: '充值 ¥200.00' }).click()
    await a.getByRole('heading', { name: '充值成功' }).waitFor()
    expect(await a.getByTestId('result-amount').textContent()).toBe('¥200.00')
    await a.getByRole('link', { name: '返回钱包' }).click()
    await expect.poll(() => a.getByTestId('balance').textContent()).toBe('¥200.00')

    // Transfer ¥12.34 with a note to 阿杰, found by phone, confirmed with the PIN.
    await a.getByRole('link', { name: '转账' }).click()
    await a.getByLabel('对方手机号').fill(bob.phone)
    await a.getByRole('button', { name: '查找' }).click()
    await expect.poll(() => a.getByTestId('person-name').textContent()).toBe('阿杰 (*志杰)')
    await a.getByRole('button', { name: '确认，下一步' }).click()
    await a.getByLabel('金额（元）').fill('12.34')
    await a.getByLabel('转账说明（选填）').fill('午饭')
    await a.getByRole('button', { name: '确认转账' }).click()
    const sheet = a.getByRole('dialog', { name: '向 阿杰 转账' })
    await sheet.waitFor()
    expect(await sheet.getByTestId('pin-sheet-amount').textContent()).toBe('¥12.34')
    const pinInput = sheet.getByLabel('请输入支付密码')
    await pinInput.pressSequentially(PIN.slice(0, 3))
    await screenshot(a, '11-transfer-pin.png')
    await pinInput.pressSequentially(PIN.slice(3))
    await a.getByRole('heading', { name: '转账成功' }).waitFor()
    expect(await a.getByTestId('result-amount').textContent()).toBe('¥12.34')
    await a.getByText('阿杰 已收到 ¥12.34。').waitFor()
    await a.getByRole('link', { name: '返回钱包' }).click()
    await expect.poll(() => a.getByTestId('balance').textContent()).toBe('¥187.66')

    // A's history: the transfer out, then the top-up.
    await a.getByRole('link', { name: /全部/ }).click()
    await a.waitForURL('**/wallet/history')
    const aliceRows = await historyRows(a)
    expect(aliceRows).toHaveLength(2)
    expect(aliceRows[0]).toContain('阿杰')
    expect(aliceRows[0]).toContain('转账 · 午饭')
    expect(aliceRows[0]).toContain('-¥12.34')
    expect(aliceRows[1]).toContain('充值')
    expect(aliceRows[1]).toContain('+¥200.00')
    await a.getByRole('heading', { name: '本月' }).waitFor()
    await screenshot(a, '12-history.png')

    // B sees the money from A, then asks A for ¥5.
    const bobBrowser = await openMobileBrowser('zh-CN')
    browsers.push(bobBrowser)
    const b = bobBrowser.page
    await logIn(b, server.url, bob.phone)
    await expect.poll(() => b.getByTestId('balance').textContent()).toBe('¥12.34')
    await b.getByRole('link', { name: /全部/ }).click()
    const bobRows = await historyRows(b)
    expect(bobRows).toHaveLength(1)
    expect(bobRows[0]).toContain('小明')
    expect(bobRows[0]).toContain('+¥12.34')
    expect(bobRows[0]).toContain('午饭')

    await b.getByRole('link', { name: '返回' }).click()
    await b.getByRole('link', { name: '收钱' }).click()
    await b.getByLabel('对方手机号').fill(alice.phone)
    await b.getByRole('button', { name: '查找' }).click()
    await expect.poll(() => b.getByTestId('person-name').textContent()).toBe('小明 (*小明)')
    await b.getByRole('button', { name: '确认，下一步' }).click()
    await b.getByLabel('金额（元）').fill('5')
    await b.getByLabel('收款说明（选填）').fill('奶茶')
    await b.getByRole('button', { name: '发起收款' }).click()
    await b.getByRole('heading', { name: '收款请求已发送' }).waitFor()
    await expect.poll(() => b.getByTestId('outgoing-request').first().innerText()).toContain('待付款')

    // A pays it from the incoming requests on the Wallet tab.
    await a.goto(`${server.url}/wallet`)
    const incoming = a.getByTestId('incoming-request')
    await incoming.waitFor()
    expect(await incoming.innerText()).toContain('阿杰 向你收款')
    expect(await incoming.innerText()).toContain('¥5.00')
    await a.getByTestId('transaction').first().waitFor()
    await screenshot(a, '10-wallet.png')
    await incoming.getByRole('button', { name: '付款' }).click()
    const paySheet = a.getByRole('dialog', { name: '向 阿杰 付款' })
    await paySheet.getByLabel('请输入支付密码').pressSequentially(PIN)
    await a.getByText('已向 阿杰 付款 ¥5.00。').waitFor()
    await expect.poll(() => a.getByTestId('balance').textContent()).toBe('¥182.66')
    expect(await incoming.count()).toBe(0)

    await b.reload()
    await expect.poll(() => b.getByTestId('outgoing-request').first().innerText()).toContain('已付款')

    // The annual bill draws its charts; the percentile appears only when asked for.
    await a.getByRole('link', { name: /年度账单/ }).click()
    await a.waitForURL('**/wallet/bill')
    await expect.poll(() => a.getByTestId('bill-total-out').textContent()).toBe('¥17.34')
    await expect
      .poll(() => a.locator('[data-testid="monthly-chart"] svg .recharts-bar-rectangle').count())
      .toBeGreaterThan(0)
    await expect.poll(() => a.locator('[data-testid="category-chart"] svg .recharts-pie-sector').count()).toBe(2)
    expect(await a.getByText('今年你的支出超过了', { exact: false }).count()).toBe(0)
    await a.mouse.move(0, 0)
    await a.waitForTimeout(800)
    await screenshot(a, '13-bill.png')
    await a.getByRole('button', { name: '和其他人比一比' }).click()
    await a.getByText('今年你的支出超过了本服务器', { exact: false }).waitFor()

    expect(aliceBrowser.problems).toEqual([])
    expect(bobBrowser.problems).toEqual([])
  }, 120_000)

  it('tells a requester, in words, that someone who blocked them does not accept their requests', async () => {
    const send = apiClient(server.url)
    const [payer, requester] = await Promise.all([
      setUpVerified(send, '小红', '陈红'),
      setUpVerified(send, '阿强', '张强'),
    ])
    await send('POST', '/blocks', { userId: requester.id }, payer.token)

    const browser = await openMobileBrowser('zh-CN')
    browsers.push(browser)
    const page = browser.page
    await logIn(page, server.url, requester.phone)
    await page.goto(`${server.url}/wallet/request`)
    await page.getByLabel('对方手机号').fill(payer.phone)
    await page.getByRole('button', { name: '查找' }).click()
    await expect.poll(() => page.getByTestId('person-name').textContent()).toBe('小红 (*红)')
    await page.getByRole('button', { name: '确认，下一步' }).click()
    await page.getByLabel('金额（元）').fill('50')
    await page.getByRole('button', { name: '发起收款' }).click()
    await page.getByRole('alert').getByText('小红 不接受你的收款请求。').waitFor()
  }, 90_000)
})
