import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { expectBooksBalanced } from '../helpers/commerce.js'
import { describeIfE2E } from '../helpers/optional.js'
import { BUILT_WEB_ROOT } from '../helpers/server.js'
import { openMobileBrowser, screenshot, type MobileBrowser } from './browser.js'
import { apiClient, befriend, logIn, type Person, PIN, setUpPerson } from './people.js'

const DAY = 24 * 3600_000

const fen = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''))
const yuan = (amount: number) => `¥${(amount / 100).toFixed(2)}`

async function openConversation(page: Page, url: string, conversationId: string): Promise<void> {
  await page.goto(`${url}/chat/${encodeURIComponent(conversationId)}`)
  // Generous: three browsers start at once, and a busy machine loads the first chunk slowly.
  await page.getByRole('list', { name: '消息' }).waitFor({ timeout: 60_000 })
}

async function payWithPin(page: Page): Promise<void> {
  await page.getByLabel('请输入支付密码').fill(PIN)
}

async function openMoneyTile(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: '更多功能' }).click()
  await page.getByRole('button', { name, exact: true }).click()
}

/** A due date a month on, in China time, as the date input takes it. */
function monthAhead(): string {
  return new Date(Date.now() + 8 * 3600_000 + 30 * DAY).toISOString().slice(0, 10)
}

describeIfE2E('group collections and IOUs in the browser', () => {
  let testApp: TestApp
  let url: string
  const browsers: MobileBrowser[] = []

  beforeAll(async () => {
    testApp = await createTestApp({ webRoot: BUILT_WEB_ROOT, env: { LIFECIRCLE_SMS_CODES_PER_ADDRESS_HOUR: '10000' } })
    url = await testApp.app.listen({ port: 0, host: '127.0.0.1' })
  })

  afterAll(async () => {
    await Promise.all(browsers.map((browser) => browser.close()))
    await testApp?.close()
  })

  it('collects in a group: members pay with the PIN, the collector sees who paid and closes it', async () => {
    const send = apiClient(url)
    const [alice, bob, carol, dave] = await Promise.all([
      setUpPerson(send, '小明', '王小明'),
      setUpPerson(send, '小红', '李小红', 200_00),
      setUpPerson(send, '阿杰', '张杰', 200_00),
      setUpPerson(send, '大伟', '刘大伟', 200_00),
    ])
    for (const friend of [bob, carol, dave]) await befriend(send, alice, friend)
    const group = await send(
      'POST',
      '/groups',
      { name: '周五聚餐群', memberIds: [bob.id, carol.id, dave.id] },
      alice.token,
    )

    const openAs = async (person: Person): Promise<Page> => {
      const browser = await openMobileBrowser('zh-CN')
      browsers.push(browser)
      await logIn(browser.page, url, person.phone)
      return browser.page
    }
    const [a, b, c] = await Promise.all([openAs(alice), openAs(bob), openAs(carol)])
    await Promise.all([a, b, c].map((page) => openConversation(page, url, group.conversationId)))

    // Alice: ➕ → 群收款, ¥100.01 split evenly over the three: the odd fen goes to the first in the list.
    await openMoneyTile(a, '群收款')
    await a.getByLabel('收款事由').fill('周五聚餐')
    await a.getByRole('radio', { name: '总额平分' }).click()
    await a.getByLabel('总金额').fill('100.01')
    await expect.poll(() => a.getByTestId('collection-share').allTextContents()).toEqual(['¥33.34', '¥33.34', '¥33.33'])
    await expect.poll(() => a.getByTestId('collection-total').textContent()).toBe('¥100.01')
    // Who rounds up depends on the group's member order: read each one's share off the sheet.
    const shareOf = async (name: string) =>
      fen(
        await a
          .getByTestId('collection-member')
          .filter({ hasText: name })
          .getByTestId('collection-share')
          .textContent(),
      )
    const [bobShare, carolShare] = [await shareOf('小红'), await shareOf('阿杰')]
    const paid = bobShare + carolShare
    await screenshot(a, '54-collection-sheet.png')
    await a.getByRole('button', { name: '发起收款' }).click()

    // The card arrives for everyone; each member sees what they owe.
    for (const page of [a, b, c]) await page.getByTestId('collection-card').waitFor()
    await expect.poll(() => b.getByTestId('collection-card-state').textContent()).toBe(`你需付 ${yuan(bobShare)}`)
    await screenshot(b, '55-collection-card.png')

    // Bob and Carol pay from the detail page with their PIN.
    for (const page of [b, c]) {
      await page.getByTestId('collection-card').click()
      await page.waitForURL('**/collections/*')
      await page.getByRole('button', { name: /^付款 ¥33\.3\d$/ }).click()
      await payWithPin(page)
      await expect.poll(() => page.getByTestId('collection-status').textContent()).toBe('你已付款')
    }

    // Alice sees two paid and Dave unpaid, live, then stops collecting.
    await a.getByTestId('collection-card').click()
    await a.waitForURL('**/collections/*')
    await expect
      .poll(() => a.getByTestId('collection-progress').textContent())
      .toBe(`已付 2/3 人 · 已收 ${yuan(paid)} / ¥100.01`)
    const rows = a.getByTestId('collection-row')
    await expect.poll(() => rows.filter({ hasText: '已付' }).count()).toBe(2)
    expect(await rows.filter({ hasText: '未付' }).textContent()).toContain('大伟')
    await a.getByRole('button', { name: '结束收款' }).click()
    await a.getByRole('dialog').getByRole('button', { name: '结束收款' }).click()
    await expect.poll(() => a.getByTestId('collection-status').textContent()).toBe('已结束')
    await screenshot(a, '56-collection-page.png')

    // Dave can no longer pay: the server refuses with a clear code, and no money moves.
    const refused = await fetch(`${url}/api/v1/collections/${await collectionId(a)}/pay`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${dave.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': 'x1' },
      body: JSON.stringify({ pin: PIN }),
    })
    expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([
      409,
      'COLLECTION_CLOSED',
    ])

    const balance = async (person: Person) =>
      ((await send('GET', '/wallet', undefined, person.token)) as { balance: number }).balance
    expect(await Promise.all([alice, bob, carol, dave].map(balance))).toEqual([
      paid,
      200_00 - bobShare,
      200_00 - carolShare,
      200_00,
    ])
    await expectBooksBalanced(testApp.app)

    // An IOU in Bob and Alice's direct chat: Bob borrows ¥1,000 at 3.65% for a month.
    const direct = await send('POST', '/conversations', { userId: alice.id }, bob.token)
    await Promise.all([a, b].map((page) => openConversation(page, url, direct.id)))
    await openMoneyTile(b, '借条')
    await expect.poll(() => b.getByTestId('iou-rate-cap').textContent()).toContain('12%')
    await b.getByLabel('借款金额').fill('1000')
    await b.getByLabel('年利率').fill('3.65')
    await b.getByLabel('还款日').fill(monthAhead())
    await b.getByLabel('用途').fill('买电脑')
    await expect.poll(() => b.getByTestId('iou-estimate').textContent()).toContain('利息约 ¥3.00')
    await screenshot(b, '57-iou-sheet.png')
    await b.getByRole('button', { name: '发送借条' }).click()

    // Alice sees it waiting for her, and lends with her PIN… after a top-up, since she has only what was collected.
    await send('POST', '/wallet/topups', { amount: 1_000_00 }, alice.token, { 'Idempotency-Key': crypto.randomUUID() })
    const aliceCard = a.getByTestId('iou-card')
    await expect.poll(() => aliceCard.getAttribute('data-status')).toBe('requested')
    await aliceCard.click()
    await a.waitForURL('**/ious/*')
    await a.getByRole('button', { name: '同意出借 ¥1,000.00' }).click()
    await payWithPin(a)
    await expect.poll(() => a.getByTestId('iou-status').getAttribute('data-status')).toBe('active')
    await expect.poll(() => b.getByTestId('iou-card-status').textContent()).toBe('借款中')

    // Bob repays ¥400, then the rest; lent today, no interest has accrued yet.
    await b.getByTestId('iou-card').click()
    await b.waitForURL('**/ious/*')
    await expect.poll(() => b.getByTestId('iou-outstanding').textContent()).toBe('¥1,000.00')
    await b.getByRole('button', { name: '还款', exact: true }).click()
    await b.getByRole('dialog').getByLabel('金额（元）').fill('400')
    await b.getByRole('dialog').getByRole('button', { name: '还款', exact: true }).click()
    await payWithPin(b)
    await expect.poll(() => b.getByTestId('iou-outstanding').textContent()).toBe('¥600.00')
    expect(await b.getByTestId('iou-status').textContent()).toBe('借款中')
    expect(await b.getByTestId('iou-repayment').count()).toBe(1)
    await b.evaluate('window.scrollTo(0, 0)')
    await screenshot(b, '58-iou-page.png')

    await b.getByRole('button', { name: '还款', exact: true }).click()
    await b.getByRole('dialog').getByRole('button', { name: '全部还清' }).click()
    await b.getByRole('dialog').getByRole('button', { name: '还款', exact: true }).click()
    await payWithPin(b)
    await expect.poll(() => b.getByTestId('iou-status').getAttribute('data-status')).toBe('repaid')
    await expect.poll(() => a.getByTestId('iou-status').getAttribute('data-status')).toBe('repaid')

    // Both find it under Me → 借条; Alice under 我借出的.
    await a.goto(`${url}/me`)
    await a.getByRole('link', { name: '借条' }).click()
    await a.getByRole('tab', { name: '我借出的' }).click()
    await expect.poll(() => a.getByTestId('money-row').count()).toBe(1)
    expect(await a.getByTestId('money-row').textContent()).toContain('已还清')
    await screenshot(a, '59-ious-list.png')

    expect(await Promise.all([alice, bob].map(balance))).toEqual([paid + 1_000_00, 200_00 - bobShare])
    await expectBooksBalanced(testApp.app)
    for (const browser of browsers) expect(browser.problems).toEqual([])
  }, 240_000)
})

async function collectionId(page: Page): Promise<string> {
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '')
}
