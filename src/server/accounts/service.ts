import type { PersonView } from '../../shared/api/social.js'
import crypto from 'node:crypto'
import { monotonicFactory } from 'ulid'
import type {
  AuthResult,
  ChangePasswordBody,
  LoginBody,
  RegisterBody,
  SessionView,
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
import { InvalidCredentialsError, PasswordIncorrectError, PhoneTakenError } from './errors.js'
import { decoyHash, hashPassword, verifyPassword } from './password.js'
import {
  deleteExpiredSessions,
  deleteSessions,
  findLiveSessionIds,
  findPasswordHash,
  findProfile,
  findPublicProfiles,
  findSessionUser,
  findUserByPhone,
  insertSession,
  insertUser,
  isKnownLoginAddress,
  isOperator,
  listSessions,
  rememberLoginAddress,
  setOperator,
  touchSession,
  updatePasswordHash,
  updateUser,
  type UserProfileRow,
} from './store.js'

const SESSION_TTL_MS = 30 * 24 * 3600_000
/** How stale a session's last-seen time may get: authenticating writes at most once in this long. */
const LAST_SEEN_GRANULARITY_MS = 60_000
const USER_AGENT_MAX = 256
const newId = monotonicFactory()

/** Who is acting: every service call takes one and checks authorisation itself. */
export interface Actor {
  id: string
  locale: Locale
}

/** A live session and who acts through it. */
export interface Authenticated {
  actor: Actor
  sessionId: string
}

/** Where a request comes from, kept with the session it opens or uses. */
export interface ClientInfo {
  address: string
  userAgent?: string | undefined
}

export interface AccountsOptions {
  passwordCostLog2: number
  /** Keys the hashes of client addresses. */
  secret: Buffer
  /**
   * Told, after the commit, of every session that was ended, so that the sockets opened with it close on every
   * process. Throws nothing: a lost notice is made good by the sockets' own periodic check.
   */
  sessionsEnded: (sessionIds: string[]) => Promise<void>
}

export class AccountsService {
  private readonly loginFailures: Throttle
  private readonly phoneLogins: Throttle
  private readonly registrations: Throttle
  private readonly lookups: Throttle
  private readonly passwordFailures: Throttle

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
    // Per account, like the PIN's: a stolen session must not become a way to guess the password.
    this.passwordFailures = new Throttle(db, { name: 'password-failures', limit: 5, windowMs: 15 * 60_000 }, clock)
  }

  async register(input: RegisterBody, fallbackLocale: Locale, client: ClientInfo): Promise<AuthResult> {
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
    return this.signIn(user.id, client)
  }

  /**
   * Same answer and about the same time for an unknown phone as for a wrong password. Both counters count the
   * attempt before the password is judged, so that concurrent guesses cannot all slip in under a limit.
   */
  async login(input: LoginBody, client: ClientInfo): Promise<AuthResult> {
    const phone = requirePhone(input.phone)
    const address = client.address
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
    return this.signIn(user.id, client)
  }

  /** Ends the session the token belongs to (if it is still there). */
  async logout(userId: string, token: string): Promise<void> {
    await this.endSessions(await deleteSessions(this.db, { userId, tokenHash: hashToken(token) }))
  }

  /**
   * The session behind a bearer token, or undefined for an unknown, revoked or expired one. Its last-seen time
   * is written only once it is a minute old, so almost every call is one indexed read.
   */
  async authenticate(token: string, client: ClientInfo): Promise<Authenticated | undefined> {
    const now = this.clock()
    const row = await findSessionUser(this.db, hashToken(token), now)
    if (!row) return undefined
    const staleBefore = now - LAST_SEEN_GRANULARITY_MS
    if (row.last_seen_at < staleBefore) {
      await touchSession(this.db, row.session_id, { last_seen_at: now, address: client.address }, staleBefore)
    }
    return {
      actor: { id: row.id, locale: isLocale(row.locale) ? row.locale : DEFAULT_LOCALE },
      sessionId: row.session_id,
    }
  }

  async sessions(actor: Actor, currentSessionId: string): Promise<SessionView[]> {
    const rows = await listSessions(this.db, actor.id, this.clock())
    // The one in hand first, then the others by when they were last used.
    const ordered = [
      ...rows.filter((row) => row.id === currentSessionId),
      ...rows.filter((row) => row.id !== currentSessionId),
    ]
    return ordered.map((row) => ({
      id: row.id,
      current: row.id === currentSessionId,
      userAgent: row.user_agent,
      address: row.address,
      createdAt: new Date(row.created_at).toISOString(),
      lastSeenAt: new Date(row.last_seen_at).toISOString(),
    }))
  }

  /** Someone else's session, or one already gone, is NOT_FOUND: ids of others' sessions cannot be probed. */
  async revokeSession(actor: Actor, sessionId: string): Promise<void> {
    const ended = await deleteSessions(this.db, { userId: actor.id, ids: [sessionId] })
    if (ended.length === 0) throw new NotFoundError()
    await this.endSessions(ended)
  }

  async revokeOtherSessions(actor: Actor, currentSessionId: string): Promise<void> {
    await this.endSessions(await deleteSessions(this.db, { userId: actor.id, exceptId: currentSessionId }))
  }

  /** Every session of the user, e.g. after the password was reset by someone who proved they own the phone. */
  async revokeAllSessions(userId: string): Promise<void> {
    await this.endSessions(await deleteSessions(this.db, { userId }))
  }

  /**
   * Wrong current passwords count per account, before they are judged (as at login), and a right one clears
   * the count. Whoever changed the password keeps this session; every other one ends.
   */
  async changePassword(actor: Actor, currentSessionId: string, input: ChangePasswordBody): Promise<void> {
    await this.passwordFailures.consume(actor.id)
    const passwordHash = await findPasswordHash(this.db, actor.id)
    if (!passwordHash) throw new NotFoundError()
    if (!(await verifyPassword(input.currentPassword, passwordHash))) throw new PasswordIncorrectError()
    await this.passwordFailures.reset(actor.id)
    const newHash = await hashPassword(input.newPassword, this.options.passwordCostLog2)
    const ended = await this.db.transaction().execute(async (trx) => {
      await updatePasswordHash(trx, actor.id, newHash)
      return deleteSessions(trx, { userId: actor.id, exceptId: currentSessionId })
    })
    await this.endSessions(ended)
  }

  /** A new password for whoever proved they hold the phone: every session of the user ends, wherever it is. */
  async resetPassword(userId: string, newPassword: string): Promise<void> {
    await updatePasswordHash(this.db, userId, await hashPassword(newPassword, this.options.passwordCostLog2))
    await this.passwordFailures.reset(userId)
    await this.revokeAllSessions(userId)
  }

  /** The user with this phone, if any (normalised first). */
  async userIdByPhone(rawPhone: string): Promise<string | undefined> {
    const phone = normalisePhone(rawPhone)
    return phone ? (await findUserByPhone(this.db, phone))?.id : undefined
  }

  async isOperator(userId: string): Promise<boolean> {
    return isOperator(this.db, userId)
  }

  /** Grants or revokes the operator role by phone (the CLI's `operator grant|revoke`); false for an unknown phone. */
  async setOperator(rawPhone: string, operator: boolean): Promise<boolean> {
    const phone = normalisePhone(rawPhone)
    return phone !== undefined && setOperator(this.db, phone, operator)
  }

  /** Which of these sessions still stand: held sockets re-check theirs with it. */
  async liveSessionIds(sessionIds: string[]): Promise<Set<string>> {
    return new Set(await findLiveSessionIds(this.db, sessionIds, this.clock()))
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
  private async signIn(userId: string, client: ClientInfo): Promise<AuthResult> {
    await rememberLoginAddress(this.db, {
      key: this.addressKey(userId, client.address),
      user_id: userId,
      last_login_at: this.clock(),
    })
    return { user: await this.me(userId), token: await this.startSession(userId, client) }
  }

  private async endSessions(sessionIds: string[]): Promise<void> {
    if (sessionIds.length > 0) await this.options.sessionsEnded(sessionIds)
  }

  private isKnownAddress(userId: string, address: string): Promise<boolean> {
    return isKnownLoginAddress(this.db, this.addressKey(userId, address))
  }

  private addressKey(userId: string, address: string): string {
    return keyedHash(this.options.secret, 'known-login-address', `${userId}\0${address}`)
  }

  private async startSession(userId: string, client: ClientInfo): Promise<string> {
    const token = crypto.randomBytes(32).toString('base64url')
    const now = this.clock()
    await insertSession(this.db, {
      token_hash: hashToken(token),
      id: crypto.randomBytes(16).toString('base64url'),
      user_id: userId,
      created_at: now,
      expires_at: now + SESSION_TTL_MS,
      user_agent: client.userAgent?.slice(0, USER_AGENT_MAX) || null,
      address: client.address,
      last_seen_at: now,
    })
    return token
  }
}

/** Tokens carry 256 random bits, so a plain SHA-256 suffices: the database never holds a usable token. */
function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('base64url')
}

export function requirePhone(raw: string): string {
  const phone = normalisePhone(raw)
  if (!phone) throw new ValidationError('phone')
  return phone
}

export function requireDisplayName(raw: string): string {
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
