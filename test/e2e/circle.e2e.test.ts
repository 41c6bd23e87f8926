import type { Locator } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeIfE2E } from '../helpers/optional.js'
import { startTestServer } from '../helpers/server.js'
import { openMobileBrowser, screenshot, type MobileBrowser } from './browser.js'
import { apiClient, logIn, setUpPerson } from './people.js'

const HOSTILE = '周末去海边了，日落真美 <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>'

/** A picture worth posting: a sunset over the sea, drawn as SVG and rendered to PNG. */
function sunsetPng(hue: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="hsl(${hue}, 80%, 62%)"/><stop offset="1" stop-color="hsl(${hue + 40}, 90%, 72%)"/>
    </linearGradient></defs>
    <rect width="800" height="600" fill="url(#sky)"/>
    <circle cx="400" cy="360" r="110" fill="#ffe08a"/>
    <rect y="380" width="800" height="220" fill="hsl(205, 70%, 38%)"/>
    <path d="M0 420 Q200 400 400 420 T800 420" stroke="#fff" stroke-opacity=".35" stroke-width="6" fill="none"/>
  </svg>`
  return sharp(Buffer.from(svg)).png().toBuffer()
}

async function uploadImage(url: string, token: string, png: Buffer): Promise<string> {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'photo.png')
  const response = await fetch(`${url}/api/v1/media`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: form,
  })
  if (response.status !== 201) throw new Error(`POST /media: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { id: string }).id
}

/** Opens the "··" menu of a post and picks one of 赞 / 评论 / 打赏. */
async function act(post: Locator, action: RegExp | string): Promise<void> {
  await post.getByRole('button', { name: /赞、评论或打赏|讚、留言或打賞|Like, comment or tip/ }).click()
  await post.getByRole('button', { name: action, exact: true }).click()
}

describeIfE2E('the Life Circle in the browser', () => {
  let server: { url: string; close(): Promise<void> }
  const browsers: MobileBrowser[] = []

  beforeAll(async () => {
    server = await startTestServer()
  })

  afterAll(async () => {
    await Promise.all(browsers.map((browser) => browser.close()))
    await server?.close()
  })

  it('posts hostile text and an image, shows it as text to a friend, likes, comments, replies and tips', async () => {
    const send = apiClient(server.url)
    const [alice, bob, carol] = await Promise.all([
      setUpPerson(send, '小明', '王小明', 5_000),
      setUpPerson(send, '小红', '李小红', 5_000),
      setUpPerson(send, '阿杰', '陈志杰'),
    ])
    const asked = await send('POST', '/friend-requests', { toUserId: bob.id, message: '我是小明' }, alice.token)
    await send('POST', `/friend-requests/${asked.id}/accept`, undefined, bob.token)
    // Carol only asks: she stays a stranger, and Alice sees one request waiting.
    await send('POST', '/friend-requests', { toUserId: alice.id, message: '你好，我是阿杰' }, carol.token)

    // Bob sells something first, with three photos: it sits under Alice's post in the feed.
    const photos = await Promise.all(
      [20, 300, 330].map(async (hue) => uploadImage(server.url, bob.token, await sunsetPng(hue))),
    )
    await send(
      'POST',
      '/posts',
      {
        text: '自家果园的凤梨，做了一批凤梨酥，朋友价！',
        mediaIds: photos,
        visibility: { type: 'friends' },
        kind: 'product',
        product: { title: '手工凤梨酥（12 枚装）', price: 3800, stock: 12 },
      },
      bob.token,
    )

    // Alice writes a post with markup in it and one photo, picked through the file input.
    const aliceBrowser = await openMobileBrowser('zh-CN')
    browsers.push(aliceBrowser)
    const a = aliceBrowser.page
    await logIn(a, server.url, alice.phone)
    await a.getByRole('link', { name: '生活圈' }).click()
    await a.waitForURL('**/circle')
    await a.getByRole('link', { name: '发表动态' }).click()
    await a.getByLabel('动态内容').fill(HOSTILE)
    await a
      .getByLabel('添加图片')
      .setInputFiles({ name: 'sea.png', mimeType: 'image/png', buffer: await sunsetPng(190) })
    await a.locator('[data-testid="picked-image"] img[src^="/api/v1/media/"]').waitFor()
    expect(await a.getByTestId('audience-value').textContent()).toBe('公开')
    await screenshot(a, '23-composer.png')
    // Leaving with unsaved work asks first (放弃编辑？); staying keeps the draft.
    await a.getByRole('link', { name: '返回' }).click()
    const discard = a.getByRole('dialog', { name: '放弃编辑？' })
    await discard.getByRole('button', { name: '取消' }).click()
    await discard.waitFor({ state: 'hidden' })
    expect(await a.getByLabel('动态内容').inputValue()).toBe(HOSTILE)
    await a.getByRole('button', { name: '发表', exact: true }).click()
    await a.waitForURL('**/circle')
    const alicePost = a.getByTestId('post').filter({ has: a.getByRole('heading', { name: '小明' }) })
    await expect.poll(() => alicePost.getByTestId('post-text').textContent()).toBe(HOSTILE)

    // Bob sees it: the markup as literal text, nothing run, the photo loaded.
    const bobBrowser = await openMobileBrowser('zh-CN')
    browsers.push(bobBrowser)
    const b = bobBrowser.page
    await logIn(b, server.url, bob.phone)
    await b.goto(`${server.url}/circle`)
    const post = b.getByTestId('post').filter({ has: b.getByRole('heading', { name: '小明' }) })
    await expect.poll(() => post.getByTestId('post-text').textContent()).toBe(HOSTILE)
    const photo = post.locator('.media-grid img')
    await expect
      .poll(() =>
        photo.evaluate((img) => {
          const image = img as unknown as { complete: boolean; naturalWidth: number }
          return image.complete && image.naturalWidth > 0
        }),
      )
      .toBe(true)
    expect(await b.evaluate('window.__pwned')).toBeUndefined()
    expect(await b.locator('img[src="x"]').count()).toBe(0)
    expect(await b.getByTestId('product-card').innerText()).toContain('¥38.00')

    // Bob likes and comments.
    await act(post, '赞')
    await expect.poll(() => post.getByTestId('likes').textContent()).toContain('小红')
    await act(post, '评论')
    const commentSheet = b.getByRole('dialog', { name: '评论' })
    await commentSheet.getByRole('textbox').fill('好美的海！下次带上我 <b>好吗</b>')
    await commentSheet.getByRole('button', { name: '发送' }).click()
    await expect
      .poll(() => post.getByTestId('comment').first().textContent())
      .toBe('小红：好美的海！下次带上我 <b>好吗</b>')

    // Alice replies to Bob's comment from the comment's menu (it is her post).
    await a.reload()
    await alicePost.getByTestId('comment').first().click()
    await a.getByRole('dialog', { name: '小红 的评论' }).getByRole('button', { name: '回复' }).click()
    const replySheet = a.getByRole('dialog', { name: '回复 小红' })
    await replySheet.getByRole('textbox').fill('一定！')
    await replySheet.getByRole('button', { name: '发送' }).click()
    await expect.poll(() => alicePost.getByTestId('comment').nth(1).textContent()).toBe('小明 回复 小红：一定！')

    // Bob tips: a random amount under ¥1 rises from the post.
    await b.reload()
    await act(post, '打赏')
    const burst = await post.getByTestId('tip-burst').textContent()
    const tipped = /^\+¥0\.(\d\d)$/.exec(burst ?? '')
    expect(tipped, burst ?? '').not.toBeNull()
    const fen = Number(tipped?.[1])
    expect(fen).toBeGreaterThanOrEqual(1)
    expect(fen).toBeLessThanOrEqual(99)
    await expect.poll(() => post.getByRole('status').textContent()).toBe(`你打赏了 ¥0.${tipped?.[1]}`)
    expect(await b.getByTestId('tip-total').count()).toBe(0)

    // Alice sees the tip on her post, with who gave it.
    await a.reload()
    await expect
      .poll(() => alicePost.getByTestId('tip-total').textContent())
      .toBe(`收到打赏 ¥0.${tipped?.[1]} · 小红 打赏了你`)
    await expect.poll(() => alicePost.getByTestId('comment').count()).toBe(2)
    await a.evaluate('window.scrollTo(0, 0)')
    await screenshot(a, '20-circle-zh-hans.png')

    // Product posts fold into one line, remembered on this device, and open again with a tap.
    const productCard = a.getByTestId('product-card')
    expect(await productCard.innerText()).toContain('手工凤梨酥（12 枚装）')
    await a.getByRole('button', { name: '折叠商品动态' }).click()
    await expect.poll(() => a.getByTestId('folded-stub').textContent()).toBe('1 条商品动态已折叠展开')
    expect(await productCard.count()).toBe(0)
    await a.reload()
    await a.getByTestId('folded-stub').click()
    await productCard.waitFor()
    await a.getByRole('button', { name: '折叠商品动态' }).click()
    await expect.poll(() => a.getByTestId('folded-stub').count()).toBe(0)

    // Carol is not a friend: her feed does not hold the post.
    const carolFeed = await send('GET', '/feed', undefined, carol.token)
    expect(carolFeed.items.map((item: { text: string }) => item.text)).not.toContain(HOSTILE)
    const bobFeed = await send('GET', '/feed', undefined, bob.token)
    expect(bobFeed.items.map((item: { text: string }) => item.text)).toContain(HOSTILE)

    // The same feed in Traditional Chinese and in English.
    for (const [locale, file, heading] of [
      ['zh-Hant', '21-circle-zh-hant.png', '生活圈'],
      ['en', '22-circle-en.png', 'Life Circle'],
    ] as const) {
      await a.evaluate(`localStorage.setItem('lifecircle.locale', '${locale}')`)
      await a.reload()
      await a.getByRole('heading', { name: heading, level: 1 }).waitFor()
      await alicePost.getByTestId('tip-total').waitFor()
      if (locale === 'zh-Hant') {
        // Friends' words read in Traditional script; my own stay as I wrote them.
        await a.getByRole('radio', { name: '繁體' }).click()
        await expect.poll(() => alicePost.getByTestId('comment').first().textContent()).toContain('下次帶上我')
        expect(await alicePost.getByTestId('post-text').textContent()).toBe(HOSTILE)
      } else {
        expect(await a.getByRole('radio', { name: '繁體' }).getAttribute('aria-checked')).toBe('true')
        await a.getByRole('radio', { name: 'Original' }).click()
        await expect.poll(() => alicePost.getByTestId('comment').first().textContent()).toContain('下次带上我')
      }
      await screenshot(a, file)
    }

    // Friends: Bob in the list, Carol's request counted on the entry.
    await a.evaluate("localStorage.setItem('lifecircle.locale', 'zh-Hans')")
    await a.goto(`${server.url}/me`)
    await a.getByRole('link', { name: /朋友/ }).first().click()
    await a.waitForURL('**/friends')
    await expect.poll(() => a.getByTestId('friend').allInnerTexts()).toEqual([expect.stringContaining('小红')])
    await expect.poll(() => a.getByRole('link', { name: /新的朋友/ }).textContent()).toContain('1')
    await screenshot(a, '24-friends.png')

    expect(aliceBrowser.problems).toEqual([])
    expect(bobBrowser.problems).toEqual([])
  }, 180_000)
})
