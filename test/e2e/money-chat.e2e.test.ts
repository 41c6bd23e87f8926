import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeIfE2E } from '../helpers/optional.js'
import { startTestServer } from '../helpers/server.js'
import { openMobileBrowser, screenshot, type MobileBrowser } from './browser.js'
import { apiClient, befriend, logIn, type Person, PIN, setUpPerson } from './people.js'

const TOP_UP = 100_00

/** Opens a conversation by address and waits until its history is on the page. */
async function openConversation(page: Page, url: string, conversationId: string): Promise<void> {
  await page.goto(`${url}/chat/${encodeURIComponent(conversationId)}`)
  // Generous: three browsers start at once, and a busy machine loads the first chunk slowly.
  await page.getByRole('list', { name: '消息' }).waitFor({ timeout: 60_000 })
}

async function payWithPin(page: Page): Promise<void> {
  await page.getByLabel('请输入支付密码').fill(PIN)
}

/** Taps the newest red packet, then 開, and returns the amount the envelope shows. */
async function openRedPacket(page: Page): Promise<string> {
  await page.getByTestId('red-packet-card').last().click()
  const envelope = page.getByTestId('red-packet-envelope')
  await envelope.getByRole('button', { name: '開' }).click()
  const amount = envelope.getByTestId('red-packet-amount')
  await amount.waitFor()
  return (await amount.textContent()) ?? ''
}

const fen = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''))

async function balanceOf(page: Page, url: string): Promise<number> {
  await page.goto(`${url}/wallet`)
  return fen(await page.getByTestId('balance').textContent())
}

describeIfE2E('money in chat in the browser', () => {
  let server: { url: string; close(): Promise<void> }
  const browsers: MobileBrowser[] = []

  beforeAll(async () => {
    server = await startTestServer()
  })

  afterAll(async () => {
    await Promise.all(browsers.map((browser) => browser.close()))
    await server?.close()
  })

  it('sends a lucky red packet that three people open, and a transfer in a direct chat; wallets agree', async () => {
    const send = apiClient(server.url)
    const [alice, bob, carol] = await Promise.all([
      setUpPerson(send, '小明', '王小明', TOP_UP),
      setUpPerson(send, '小红', '李小红'),
      setUpPerson(send, '阿杰', '张杰'),
    ])
    await befriend(send, alice, bob)
    await befriend(send, alice, carol)
    await befriend(send, bob, carol)
    const group = await send('POST', '/groups', { name: '周末爬山群', memberIds: [bob.id, carol.id] }, alice.token)
    await send('POST', `/conversations/${group.conversationId}/messages`, { text: '这周辛苦大家了' }, alice.token)

    const openAs = async (person: Person): Promise<Page> => {
      const browser = await openMobileBrowser('zh-CN')
      browsers.push(browser)
      await logIn(browser.page, server.url, person.phone)
      return browser.page
    }
    const [a, b, c] = await Promise.all([openAs(alice), openAs(bob), openAs(carol)])
    await Promise.all([a, b, c].map((page) => openConversation(page, server.url, group.conversationId)))

    // Alice: ➕ → 红包, a lucky packet of ¥3.00 in three shares, the default greeting, the PIN.
    await a.getByRole('button', { name: '更多功能' }).click()
    await a.getByRole('button', { name: '红包' }).click()
    await expect.poll(() => a.getByRole('radio', { name: '拼手气红包' }).getAttribute('aria-checked')).toBe('true')
    await a.getByLabel('红包个数').fill('3')
    await a.getByLabel('总金额').fill('3.00')
    await expect.poll(() => a.getByTestId('red-packet-total').textContent()).toBe('¥3.00')
    await a.getByRole('button', { name: '塞钱进红包' }).click()
    await expect.poll(() => a.getByTestId('pin-sheet-amount').textContent()).toBe('¥3.00')
    await payWithPin(a)
    await a.getByTestId('red-packet-card').waitFor()

    // Bob and Carol see it arrive live, unopened, with the greeting.
    for (const page of [b, c]) {
      const card = page.getByTestId('red-packet-card')
      await expect.poll(() => card.getAttribute('data-state')).toBe('active')
      expect(await card.textContent()).toContain('恭喜发财，大吉大利')
    }
    await screenshot(b, '50-red-packet-card.png')

    // Bob opens it: the coin spins, the flap lifts on his share.
    const bobShare = fen(await openRedPacket(b))
    expect(bobShare).toBeGreaterThan(0)
    await screenshot(b, '51-red-packet-open.png')
    // Alice, the sender, sees the claim counted live on her claims list.
    const carolShare = fen(await openRedPacket(c))
    const aliceShare = fen(await openRedPacket(a))
    expect(bobShare + carolShare + aliceShare).toBe(300)

    // Every card now says 已领取 for its viewer, pushed without a reload.
    for (const page of [a, b, c]) {
      await expect.poll(() => page.getByTestId('red-packet-card').getAttribute('data-state')).toBe('claimed')
    }

    // The claims list: three claims summing to ¥3.00, exactly one crowned 手气最佳.
    await b.getByTestId('red-packet-envelope').getByRole('button', { name: '查看领取详情' }).click()
    await b.waitForURL('**/red-packets/*')
    const claims = b.getByTestId('red-packet-claim')
    await expect.poll(() => claims.count()).toBe(3)
    const amounts = (await b.getByTestId('claim-amount').allTextContents()).map(fen)
    expect(amounts.reduce((sum, amount) => sum + amount, 0)).toBe(300)
    expect(await b.getByTestId('best-luck').count()).toBe(1)
    expect(fen(await b.getByTestId('red-packet-my-amount').textContent())).toBe(bobShare)
    expect(await b.getByTestId('red-packet-summary').textContent()).toBe('3 个红包共 ¥3.00，已被领完')
    await screenshot(b, '52-red-packet-claims.png')

    // A transfer in Alice and Bob's direct chat: ¥12.34 with a note.
    const direct = await send('POST', '/conversations', { userId: bob.id }, alice.token)
    await Promise.all([a, b].map((page) => openConversation(page, server.url, direct.id)))
    await a.getByRole('button', { name: '更多功能' }).click()
    await a.getByRole('button', { name: '转账' }).click()
    await a.getByLabel('金额').fill('12.34')
    await a.getByLabel('转账说明（选填）').fill('上周的火锅')
    await a.getByRole('button', { name: '确认转账' }).click()
    await payWithPin(a)
    await expect.poll(() => a.getByTestId('transfer-status').textContent()).toBe('已被接收')
    const bobCard = b.getByTestId('transfer-card')
    await expect.poll(() => bobCard.getByTestId('transfer-amount').textContent()).toBe('¥12.34')
    expect(await bobCard.textContent()).toContain('上周的火锅')
    expect(await bobCard.getByTestId('transfer-status').textContent()).toBe('已收款')
    await screenshot(b, '53-transfer-card.png')

    // The wallets in the UI: Alice paid ¥3.00 and ¥12.34 and got her share back; Bob and Carol got theirs.
    expect(await balanceOf(a, server.url)).toBe(TOP_UP - 300 + aliceShare - 1234)
    expect(await balanceOf(b, server.url)).toBe(bobShare + 1234)
    expect(await balanceOf(c, server.url)).toBe(carolShare)

    for (const browser of browsers) expect(browser.problems).toEqual([])
  }, 180_000)
})
