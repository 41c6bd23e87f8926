import type {
  AuthResult,
  PasswordResetBody,
  PhoneCodeBody,
  PhoneCodeResult,
  PinResetBody,
  RegisterBody,
  SmsOutboxList,
} from '../../shared/api/accounts.js'
import { ForbiddenError } from '../errors.js'
import type { Locale } from '../../shared/i18n/locales.js'
import type { PinService } from './pin-service.js'
import type { PhoneCodes } from './phone-codes.js'
import type { RealNameService } from './real-name-service.js'
import { IdNumberMismatchError, PhoneTakenError } from './errors.js'
import { requireDisplayName, requirePhone, type AccountsService, type Actor, type ClientInfo } from './service.js'

/** What a phone code unlocks: an account, a new password, a new PIN. */
export class PhoneFlows {
  constructor(
    private readonly codes: PhoneCodes,
    private readonly accounts: AccountsService,
    private readonly realNames: RealNameService,
    private readonly pins: PinService,
  ) {}

  /**
   * Register: a taken phone is told at once (409 PHONE_TAKEN, as registration would) and no SMS goes out.
   * Resets: an unknown phone gets the same 202 and nothing is sent, so that no one learns which phones exist.
   * Only a sandbox register code comes back to the asker; a reset code reaches only the phone (or the outbox).
   */
  async requestCode(input: PhoneCodeBody, locale: Locale, client: ClientInfo): Promise<PhoneCodeResult> {
    const phone = requirePhone(input.phone)
    await this.codes.checkLimits(phone, input.purpose, client.address)
    const userId = await this.accounts.userIdByPhone(phone)
    if (input.purpose === 'register') {
      if (userId) throw new PhoneTakenError()
      const code = await this.codes.send(phone, 'register', locale)
      return this.codes.sandbox ? { sandboxCode: code } : {}
    }
    if (userId) await this.codes.send(phone, input.purpose, locale)
    return {}
  }

  /** The code is checked after the phone is known free, and spent only when the account is about to be made. */
  async register(input: RegisterBody, fallbackLocale: Locale, client: ClientInfo): Promise<AuthResult> {
    const phone = requirePhone(input.phone)
    requireDisplayName(input.displayName)
    if (await this.accounts.userIdByPhone(phone)) throw new PhoneTakenError()
    await this.codes.redeem(phone, 'register', input.code)
    return this.accounts.register(input, fallbackLocale, client)
  }

  async resetPassword(input: PasswordResetBody): Promise<void> {
    const phone = requirePhone(input.phone)
    await this.codes.redeem(phone, 'reset-password', input.code)
    // A code is only ever sent to a registered phone, so a redeemed one has its user.
    const userId = await this.accounts.userIdByPhone(phone)
    if (userId) await this.accounts.resetPassword(userId, input.newPassword)
  }

  /** 忘记支付密码: the code sent to the user's own phone plus the verified document; a wrong document spends a try. */
  async resetPin(actor: Actor, input: PinResetBody): Promise<void> {
    await this.realNames.requireVerified(actor.id)
    const me = await this.accounts.me(actor.id)
    await this.codes.redeem(me.phone, 'reset-pin', input.code, async () => {
      if (!(await this.realNames.isOwnDocument(actor.id, input))) throw new IdNumberMismatchError()
    })
    await this.pins.reset(actor.id, input.pin)
  }

  /** The sandbox outbox, for operators only. */
  async outbox(actor: Actor): Promise<SmsOutboxList> {
    if (!(await this.accounts.isOperator(actor.id))) throw new ForbiddenError()
    const rows = await this.codes.outbox()
    return {
      sandbox: this.codes.sandbox,
      items: rows.map((row) => ({
        id: row.id,
        phone: row.phone,
        purpose: row.purpose,
        text: row.text,
        sentAt: new Date(row.sent_at).toISOString(),
      })),
    }
  }
}
