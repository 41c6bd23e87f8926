import crypto from 'node:crypto'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeIfE2E } from '../helpers/optional.js'
import { startTestServer } from '../helpers/server.js'
import { openMobileBrowser, type MobileBrowser } from '../e2e/browser.js'
import { apiClient, befriend, logIn, PIN, register, setUpPerson, type Person, type Send } from '../e2e/people.js'

/** What a scammer writes into a link they send: a trusted name, a reason, a title. None of it may reach the page. */
const BAIT = 'mom'
const BAIT_QUERY = new URLSearchParams({
  name: BAIT,
  displayName: BAIT,
  maskedName: `*${BAIT}`,
  note: `${BAIT} 的医药费`,
  title: `${BAIT} 的订单`,
  greeting: BAIT,
}).toString()
const baited = (path: string) => `${path}${path.includes('?') ? '&' : '?'}${BAIT_QUERY}#${BAIT}`

const MISSING_ID = '01HZZZZZZZZZZZZZZZZZZZZZZZ'

async function expectNoBait(page: Page): Promise<void> {
  expect(await page.locator('body').innerText()).not.toContain(BAIT)
  expect(await page.title()).not.toContain(BAIT)
}

/** Opens the PIN sheet's dialog and returns its visible text. */
async function pinSheetText(page: Page): Promise<string> {
  const sheet = page.getByRole('dialog')
  await sheet.getByLabel('请输入支付密码').waitFor()
  return sheet.innerText()
}

describeIfE2E('deep links: only the server names who is paid', () => {
  let server: { url: string; close(): Promise<void> }
  let browser: MobileBrowser
  let send: Send
  let alice: Person
  let bob: Person

  beforeAll(async () => {
    server = await startTestServer()
    browser = await openMobileBrowser('zh-CN')
    send = apiClient(server.url)
    ;[alice, bob] = await Promise.all([
      setUpPerson(send, '小明', '王小明', 500_00),
      setUpPerson(send, '阿杰', '李志杰', 500_00),
    ])
    await befriend(send, alice, bob)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('a transfer link names the payee as the server knows them, on the form and on the PIN sheet', async () => {
    const page = browser.page
    await logIn(page, server.url, alice.phone)
    await page.goto(`${server.url}${baited(`/wallet/transfer?to=${bob.id}`)}`)
    await expect.poll(() => page.getByTestId('person-name').textContent()).toBe('阿杰 (*志杰)')
    await page.getByLabel('金额（元）').fill('88')
    await page.getByRole('button', { name: '确认转账' }).click()
    const sheet = await pinSheetText(page)
    expect(sheet).toContain('向 阿杰 转账')
    expect(await page.getByTestId('pin-sheet-payee').innerText()).toBe('阿杰 (*志杰)')
    expect(sheet).toContain('¥88.00')
    await expectNoBait(page)

    await page.getByRole('dialog').getByLabel('请输入支付密码').pressSequentially(PIN)
    await page.getByText('阿杰 已收到 ¥88.00。').waitFor()
    await expectNoBait(page)
    const [last] = (await send('GET', '/wallet/transactions?limit=1', undefined, alice.token)).items
    expect(last).toMatchObject({ amount: -88_00, counterparty: { id: bob.id, displayName: '阿杰' } })
  })

  it('a transfer link to nobody the server will name shows an error and never the form or a PIN sheet', async () => {
    const page = browser.page
    const stranger = await register(send, '路人')
    const blocker = await setUpPerson(send, '拉黑我的人', '赵拉黑')
    await send('POST', '/blocks', { userId: alice.id }, blocker.token)
    const cases: Array<[string, string]> = [
      [MISSING_ID, '找不到这位收款人'],
      [blocker.id, '找不到这位收款人'],
      ['x'.repeat(65), '找不到这位收款人'],
      [alice.id, '不能给自己转账'],
      [stranger.id, '尚未完成实名认证'],
    ]
    for (const [id, problem] of cases) {
      await page.goto(`${server.url}${baited(`/wallet/transfer?to=${encodeURIComponent(id)}`)}`)
      await page.getByText(problem, { exact: false }).waitFor()
      expect(await page.getByLabel('金额（元）').count(), id).toBe(0)
      expect(await page.getByRole('dialog').count(), id).toBe(0)
      await expectNoBait(page)
    }
    // The way out is the ordinary search by phone.
    await page.getByRole('button', { name: '按手机号查找' }).click()
    await page.getByLabel('对方手机号').waitFor()
  })

  it('request, collection, IOU, order and red-packet PIN sheets and links show the server’s people and ignore text in the URL', async () => {
    const page = browser.page
    const group = await send('POST', '/groups', { name: '聚餐群', memberIds: [bob.id] }, alice.token)
    const collection = await send(
      'POST',
      `/groups/${group.id}/collections`,
      { title: '聚餐', amountPerMember: 5_00, memberIds: [bob.id] },
      alice.token,
    )
    const iou = await send(
      'POST',
      '/ious',
      { lenderId: bob.id, amount: 100_00, annualRatePercent: 0, dueDate: '2030-12-31' },
      alice.token,
    )
    const post = await send(
      'POST',
      '/posts',
      {
        text: '自家做的',
        visibility: { type: 'friends' },
        kind: 'product',
        product: { title: '凤梨酥', price: 38_00, stock: 5 },
      },
      alice.token,
    )
    const order = await send('POST', '/orders', { postId: post.id, quantity: 1, shippingAddress: '上海' }, bob.token)
    const conversation = await send('POST', '/conversations', { userId: bob.id }, alice.token)
    const packet = await send(
      'POST',
      `/conversations/${conversation.id}/red-packets`,
      { type: 'equal', total: 2_00, count: 1, greeting: '新年好', pin: PIN },
      alice.token,
      { 'Idempotency-Key': crypto.randomUUID() },
    )

    await send('POST', '/payment-requests', { fromUserId: bob.id, amount: 3_00 }, alice.token)

    await page.context().clearCookies()
    await logIn(page, server.url, bob.phone)

    // Not a link, but a PIN sheet all the same: a payment request names its requester by the server's card.
    await page.getByRole('button', { name: '付款', exact: true }).click()
    expect(await pinSheetText(page)).toContain('向 小明 付款')
    expect(await page.getByTestId('pin-sheet-payee').innerText()).toBe('小明 (*小明)')

    await page.goto(`${server.url}${baited(`/collections/${collection.id}`)}`)
    await page.getByRole('button', { name: '付款 ¥5.00' }).click()
    expect(await pinSheetText(page)).toContain('向 小明 付款（群收款）')
    expect(await page.getByTestId('pin-sheet-payee').innerText()).toBe('小明 (*小明)')
    await expectNoBait(page)

    await page.goto(`${server.url}${baited(`/ious/${iou.id}`)}`)
    await page.getByRole('button', { name: '同意出借 ¥100.00' }).click()
    expect(await pinSheetText(page)).toContain('出借给 小明')
    expect(await page.getByTestId('pin-sheet-payee').innerText()).toBe('小明 (*小明)')
    await expectNoBait(page)

    await page.goto(`${server.url}${baited(`/orders/${order.id}`)}`)
    await page.getByRole('button', { name: '立即付款' }).click()
    expect(await pinSheetText(page)).toContain('购买「凤梨酥」')
    expect(await page.getByTestId('pin-sheet-payee').innerText()).toBe('小明 (*小明)')
    await expectNoBait(page)

    await page.goto(`${server.url}${baited(`/red-packets/${packet.id}`)}`)
    await page.getByText('新年好').waitFor()
    await expectNoBait(page)

    const missing: Array<[string, string]> = [
      ['/collections', '找不到，或你无权查看。'],
      ['/ious', '找不到，或你无权查看。'],
      ['/orders', '订单不存在，或你无权查看。'],
      ['/red-packets', '找不到该内容。'],
    ]
    for (const [path, problem] of missing) {
      await page.goto(`${server.url}${baited(`${path}/${MISSING_ID}`)}`)
      await page.getByText(problem).waitFor()
      expect(await page.getByRole('dialog').count(), path).toBe(0)
      await expectNoBait(page)
    }
  })
})
