import type { Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeIfE2E } from '../helpers/optional.js'
import { startTestServer } from '../helpers/server.js'
import { openMobileBrowser, screenshot, type MobileBrowser } from './browser.js'
import { apiClient, logIn, PIN, setUpPerson } from './people.js'

const TOP_UP = 50_000 // ¥500: after ¥76.00 of cakes, ¥424.00 is left

/** A product photo: a tin of pineapple cakes, drawn as SVG and rendered to PNG. */
function pineappleCakesPng(): Promise<Buffer> {
  const cakes = [0, 1, 2, 3]
    .flatMap((row) => [0, 1, 2].map((col) => ({ x: 190 + col * 150, y: 150 + row * 80 })))
    .map(
      ({ x, y }) =>
        `<rect x="${x}" y="${y}" width="120" height="64" rx="10" fill="#e9a53c" stroke="#b86f16" stroke-width="4"/>`,
    )
    .join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">
    <rect width="800" height="600" fill="#fff4dc"/>
    <rect x="160" y="120" width="480" height="380" rx="28" fill="#c8102e"/>
    <rect x="172" y="132" width="456" height="356" rx="20" fill="#fbe3b0"/>
    ${cakes}
  </svg>`
  return sharp(Buffer.from(svg)).png().toBuffer()
}

async function balanceOf(page: Page, url: string): Promise<string | null> {
  await page.goto(`${url}/wallet`)
  await page.getByTestId('balance').waitFor()
  return page.getByTestId('balance').textContent()
}

describeIfE2E('buying in the Life Circle', () => {
  let server: { url: string; close(): Promise<void> }
  const browsers: MobileBrowser[] = []

  beforeAll(async () => {
    server = await startTestServer()
  })

  afterAll(async () => {
    await Promise.all(browsers.map((browser) => browser.close()))
    await server?.close()
  })

  it('lists a product, buys two, pays with the PIN into escrow, ships, confirms receipt and moves the money', async () => {
    const send = apiClient(server.url)
    const [seller, buyer] = await Promise.all([
      setUpPerson(send, '阿芳', '林芳'),
      setUpPerson(send, '小明', '王小明', TOP_UP),
    ])
    const asked = await send('POST', '/friend-requests', { toUserId: buyer.id }, seller.token)
    await send('POST', `/friend-requests/${asked.id}/accept`, undefined, buyer.token)

    // The seller lists pineapple cakes from the composer, with a photo.
    const sellerBrowser = await openMobileBrowser('zh-CN')
    browsers.push(sellerBrowser)
    const s = sellerBrowser.page
    await logIn(s, server.url, seller.phone)
    await s.goto(`${server.url}/circle/compose`)
    await s.getByLabel('动态内容').fill('自家果园的凤梨，今天新烤了一批凤梨酥，朋友价包邮！')
    await s
      .getByLabel('添加图片')
      .setInputFiles({ name: 'cakes.png', mimeType: 'image/png', buffer: await pineappleCakesPng() })
    await s.locator('[data-testid="picked-image"] img[src^="/api/v1/media/"]').waitFor()
    await s.getByRole('switch', { name: /作为商品发布/ }).check()
    await s.getByLabel('商品名称').fill('手工凤梨酥（12 枚装）')
    await s.getByLabel('价格（元）').fill('38')
    await s.getByLabel('库存', { exact: true }).fill('5')
    await s.getByRole('button', { name: '发表', exact: true }).click()
    await s.waitForURL('**/circle')
    // The seller's own card offers 编辑, not 购买.
    const ownCard = s.getByTestId('product-card')
    await ownCard.getByRole('button', { name: '编辑' }).waitFor()
    expect(await ownCard.getByRole('link', { name: '购买' }).count()).toBe(0)

    // The buyer sees the card in the feed and buys two.
    const buyerBrowser = await openMobileBrowser('zh-CN')
    browsers.push(buyerBrowser)
    const b = buyerBrowser.page
    await logIn(b, server.url, buyer.phone)
    await b.goto(`${server.url}/circle`)
    const card = b.getByTestId('product-card')
    await card.waitFor()
    await expect.poll(() => card.getByTestId('product-price').textContent()).toBe('¥38.00')
    expect(await card.getByTestId('product-stock').textContent()).toBe('库存 5 件')
    await b.locator('.media-grid img').evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode())
    await screenshot(b, '30-product-card.png')

    await card.getByRole('link', { name: '购买' }).click()
    await b.waitForURL('**/buy')
    await b.getByRole('button', { name: '增加一件' }).click()
    await expect.poll(() => b.getByTestId('buy-total').textContent()).toBe('¥76.00')
    await b.getByRole('button', { name: '提交订单' }).click()
    // An address is needed first.
    await b.getByText('请填写收货地址。').waitFor()
    await b.getByLabel('收货地址').fill('王小明 13912345678\n上海市徐汇区漕溪北路 88 号 12 楼')
    await b.getByRole('button', { name: '提交订单' }).click()
    await b.waitForURL(/\/orders\/[^/]+$/)
    const orderUrl = b.url()
    await expect.poll(() => b.getByTestId('order-headline').textContent()).toBe('待付款')
    await b.getByText(/后未付款，订单自动关闭/).waitFor()
    expect(await b.getByTestId('order-total').textContent()).toBe('¥76.00')

    // Pay with the PIN: the money goes into escrow.
    await b.getByRole('button', { name: '立即付款' }).click()
    const pinSheet = b.getByRole('dialog', { name: '购买「手工凤梨酥（12 枚装）」' })
    await pinSheet.waitFor()
    expect(await pinSheet.getByTestId('pin-sheet-amount').textContent()).toBe('¥76.00')
    await screenshot(b, '31-order-pay.png')
    await pinSheet.getByLabel('请输入支付密码').fill(PIN)
    await expect.poll(() => b.getByTestId('order-headline').textContent()).toBe('待发货')
    await b.getByText('钱由平台担保，你确认收货后才会付给卖家').waitFor()

    // The seller finds it under 我卖出的 and ships it with a tracking note.
    await s.goto(`${server.url}/me`)
    await s.getByRole('link', { name: /我的订单/ }).click()
    await s.getByRole('tab', { name: '我卖出的' }).click()
    const row = s.getByTestId('order-row')
    await expect.poll(() => row.getByTestId('order-status').textContent()).toBe('待发货')
    await row.click()
    await expect.poll(() => s.getByTestId('order-headline').textContent()).toBe('待发货')
    expect(await s.getByTestId('order-counterpart').textContent()).toBe('小明')
    expect(await s.getByTestId('order-address').textContent()).toContain('漕溪北路 88 号')
    await screenshot(s, '32-order-seller.png')
    await s.getByRole('button', { name: '发货' }).click()
    const shipSheet = s.getByRole('dialog', { name: '发货' })
    await shipSheet.getByLabel('快递单号或备注（选填）').fill('顺丰 SF1234567890')
    await shipSheet.getByRole('button', { name: '确认发货' }).click()
    await expect.poll(() => s.getByTestId('order-headline').textContent()).toBe('已发货')

    // The buyer sees it shipped, with the note and the auto-confirm countdown, and confirms receipt.
    await b.goto(orderUrl)
    await expect.poll(() => b.getByTestId('order-headline').textContent()).toBe('已发货')
    expect(await b.getByTestId('order-tracking').textContent()).toBe('顺丰 SF1234567890')
    await b.getByText(/后自动确认收货/).waitFor()
    await b.getByRole('button', { name: '确认收货' }).click()
    const confirmSheet = b.getByRole('dialog', { name: '确认收货？' })
    expect(await confirmSheet.textContent()).toContain('¥76.00 将付给卖家 阿芳')
    await confirmSheet.getByRole('button', { name: '确认收货' }).click()
    await expect.poll(() => b.getByTestId('order-headline').textContent()).toBe('交易成功')
    await expect
      .poll(() => b.getByTestId('order-timeline').locator('li').allInnerTexts())
      .toEqual([
        expect.stringContaining('确认收货'),
        expect.stringContaining('卖家已发货'),
        expect.stringContaining('付款成功'),
        expect.stringContaining('提交订单'),
      ])
    await b.evaluate('window.scrollTo(0, 0)')
    await screenshot(b, '33-order-completed.png')

    // Both see it completed; the money moved from the buyer's wallet to the seller's.
    await s.reload()
    await expect.poll(() => s.getByTestId('order-headline').textContent()).toBe('交易成功')
    expect(await balanceOf(b, server.url)).toBe('¥424.00')
    expect(await balanceOf(s, server.url)).toBe('¥76.00')

    // The feed shows what is left.
    await b.goto(`${server.url}/circle`)
    await expect.poll(() => b.getByTestId('product-stock').textContent()).toBe('库存 3 件')

    expect(sellerBrowser.problems).toEqual([])
    expect(buyerBrowser.problems).toEqual([])
  }, 180_000)
})
