import crypto from 'node:crypto'
import { monotonicFactory } from 'ulid'
import type { Locale } from '../../shared/i18n/locales.js'
import type { Db } from '../db/database.js'
import { Throttle } from '../limits/throttle.js'
import { keyedHash, timingSafeEqualText } from '../secret.js'
import { PhoneCodeExpiredError, PhoneCodeInvalidError, PhoneCodeRequiredError } from './errors.js'
import {
  countPhoneCodeTry,
  deletePhoneCode,
  deleteStalePhoneCodes,
  findLatestPhoneCode,
  insertPhoneCode,
  listOutboxMessages,
  markPhoneCodeUsed,
  type SmsOutboxRow,
} from './phone-code-store.js'
import { codeText, type SmsProvider } from './sms.js'
import type { PhoneCodePurpose } from './tables.js'

const CODE_TTL_MS = 5 * 60_000
const MAX_TRIES = 5
const OUTBOX_PAGE = 200
const newId = monotonicFactory()

export interface PhoneCodeRules {
  /** Codes one client address may ask for per hour. */
  perAddressPerHour: number
}

/**
 * One-time codes that prove someone holds a phone. Six digits, five minutes, five tries, single use, bound to
 * one phone and one purpose, and only the latest code for them counts. Asking is limited per phone (one a
 * minute per purpose, five an hour in all) and per client address: product rules, never switched off.
 */
export class PhoneCodes {
  private readonly perPhoneMinute: Throttle
  private readonly perPhoneHour: Throttle
  private readonly perAddress: Throttle

  constructor(
    private readonly db: Db,
    private readonly secret: Buffer,
    private readonly clock: () => number,
    private readonly sms: SmsProvider,
    rules: PhoneCodeRules,
  ) {
    this.perPhoneMinute = new Throttle(db, { name: 'sms-phone-minute', limit: 1, windowMs: 60_000 }, clock)
    this.perPhoneHour = new Throttle(db, { name: 'sms-phone-hour', limit: 5, windowMs: 3600_000 }, clock)
    this.perAddress = new Throttle(
      db,
      { name: 'sms-address', limit: rules.perAddressPerHour, windowMs: 3600_000 },
      clock,
    )
  }

  get sandbox(): boolean {
    return this.sms.sandbox
  }

  /** Counts the ask against the limits whether or not a code is then sent, so that both answers look alike. */
  async checkLimits(phone: string, purpose: PhoneCodePurpose, address: string): Promise<void> {
    await this.perAddress.consume(keyedHash(this.secret, 'sms-address', address))
    // A minute between codes for the same thing; someone who just registered may still ask for a reset one.
    await this.perPhoneMinute.consume(`${phone}:${purpose}`)
    await this.perPhoneHour.consume(phone)
  }

  /** Stores a fresh code and sends it; returns it for the caller to decide whether it may be shown. */
  async send(phone: string, purpose: PhoneCodePurpose, locale: Locale): Promise<string> {
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0')
    const id = newId()
    const now = this.clock()
    await insertPhoneCode(this.db, {
      id,
      phone,
      purpose,
      code_hash: this.hash(id, code),
      created_at: now,
      expires_at: now + CODE_TTL_MS,
      tries: 0,
      used_at: null,
    })
    try {
      await this.sms.send({ id, phone, purpose, text: codeText(locale, code, CODE_TTL_MS / 60_000), sentAt: now })
    } catch (error) {
      // Never delivered, so it must not stand in for the code the phone last received.
      await deletePhoneCode(this.db, id)
      throw error
    }
    return code
  }

  /**
   * Spends the code. Each try is counted before it is judged, so concurrent guesses cannot overrun the limit.
   * `check` runs once the code is right and before it is spent: when it throws, the try stays counted and the
   * code stays unspent. A dead code (used, past its time, or out of tries) is PHONE_CODE_EXPIRED.
   */
  async redeem(
    phone: string,
    purpose: PhoneCodePurpose,
    code: string | undefined,
    check: () => Promise<void> = async () => {},
  ): Promise<void> {
    if (code === undefined || code === '') throw new PhoneCodeRequiredError()
    const row = await findLatestPhoneCode(this.db, phone, purpose)
    if (!row) throw new PhoneCodeInvalidError()
    const now = this.clock()
    if (row.used_at !== null || row.expires_at <= now) throw new PhoneCodeExpiredError()
    if (!(await countPhoneCodeTry(this.db, row.id, MAX_TRIES))) throw new PhoneCodeExpiredError()
    if (!timingSafeEqualText(this.hash(row.id, code), row.code_hash)) throw new PhoneCodeInvalidError()
    await check()
    if (!(await markPhoneCodeUsed(this.db, row.id, now))) throw new PhoneCodeExpiredError()
  }

  /** The sandbox outbox, latest first: for operators. */
  async outbox(): Promise<SmsOutboxRow[]> {
    return listOutboxMessages(this.db, OUTBOX_PAGE)
  }

  /** Codes are kept a day past their time, then dropped. */
  async deleteStale(): Promise<void> {
    await deleteStalePhoneCodes(this.db, this.clock() - 24 * 3600_000)
  }

  private hash(id: string, code: string): string {
    return keyedHash(this.secret, 'phone-code', `${id}:${code}`)
  }
}
