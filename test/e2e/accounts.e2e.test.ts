import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { describeIfE2E } from '../helpers/optional.js'
import { startTestServer } from '../helpers/server.js'
import { openMobileBrowser, screenshot, type MobileBrowser } from './browser.js'
import {
  apiClient,
  befriend,
  PIN,
  randomAdultIdNumber,
  randomHkId,
  randomPhone,
  register,
  setUpPerson,
  type Send,
} from './people.js'

const PASSWORD = 'spring-rain-2024'

async function htmlLang(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('lang')
}

/** Registers through the HTTP API with a sandbox register code. */
async function registerByApi(url: string, body: { phone: string; displayName: string; locale?: string }) {
  const send = apiClient(url)
  const { sandboxCode } = await send('POST', '/auth/codes', { phone: body.phone, purpose: 'register' })
  return send('POST', '/auth/register', { ...body, code: sandboxCode, password: PASSWORD })
}

/** Waits for the PATCH /me that saves a language choice to the account. */
function localeSaved(page: Page) {
  return page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH' && r.ok())
}

describeIfE2E('accounts in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let send: Send
  let operatorToken: string
  const browsers: MobileBrowser[] = []

  beforeAll(async () => {
    server = await startTestServer()
    send = apiClient(server.url)
    const operator = await register(send, '运营')
    await server.app.ctx.accounts.setOperator(operator.phone, true)
    operatorToken = operator.token
  })

  /** The code last sent to the phone for this purpose, read from the sandbox outbox as the operator would. */
  async function codeFromOutbox(phone: string, purpose: string): Promise<string> {
    const outbox = await send('GET', '/admin/sms-outbox', undefined, operatorToken)
    const message = outbox.items.find((m: any) => m.phone === phone && m.purpose === purpose)
    return /\d{6}/.exec(message.text)![0]
  }

  afterAll(async () => {
    await Promise.all(browsers.map((browser) => browser.close()))
    await server?.close()
  })

  it('registers, verifies the real name, sets a PIN, switches language, logs out and in again', async () => {
    const browser = await openMobileBrowser('zh-CN')
    browsers.push(browser)
    const { page } = browser
    const phone = randomPhone()

    await page.goto(server.url)
    await page.waitForURL('**/login')
    expect(await htmlLang(page)).toBe('zh-Hans')
    await page.getByRole('link', { name: '立即注册' }).click()
    await page.waitForURL('**/register')

    await page.getByLabel('手机号').fill(phone)
    await page.getByRole('button', { name: '获取验证码' }).click()
    const sms = page.getByTestId('sandbox-sms')
    await sms.getByText('沙箱短信').waitFor()
    await page.getByLabel('短信验证码').fill(/\d{6}/.exec((await sms.textContent())!)![0])
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD)
    await page.getByLabel('昵称').fill('小明')
    await screenshot(page, '01-register.png')
    await page.getByRole('button', { name: '注册' }).click()
    await page.waitForURL('**/wallet')
    await page.getByRole('link', { name: '我' }).click()
    await expect.poll(() => page.getByTestId('display-name').textContent()).toBe('小明')
    await page.getByText(`${phone.slice(0, 3)}****${phone.slice(7)}`).waitFor()

    await page.getByRole('link', { name: /实名认证.*去认证/ }).click()
    await page.getByLabel('姓名').fill('王小明')
    expect(await page.getByLabel('证件类型').inputValue()).toBe('cn-resident')
    await page.getByLabel('证件号码').fill(randomAdultIdNumber())
    await screenshot(page, '02-real-name.png')
    await page.getByRole('button', { name: '提交认证' }).click()
    await page.getByRole('heading', { name: '实名认证成功' }).waitFor()
    await page.getByRole('link', { name: '返回“我”' }).click()
    await expect.poll(() => page.getByTestId('masked-name').textContent()).toBe('*小明')

    await page.getByRole('link', { name: /支付密码.*去设置/ }).click()
    await page.getByLabel('请设置 6 位数字支付密码').pressSequentially('123456')
    await page.getByText('支付密码过于简单，请勿使用重复或连续的数字。').waitFor()
    await page.getByLabel('请设置 6 位数字支付密码').pressSequentially('135790')
    const confirm = page.getByLabel('请再次输入新支付密码')
    await confirm.pressSequentially('135')
    await screenshot(page, '03-pin.png')
    await confirm.pressSequentially('790')
    await page.getByRole('heading', { name: '支付密码设置成功' }).waitFor()
    await page.getByRole('link', { name: '返回“我”' }).click()
    await page.getByRole('link', { name: /支付密码.*修改/ }).waitFor()

    const savedHant = localeSaved(page)
    await page.getByRole('radio', { name: '繁體中文' }).click()
    await savedHant
    expect(await htmlLang(page)).toBe('zh-Hant')
    await page.getByRole('heading', { name: '帳戶與安全' }).waitFor()
    await page.getByRole('button', { name: '登出' }).waitFor()
    expect(await page.getByRole('radio', { name: '繁體中文' }).getAttribute('aria-checked')).toBe('true')
    await screenshot(page, '04-me-zh-hant.png')

    // A radio group: one Tab stop, and the arrow keys move the choice (and the focus with it).
    const savedEn = localeSaved(page)
    await page.getByRole('radio', { name: '繁體中文' }).focus()
    await page.keyboard.press('ArrowRight')
    await savedEn
    expect(await page.getByRole('radio', { name: 'English' }).evaluate((radio) => radio.matches(':focus'))).toBe(true)
    expect(await page.getByRole('radio', { name: '简体中文' }).getAttribute('tabindex')).toBe('-1')
    expect(await htmlLang(page)).toBe('en')
    await page.getByRole('heading', { name: 'Account and security' }).waitFor()
    await page.getByRole('link', { name: 'Wallet' }).waitFor()
    await screenshot(page, '05-me-en.png')

    await page.reload()
    await page.getByRole('heading', { name: 'Account and security' }).waitFor()
    expect(await htmlLang(page)).toBe('en')

    await page.getByRole('button', { name: 'Log out' }).click()
    await page.waitForURL('**/login')
    await page.getByRole('heading', { name: 'Welcome back' }).waitFor()

    await page.getByLabel('Phone number').fill(phone)
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.waitForURL('**/me')
    await expect.poll(() => page.getByTestId('display-name').textContent()).toBe('小明')
    await expect.poll(() => page.getByTestId('masked-name').textContent()).toBe('*小明')
    expect(browser.problems).toEqual([])
  }, 90_000)

  it('checks the phone in the browser and shows the server’s localised error for a wrong password', async () => {
    const phone = randomPhone()
    await registerByApi(server.url, { phone, displayName: '阿華' })

    const browser = await openMobileBrowser('zh-TW')
    browsers.push(browser)
    const { page } = browser
    await page.goto(`${server.url}/login`)
    expect(await htmlLang(page)).toBe('zh-Hant')

    const phoneField = page.getByLabel('手機號碼')
    await phoneField.fill('12345')
    await page.getByLabel('密碼', { exact: true }).fill('wrong-password')
    await page.getByRole('button', { name: '登入' }).click()
    await page.getByText('請輸入 11 位中國大陸手機號碼，或以 + 開頭的國際號碼。').waitFor()
    expect(await phoneField.getAttribute('aria-invalid')).toBe('true')

    await phoneField.fill(phone)
    await page.getByRole('button', { name: '登入' }).click()
    await page.getByRole('alert').getByText('手機號碼或密碼錯誤。').waitFor()
    expect(await phoneField.getAttribute('aria-invalid')).toBeNull()
    await screenshot(page, '06-login-error.png')
    expect(page.url()).toMatch(/\/login$/)
    expect(browser.problems).toEqual([])
  }, 60_000)

  it('a Hong Kong user in Traditional Chinese verifies with an HKID, typing the birth date', async () => {
    const phone = randomPhone()
    await registerByApi(server.url, { phone, displayName: '大文', locale: 'zh-Hant' })

    const browser = await openMobileBrowser('zh-HK')
    browsers.push(browser)
    const { page } = browser
    await page.goto(`${server.url}/login`)
    await page.getByLabel('手機號碼').fill(phone)
    await page.getByLabel('密碼', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: '登入' }).click()
    await page.waitForURL('**/wallet')
    await page.goto(`${server.url}/me/real-name`)

    // Hong Kong, Macau and Taiwan documents come first in zh-Hant, and the HKID is the one chosen.
    const documentType = page.getByLabel('證件類型')
    expect(await documentType.inputValue()).toBe('hk-id')
    expect(await documentType.locator('option').allTextContents()).toEqual([
      '香港身份證',
      '澳門居民身份證',
      '台灣身分證',
      '港澳居民來往內地通行證',
      '台灣居民來往大陸通行證',
      '居民身分證／港澳台居民居住證',
      '外國護照',
    ])
    expect(await page.getByLabel('簽發國家（三位字母代碼）').count()).toBe(0)

    const hkId = randomHkId()
    const wrong = hkId.replace(/\((.)\)$/, (_all, check: string) => `(${check === '1' ? '2' : '1'})`)
    await page.getByLabel('姓名').fill('陳大文')
    const idNumber = page.getByLabel('證件號碼')
    await idNumber.fill(wrong)
    await page.getByRole('button', { name: '送出認證' }).click()
    await page.getByText('號碼檢查碼不正確，請對照證件核對。').waitFor()
    await page.getByText('請輸入出生日期。').waitFor()
    expect(await idNumber.getAttribute('aria-invalid')).toBe('true')

    await idNumber.fill(hkId)
    await page.getByLabel('出生日期').fill('1988-08-08')
    await screenshot(page, '07-real-name-hkid-zh-hant.png')
    await page.getByRole('button', { name: '送出認證' }).click()
    await page.getByRole('heading', { name: '實名認證成功' }).waitFor()
    await page.getByText('朋友將看到你的實名為 *大文。').waitFor()
    expect(browser.problems).toEqual([])
  }, 60_000)

  it('a Hong Kong number registers in English with the code shown as a sandbox SMS', async () => {
    const browser = await openMobileBrowser('en-GB')
    browsers.push(browser)
    const { page } = browser
    const phone = `+8529${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`
    await page.goto(`${server.url}/register`)
    await page.getByLabel('Phone number').fill(phone)
    await page.getByRole('button', { name: 'Get code' }).click()
    const sms = page.getByTestId('sandbox-sms')
    await sms.getByText('Sandbox SMS').waitFor()
    const code = /\d{6}/.exec((await sms.textContent())!)![0]
    await page.getByLabel('SMS code').fill(code)
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByLabel('Display name').fill('Wing')
    await screenshot(page, '08-register-hk-sandbox-sms.png')
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.waitForURL('**/wallet')
    expect((await send('POST', '/auth/login', { phone, password: PASSWORD })).user.phone).toBe(phone)
    expect(browser.problems).toEqual([])
  }, 60_000)

  it('a +852 user in Traditional Chinese registers with the outbox code, verifies with an HKID and pays a friend', async () => {
    const browser = await openMobileBrowser('zh-HK')
    browsers.push(browser)
    const { page } = browser
    const phone = `+8526${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`
    await page.goto(`${server.url}/register`)
    await page.getByLabel('手機號碼').fill(phone)
    await page.getByRole('button', { name: '取得驗證碼' }).click()
    await page.getByTestId('sandbox-sms').getByText('沙盒簡訊').waitFor()
    await page.getByLabel('簡訊驗證碼').fill(await codeFromOutbox(phone, 'register'))
    await page.getByLabel('密碼', { exact: true }).fill(PASSWORD)
    await page.getByLabel('暱稱').fill('家明')
    await page.getByRole('button', { name: '註冊' }).click()
    await page.waitForURL('**/wallet')

    await page.goto(`${server.url}/me/real-name`)
    await page.getByLabel('姓名').fill('陳家明')
    await page.getByLabel('證件號碼').fill(randomHkId())
    await page.getByLabel('出生日期').fill('1990-10-01')
    await page.getByRole('button', { name: '送出認證' }).click()
    await page.getByRole('heading', { name: '實名認證成功' }).waitFor()

    // PIN and sandbox money through the API (their pages are walked elsewhere); then a friend to pay.
    const { user, token } = await send('POST', '/auth/login', { phone, password: PASSWORD })
    await send('PUT', '/me/pin', { pin: PIN }, token)
    await send('POST', '/wallet/topups', { amount: 10_000 }, token, { 'Idempotency-Key': crypto.randomUUID() })
    const friend = await setUpPerson(send, '阿明', '李阿明')
    await befriend(send, { id: user.id, phone, token }, friend)

    await page.goto(`${server.url}/wallet/transfer?to=${friend.id}`)
    await expect.poll(() => page.getByTestId('person-name').first().textContent()).toBe('阿明 (*阿明)')
    await page.getByLabel('金額（元）').fill('8.80')
    await page.getByRole('button', { name: '確認轉帳' }).click()
    const sheet = page.getByRole('dialog', { name: '轉帳給 阿明' })
    await sheet.getByLabel('請輸入支付密碼').pressSequentially(PIN)
    await page.getByRole('heading', { name: '轉帳成功' }).waitFor()
    expect((await send('GET', '/wallet', undefined, friend.token)).balance).toBe(880)
    expect(browser.problems).toEqual([])
  }, 90_000)

  it('resets a forgotten password from the login page with the code from the operator outbox', async () => {
    const phone = randomPhone()
    await registerByApi(server.url, { phone, displayName: '忘密' })
    const browser = await openMobileBrowser('en-US')
    browsers.push(browser)
    const { page } = browser
    await page.goto(`${server.url}/login`)
    await page.getByRole('link', { name: 'Forgot password?' }).click()
    await page.waitForURL('**/forgot-password')
    await page.getByLabel('Phone number').fill(phone)
    await page.getByRole('button', { name: 'Get code' }).click()
    await page.getByText('Sent. The code is valid for 5 minutes.').waitFor()
    expect(await page.getByTestId('sandbox-sms').count()).toBe(0)
    await page.getByLabel('SMS code').fill(await codeFromOutbox(phone, 'reset-password'))
    await page.getByLabel('New password').fill('a-brand-new-password')
    await page.getByRole('button', { name: 'Set new password' }).click()
    await page.getByRole('heading', { name: 'Password changed' }).waitFor()
    await page.getByRole('link', { name: 'Log in' }).click()
    await page.getByLabel('Phone number').fill(phone)
    await page.getByLabel('Password', { exact: true }).fill('a-brand-new-password')
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.waitForURL('**/wallet')
    expect(browser.problems).toEqual([])
  }, 60_000)

  it('resets a forgotten PIN from the PIN sheet with the code and the ID number', async () => {
    const idNumber = randomAdultIdNumber()
    const person = await setUpPerson(send, '忘码', '王忘码', 10_000, idNumber)
    await send('PATCH', '/me', { locale: 'en' }, person.token)
    const browser = await openMobileBrowser('en-US')
    browsers.push(browser)
    const { page } = browser
    await page.goto(`${server.url}/login`)
    await page.getByLabel('Phone number').fill(person.phone)
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.waitForURL('**/wallet')
    await page.goto(`${server.url}/wallet/withdraw`)
    await page.getByLabel('Amount in yuan').fill('1')
    await page.getByRole('button', { name: 'Withdraw', exact: true }).click()
    await page.getByRole('link', { name: 'Forgot payment PIN?' }).click()
    await page.waitForURL('**/me/pin/forgot')
    await page.getByRole('button', { name: 'Get code' }).click()
    await page.getByText('Sent. The code is valid for 5 minutes.').waitFor()
    await page.getByLabel('SMS code').fill(await codeFromOutbox(person.phone, 'reset-pin'))
    await page.getByLabel('Document', { exact: true }).selectOption('cn-resident')
    await page.getByLabel('Document number').fill(idNumber)
    await page.getByLabel('New payment PIN (6 digits)').fill('246813')
    await page.getByRole('button', { name: 'Set new PIN' }).click()
    await page.getByRole('heading', { name: 'Payment PIN reset' }).waitFor()
    await send('PUT', '/me/pin', { pin: '371946', currentPin: '246813' }, person.token)
    expect(browser.problems).toEqual([])
  }, 60_000)
})
