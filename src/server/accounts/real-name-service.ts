import type { RealNameBody, RealNameResult } from '../../shared/api/accounts.js'
import { normalisePassportCountry } from '../../shared/validation/countries.js'
import { checkDocumentNumber, isPlausibleBirthDate, type DocumentType } from '../../shared/validation/id-documents.js'
import { ageOn, chinaDate, maskRealName } from '../../shared/validation/id-number.js'
import type { Db } from '../db/database.js'
import { isUniqueViolation } from '../db/errors.js'
import { ValidationError } from '../errors.js'
import { Throttle } from '../limits/throttle.js'
import { keyedHash, timingSafeEqualText } from '../secret.js'
import {
  AlreadyVerifiedError,
  IdNumberTakenError,
  InvalidIdNumberError,
  RealNameRequiredError,
  UnderageError,
} from './errors.js'
import { findRealName, findRealNameByIdHash, insertRealName } from './real-name-store.js'

const ADULT_AGE = 18
const VERIFIED_CACHE_MAX = 100_000

/**
 * Real-name verification (實名). Keeps only what later features need: a keyed hash of the ID number for
 * one-number-one-account, the masked name friends see, and the birth date. Never the number itself.
 */
export class RealNameService {
  private readonly attempts: Throttle
  /** Verification is never revoked, so a positive answer can be kept: it spares every payment a query. */
  private readonly verified = new Set<string>()

  constructor(
    private readonly db: Db,
    private readonly secret: Buffer,
    private readonly clock: () => number,
    /** Runs once a user is verified (the wallet opens then); must be idempotent. */
    private readonly onVerified: (userId: string) => Promise<void> = async () => {},
  ) {
    // Each attempt may reveal whether a number is bound elsewhere: cap how often anyone can ask.
    this.attempts = new Throttle(db, { name: 'real-name', limit: 20, windowMs: 24 * 3600_000 }, clock)
  }

  async verify(userId: string, input: RealNameBody): Promise<RealNameResult> {
    const name = input.name.trim().replace(/\s+/g, ' ')
    if (Array.from(name).length < 2) throw new ValidationError('name')
    await this.attempts.consume(userId)

    const today = chinaDate(new Date(this.clock()))
    const document = identify(input, today)
    if (ageOn(document.birthDate, today) < ADULT_AGE) throw new UnderageError()

    const idNumberHash = keyedHash(this.secret, 'id-number', document.hashInput)
    const mine = await findRealName(this.db, userId)
    if (mine) {
      if (mine.id_number_hash !== idNumberHash) throw new AlreadyVerifiedError()
      await this.onVerified(userId)
      return { verified: true, maskedName: mine.masked_name }
    }
    if (await findRealNameByIdHash(this.db, idNumberHash)) throw new IdNumberTakenError()

    const maskedName = maskRealName(name)
    try {
      await insertRealName(this.db, {
        user_id: userId,
        id_number_hash: idNumberHash,
        masked_name: maskedName,
        birth_date: document.birthDate,
        verified_at: this.clock(),
      })
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
      // Lost a race: either this user verified meanwhile, or someone else took the number.
      const winner = await findRealName(this.db, userId)
      if (!winner) throw new IdNumberTakenError()
      if (winner.id_number_hash !== idNumberHash) throw new AlreadyVerifiedError()
      return { verified: true, maskedName: winner.masked_name }
    }
    await this.onVerified(userId)
    return { verified: true, maskedName }
  }

  /**
   * Whether this document is the one the user verified with, by the same keyed hash. A number that is not even
   * well-formed for its type is simply not theirs. Throws REAL_NAME_REQUIRED for an unverified user.
   */
  async isOwnDocument(userId: string, document: DocumentReference): Promise<boolean> {
    const mine = await findRealName(this.db, userId)
    if (!mine) throw new RealNameRequiredError()
    const type = document.documentType ?? 'cn-resident'
    const country = type === 'passport' ? normalisePassportCountry(document.country ?? '') : ''
    if (country === undefined) return false
    const check = checkDocumentNumber(type, document.idNumber, chinaDate(new Date(this.clock())))
    if (!check.valid) return false
    return timingSafeEqualText(
      keyedHash(this.secret, 'id-number', documentHashInput(type, country, check.normalised)),
      mine.id_number_hash,
    )
  }

  /** For wallet operations: throws REAL_NAME_REQUIRED unless the user is verified. */
  async requireVerified(userId: string): Promise<void> {
    if (!(await this.isVerified(userId))) throw new RealNameRequiredError()
  }

  async isVerified(userId: string): Promise<boolean> {
    if (this.verified.has(userId)) return true
    const found = (await findRealName(this.db, userId)) !== undefined
    if (found) {
      if (this.verified.size >= VERIFIED_CACHE_MAX) this.verified.clear()
      this.verified.add(userId)
    }
    return found
  }
}

/** A document named by number, as the real-name form names it. */
export interface DocumentReference {
  idNumber: string
  documentType?: DocumentType | undefined
  country?: string | undefined
}

interface IdentifiedDocument {
  birthDate: string
  /** What the one-document-one-account hash covers. */
  hashInput: string
}

/** Checks the number by its type's rule and the fields that type needs. */
function identify(input: RealNameBody, today: string): IdentifiedDocument {
  const type = input.documentType ?? 'cn-resident'
  const country = passportCountry(type, input.country)
  const check = checkDocumentNumber(type, input.idNumber, today)
  if (!check.valid) throw new InvalidIdNumberError(type, check.reason)
  const hashInput = documentHashInput(type, country, check.normalised)

  if (check.birthDate) {
    // A client may send the date anyway; it must then be the one the number encodes.
    if (input.birthDate !== undefined && input.birthDate !== check.birthDate) throw new ValidationError('birthDate')
    return { birthDate: check.birthDate, hashInput }
  }
  if (input.birthDate === undefined) throw new ValidationError('birthDate', 'required')
  if (!isPlausibleBirthDate(input.birthDate, today)) throw new ValidationError('birthDate')
  return { birthDate: input.birthDate, hashInput }
}

/** Mainland numbers were hashed alone before other types existed: unchanged, so those bound stay bound. */
function documentHashInput(type: DocumentType, country: string, normalised: string): string {
  return type === 'cn-resident' ? normalised : `${type}:${country}:${normalised}`
}

/** The issuing state for a passport (required there); any other type's issuer is in its type, so one sent is ignored. */
function passportCountry(type: DocumentType, input: string | undefined): string {
  if (type !== 'passport') return ''
  if (input === undefined) throw new ValidationError('country', 'required')
  const country = normalisePassportCountry(input)
  if (!country) throw new ValidationError('country')
  return country
}
