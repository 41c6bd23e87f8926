import type { Db } from '../db/database.js'
import { ValidationError } from '../errors.js'
import { keyedHash, timingSafeEqualText } from '../secret.js'
import { PinIncorrectError, PinLockedError, PinNotSetError } from './errors.js'
import { clearPinFailures, findPin, recordPinFailure, upsertPin } from './pin-store.js'

export interface PinRules {
  maxFailures: number
  lockMs: number
}

export const DEFAULT_PIN_RULES: PinRules = { maxFailures: 5, lockMs: 15 * 60_000 }

/**
 * The payment PIN. A million possible PINs make a slow hash pointless, so what protects a PIN is a keyed hash
 * (the secret is not in the database) plus the lockout, whose counter lives in the database.
 * Verify before opening a money transaction: a wrong PIN must count even when the payment rolls back.
 */
export class PinService {
  constructor(
    private readonly db: Db,
    private readonly secret: Buffer,
    private readonly clock: () => number,
    private readonly rules: PinRules = DEFAULT_PIN_RULES,
  ) {}

  async hasPin(userId: string): Promise<boolean> {
    return (await findPin(this.db, userId)) !== undefined
  }

  /** Sets the first PIN, or changes it when `currentPin` is right. */
  async set(userId: string, pin: string, currentPin: string | undefined): Promise<void> {
    if (await this.hasPin(userId)) {
      if (currentPin === undefined) throw new ValidationError('currentPin', 'required')
      await this.verify(userId, currentPin)
    }
    await upsertPin(this.db, userId, this.hash(userId, pin), this.clock())
  }

  /** Throws PIN_NOT_SET, PIN_LOCKED or PIN_INCORRECT (with attempts left); a right PIN clears the count. */
  async verify(userId: string, pin: string): Promise<void> {
    const now = this.clock()
    let row = await findPin(this.db, userId)
    if (!row) throw new PinNotSetError()
    if (row.locked_until !== null && row.locked_until > now) {
      throw new PinLockedError(Math.ceil((row.locked_until - now) / 1000))
    }
    if (row.locked_until !== null) {
      // The lock has run out: the next try starts a fresh count.
      await clearPinFailures(this.db, userId)
      row = { ...row, failed_attempts: 0, locked_until: null }
    }
    if (timingSafeEqualText(this.hash(userId, pin), row.pin_hash)) {
      if (row.failed_attempts > 0) await clearPinFailures(this.db, userId)
      return
    }
    const failure = await recordPinFailure(this.db, userId, this.rules.maxFailures, now + this.rules.lockMs, now)
    if (failure.locked_until !== null && failure.locked_until > now) {
      throw new PinLockedError(Math.ceil((failure.locked_until - now) / 1000))
    }
    throw new PinIncorrectError(Math.max(0, this.rules.maxFailures - failure.failed_attempts))
  }

  private hash(userId: string, pin: string): string {
    return keyedHash(this.secret, 'payment-pin', `${userId}:${pin}`)
  }
}
