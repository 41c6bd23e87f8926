import crypto from 'node:crypto'
import type { Page } from 'playwright-core'
import { hkIdCheckCharacter } from '../../src/shared/validation/id-documents.js'
import { checkCharacter } from '../../src/shared/validation/id-number.js'

/** A mainland mobile number nobody else in this run has. */
export function randomPhone(): string {
  return `139${String(crypto.randomInt(0, 100_000_000)).padStart(8, '0')}`
}

/** A valid ID number (GB 11643 checksum) of an adult born in 1990, with a random sequence code. */
export function randomAdultIdNumber(): string {
  const sequence = String(crypto.randomInt(0, 1000)).padStart(3, '0')
  const first17 = `11010519900517${sequence}`
  return first17 + checkCharacter(first17)
}

/** A valid Hong Kong identity card number with a random serial, written as printed: K123456(7). */
export function randomHkId(): string {
  const body = `K${String(crypto.randomInt(0, 1_000_000)).padStart(6, '0')}`
  return `${body}(${hkIdCheckCharacter(body)})`
}

export const PASSWORD = 'spring-rain-2024'
export const PIN = '135790'

export interface Person {
  id: string
  phone: string
  token: string
}

/** The HTTP API as an outside client sees it: JSON in and out, a bearer token, throws on any non-2xx. */
export type Send = (
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  headers?: Record<string, string>,
) => Promise<any>

export function apiClient(url: string): Send {
  return async (method, path, body, token, headers = {}) => {
    const response = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? null : JSON.stringify(body),
    })
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
    return response.status === 204 ? undefined : ((await response.json()) as any)
  }
}

/** Registers through the HTTP API. */
export async function register(send: Send, displayName: string): Promise<Person> {
  const phone = randomPhone()
  const { sandboxCode } = await send('POST', '/auth/codes', { phone, purpose: 'register' })
  const { user, token } = await send('POST', '/auth/register', {
    phone,
    code: sandboxCode,
    password: PASSWORD,
    displayName,
  })
  return { id: user.id, phone, token }
}

/** Registers, verifies the real name, sets the PIN and, optionally, tops up (sandbox). */
export async function setUpPerson(
  send: Send,
  displayName: string,
  realName: string,
  topUp?: number,
  idNumber = randomAdultIdNumber(),
): Promise<Person> {
  const person = await register(send, displayName)
  await send('POST', '/me/real-name', { name: realName, idNumber }, person.token)
  await send('PUT', '/me/pin', { pin: PIN }, person.token)
  if (topUp) {
    await send('POST', '/wallet/topups', { amount: topUp }, person.token, { 'Idempotency-Key': crypto.randomUUID() })
  }
  return person
}

/** a asks, b accepts. */
export async function befriend(send: Send, a: Person, b: Person): Promise<void> {
  const asked = await send('POST', '/friend-requests', { toUserId: b.id }, a.token)
  await send('POST', `/friend-requests/${asked.id}/accept`, undefined, b.token)
}

/** Signs in through the login page, in Chinese, and waits for the wallet it lands on. */
export async function logIn(page: Page, url: string, phone: string): Promise<void> {
  await page.goto(`${url}/login`)
  await page.getByLabel('手机号').fill(phone)
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL('**/wallet')
}
