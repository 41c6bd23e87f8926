import type { Db } from '../db/database.js'
import { type DomainError, ValidationError } from '../errors.js'
import { keyedHash, timingSafeEqualText } from '../secret.js'
import { PinIncorrectError, PinLockedError, PinNotSetError } from './errors.js'
import { clearPinFailures, findPin, lockPinRow, recordPinFailure, upsertPin } from './pin-store.js'

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

  /** A new PIN without the old one (the caller has proven the phone and the document): clears any lockout. */
  async reset(userId: string, pin: string): Promise<void> {
    await upsertPin(this.db, userId, this.hash(userId, pin), this.clock())
  }

  /** Throws PIN_NOT_SET, PIN_LOCKED or PIN_INCORRECT (with attempts left); a right PIN clears the count. */
  async verify(userId: string, pin: string): Promise<void> {
    // One judgement at a time per PIN: concurrent guesses queue on the locked row and each sees the count the one
    // before it left, so no more than the limit are ever judged. The refusal is thrown after the commit, which
    // keeps the failure counted.
    const refusal = await this.db.transaction().execute(async (trx) => {
      await lockPinRow(trx, userId)
      return this.judge(trx, userId, pin, this.clock())
    })
    if (refusal) throw refusal
  }

  private async judge(db: Db, userId: string, pin: string, now: number): Promise<DomainError | undefined> {
    let row = await findPin(db, userId)
    if (!row) return new PinNotSetError()
    if (row.locked_until !== null && row.locked_until > now) {
      return new PinLockedError(Math.ceil((row.locked_until - now) / 1000))
    }
    if (row.locked_until !== null) {
      // The lock has run out: the next try starts a fresh count.
      await clearPinFailures(db, userId)
      row = { ...row, failed_attempts: 0, locked_until: null }
    }
    if (timingSafeEqualText(this.hash(userId, pin), row.pin_hash)) {
      if (row.failed_attempts > 0) await clearPinFailures(db, userId)
      return undefined
    }
    const failure = await recordPinFailure(db, userId, this.rules.maxFailures, now + this.rules.lockMs, now)
    if (failure.locked_until !== null && failure.locked_until > now) {
      return new PinLockedError(Math.ceil((failure.locked_until - now) / 1000))
    }
    return new PinIncorrectError(Math.max(0, this.rules.maxFailures - failure.failed_attempts))
  }

  private hash(userId: string, pin: string): string {
    return keyedHash(this.secret, 'payment-pin', `${userId}:${pin}`)
  }
}
