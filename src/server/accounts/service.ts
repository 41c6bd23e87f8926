import type { PersonView } from '../../shared/api/social.js'
import crypto from 'node:crypto'
import { monotonicFactory } from 'ulid'
import type {
  AuthResult,
  LoginBody,
  RegisterBody,
  UpdateMeBody,
  UserSummary,
  UserView,
} from '../../shared/api/accounts.js'
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../shared/i18n/locales.js'
import { normalisePhone } from '../../shared/validation/phone.js'
import type { Db } from '../db/database.js'
import { isUniqueViolation } from '../db/errors.js'
import { NotFoundError, RateLimitedError, ValidationError } from '../errors.js'
import { Throttle } from '../limits/throttle.js'
import { keyedHash } from '../secret.js'
import { InvalidCredentialsError, PhoneTakenError } from './errors.js'
import { decoyHash, hashPassword, verifyPassword } from './password.js'
import {
  deleteExpiredSessions,
  deleteSession,
  findProfile,
  findPublicProfiles,
  findSessionUser,
  findUserByPhone,
  insertSession,
  insertUser,
  isKnownLoginAddress,
  rememberLoginAddress,
  updateUser,
  type UserProfileRow,
} from './store.js'

const SESSION_TTL_MS = 30 * 24 * 3600_000
const newId = monotonicFactory()

/** Who is acting: every service call takes one and checks authorisation itself. */
export interface Actor {
  id: string
  locale: Locale
}

export interface AccountsOptions {
  passwordCostLog2: number
  /** Keys the hashes of client addresses. */
  secret: Buffer
}

export class AccountsService {
  private readonly loginFailures: Throttle
  private readonly phoneLogins: Throttle
  private readonly registrations: Throttle
  private readonly lookups: Throttle

  constructor(
    private readonly db: Db,
    private readonly clock: () => number,
    private readonly options: AccountsOptions,
  ) {
    // Per phone and client address: a lockout that a guesser cannot turn on for anyone else.
    this.loginFailures = new Throttle(db, { name: 'login-failures', limit: 10, windowMs: 15 * 60_000 }, clock)
    // Per phone from anywhere: a slow-down for guessers spread over many addresses, which never shuts out an
    // address this account has logged in from before.
    this.phoneLogins = new Throttle(db, { name: 'phone-logins', limit: 100, windowMs: 3600_000 }, clock)
    this.registrations = new Throttle(db, { name: 'register', limit: 5, windowMs: 3600_000 }, clock)
    // Exact-match lookups only, and not many: a phone book must not be enumerable.
    this.lookups = new Throttle(db, { name: 'user-lookup', limit: 30, windowMs: 60_000 }, clock)
  }

  async register(input: RegisterBody, fallbackLocale: Locale, address: string): Promise<AuthResult> {
    const phone = requirePhone(input.phone)
    const displayName = requireDisplayName(input.displayName)
    await this.registrations.consume(phone)
    if (await findUserByPhone(this.db, phone)) throw new PhoneTakenError()

    const user = {
      id: newId(),
      phone,
      password_hash: await hashPassword(input.password, this.options.passwordCostLog2),
      display_name: displayName,
      locale: input.locale ?? fallbackLocale,
      avatar_url: null,
      created_at: this.clock(),
    }
    try {
      await insertUser(this.db, user)
    } catch (error) {
      if (isUniqueViolation(error)) throw new PhoneTakenError()
      throw error
    }
    return this.signIn(user.id, address)
  }

  /**
   * Same answer and about the same time for an unknown phone as for a wrong password. Both counters count the
   * attempt before the password is judged, so that concurrent guesses cannot all slip in under a limit.
   */
  async login(input: LoginBody, address: string): Promise<AuthResult> {
    const phone = requirePhone(input.phone)
    const pair = keyedHash(this.options.secret, 'login-pair', `${phone}\0${address}`)
    await this.loginFailures.consume(pair)
    const user = await findUserByPhone(this.db, phone)
    // Not cleared by a right password: the owner's own logins must not refill a spread-out guesser's allowance.
    const retryAfterSeconds = await this.phoneLogins.count(phone)
    if (retryAfterSeconds !== undefined && !(user && (await this.isKnownAddress(user.id, address))))
      throw new RateLimitedError(retryAfterSeconds)
    const passwordHash = user?.password_hash ?? (await decoyHash(this.options.passwordCostLog2))
    const passwordOk = await verifyPassword(input.password, passwordHash)
    if (!user || !passwordOk) throw new InvalidCredentialsError()
    await this.loginFailures.reset(pair)
    return this.signIn(user.id, address)
  }

  async logout(token: string): Promise<void> {
    await deleteSession(this.db, hashToken(token))
  }

  /** The acting user behind a bearer token, or undefined for an unknown, revoked or expired one. */
  async authenticate(token: string): Promise<Actor | undefined> {
    const user = await findSessionUser(this.db, hashToken(token), this.clock())
    return user && { id: user.id, locale: isLocale(user.locale) ? user.locale : DEFAULT_LOCALE }
  }

  async me(userId: string): Promise<UserView> {
    const row = await findProfile(this.db, userId)
    if (!row) throw new NotFoundError()
    return toUserView(row)
  }

  async updateMe(actor: Actor, changes: UpdateMeBody): Promise<UserView> {
    await updateUser(this.db, actor.id, {
      ...(changes.displayName !== undefined ? { display_name: requireDisplayName(changes.displayName) } : {}),
      ...(changes.locale !== undefined ? { locale: changes.locale } : {}),
    })
    return this.me(actor.id)
  }

  async findByPhone(actor: Actor, rawPhone: string): Promise<UserSummary[]> {
    await this.lookups.consume(actor.id)
    const phone = normalisePhone(rawPhone)
    const user = phone && (await findUserByPhone(this.db, phone))
    if (!user) return []
    const profile = await this.me(user.id)
    return [{ id: profile.id, displayName: profile.displayName, maskedName: profile.realName.maskedName }]
  }

  /** Public profiles for ids (unknown ids are left out). */
  async profiles(ids: Iterable<string>): Promise<Map<string, PersonView>> {
    const rows = await findPublicProfiles(this.db, [...new Set(ids)])
    return new Map(
      rows.map((row) => [
        row.id,
        { id: row.id, displayName: row.display_name, maskedName: row.masked_name, avatarUrl: row.avatar_url },
      ]),
    )
  }

  async deleteExpiredSessions(): Promise<void> {
    await deleteExpiredSessions(this.db, this.clock())
  }

  /** A session, and the address remembered as one this account uses. */
  private async signIn(userId: string, address: string): Promise<AuthResult> {
    await rememberLoginAddress(this.db, {
      key: this.addressKey(userId, address),
      user_id: userId,
      last_login_at: this.clock(),
    })
    return { user: await this.me(userId), token: await this.startSession(userId) }
  }

  private isKnownAddress(userId: string, address: string): Promise<boolean> {
    return isKnownLoginAddress(this.db, this.addressKey(userId, address))
  }

  private addressKey(userId: string, address: string): string {
    return keyedHash(this.options.secret, 'known-login-address', `${userId}\0${address}`)
  }

  private async startSession(userId: string): Promise<string> {
    const token = crypto.randomBytes(32).toString('base64url')
    const now = this.clock()
    await insertSession(this.db, {
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now,
      expires_at: now + SESSION_TTL_MS,
    })
    return token
  }
}

/** Tokens carry 256 random bits, so a plain SHA-256 suffices: the database never holds a usable token. */
function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('base64url')
}

function requirePhone(raw: string): string {
  const phone = normalisePhone(raw)
  if (!phone) throw new ValidationError('phone')
  return phone
}

function requireDisplayName(raw: string): string {
  const name = raw.trim()
  if (name === '') throw new ValidationError('displayName')
  return name
}

function toUserView(row: UserProfileRow): UserView {
  return {
    id: row.id,
    phone: row.phone,
    displayName: row.display_name,
    locale: isLocale(row.locale) ? row.locale : DEFAULT_LOCALE,
    avatarUrl: row.avatar_url,
    realName: { verified: row.masked_name !== null, maskedName: row.masked_name },
    hasPin: Number(row.has_pin) === 1,
  }
}
