import crypto from 'node:crypto'
import type { Locale } from '../../shared/i18n/locales.js'
import type { Db } from '../db/database.js'
import { ServiceUnavailableError } from '../errors.js'
import { insertOutboxMessage } from './phone-code-store.js'
import type { PhoneCodePurpose } from './tables.js'

export interface SmsMessage {
  id: string
  phone: string
  purpose: PhoneCodePurpose
  text: string
  sentAt: number
}

/** Where phone codes go. `sandbox` says the code may be shown to the one who asked (register only). */
export interface SmsProvider {
  readonly sandbox: boolean
  /** Throws SERVICE_UNAVAILABLE when the message could not be handed over. */
  send(message: SmsMessage): Promise<void>
}

export interface SandboxLog {
  info(details: object, message: string): void
}

/**
 * Sends nothing: every message lands in the operator's outbox and in the log at info level. Logging the code is a
 * deliberate exception to "no secrets in logs", for the sandbox only: the log is its outbox.
 */
export class SandboxSmsProvider implements SmsProvider {
  readonly sandbox = true

  constructor(
    private readonly db: Db,
    private readonly log: SandboxLog,
  ) {}

  async send(message: SmsMessage): Promise<void> {
    await insertOutboxMessage(this.db, {
      id: message.id,
      phone: message.phone,
      purpose: message.purpose,
      text: message.text,
      sent_at: message.sentAt,
    })
    this.log.info({ phone: message.phone, purpose: message.purpose, text: message.text }, 'sandbox SMS (not sent)')
  }
}

const WEBHOOK_TIMEOUT_MS = 5000

/**
 * POSTs each message as JSON to an operator's URL, signed `X-LifeCircle-Signature: sha256=<hex>` with HMAC-SHA-256
 * of the raw body, so that any SMS gateway can be wired without code. Anything but a 2xx in time is a failure.
 */
export class WebhookSmsProvider implements SmsProvider {
  readonly sandbox = false

  constructor(
    private readonly url: string,
    private readonly secret: string,
  ) {}

  async send(message: SmsMessage): Promise<void> {
    const body = JSON.stringify({
      phone: message.phone,
      text: message.text,
      purpose: message.purpose,
      id: message.id,
      sentAt: new Date(message.sentAt).toISOString(),
    })
    const signature = crypto.createHmac('sha256', this.secret).update(body).digest('hex')
    let ok = false
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-lifecircle-signature': `sha256=${signature}` },
        body,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      })
      ok = response.ok
      await response.body?.cancel()
    } catch {
      ok = false
    }
    if (!ok) throw new ServiceUnavailableError()
  }
}

const CODE_TEXT: Record<Locale, (code: string, minutes: number) => string> = {
  'zh-Hans': (code, minutes) => `【LifeCircle】验证码 ${code}，${minutes} 分钟内有效。请勿告诉任何人。`,
  'zh-Hant': (code, minutes) => `【LifeCircle】驗證碼 ${code}，${minutes} 分鐘內有效。請勿告訴任何人。`,
  en: (code, minutes) => `[LifeCircle] Your code is ${code}, valid for ${minutes} minutes. Never share it.`,
}

export function codeText(locale: Locale, code: string, minutes: number): string {
  return CODE_TEXT[locale](code, minutes)
}
