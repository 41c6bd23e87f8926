import type { Generated } from 'kysely'

export interface UsersTable {
  id: string
  /** Normalised: 11-digit CN mobile, or E.164 for other countries. */
  phone: string
  /** scrypt, self-describing: `scrypt$<log2N>$<r>$<p>$<salt>$<hash>`. */
  password_hash: string
  display_name: string
  locale: string
  avatar_url: string | null
  created_at: number
  /** 1 for operators (set by `lifecircle operator grant`): they read the sandbox SMS outbox and /admin pages. */
  is_operator: Generated<number>
}

export interface SessionsTable {
  /** SHA-256 of the bearer token; the token itself is never stored. */
  token_hash: string
  /** What the owner sees and revokes a session by; random, so it says nothing about the token. */
  id: string
  user_id: string
  created_at: number
  expires_at: number
  /** As the client sent it, cut to a bounded length; shown to the owner only. */
  user_agent: string | null
  /** The client address of the sign-in, then of the latest use; shown to the owner only. */
  address: string | null
  /** Refreshed at most once a minute, so that authenticating stays a read. */
  last_seen_at: number
}

export interface RealNamesTable {
  user_id: string
  /** HMAC-SHA-256 of the ID number under the server secret: uniqueness without keeping the number. */
  id_number_hash: string
  masked_name: string
  /** YYYY-MM-DD, taken from the ID number. */
  birth_date: string
  verified_at: number
}

export interface PaymentPinsTable {
  user_id: string
  /** HMAC-SHA-256 under the server secret, bound to the user id. */
  pin_hash: string
  failed_attempts: number
  locked_until: number | null
  updated_at: number
}

/** Where each user has logged in from: exempts those addresses from the per-phone login slow-down. */
export interface KnownLoginAddressesTable {
  /** HMAC-SHA-256 of (user id, client address) under the server secret; the address itself is never stored. */
  key: string
  user_id: string
  last_login_at: number
}

export type PhoneCodePurpose = 'register' | 'reset-password' | 'reset-pin'

export interface PhoneCodesTable {
  id: string
  /** Normalised, as in users. */
  phone: string
  purpose: PhoneCodePurpose
  /** HMAC-SHA-256 of (id, code) under the server secret; the code itself is never stored. */
  code_hash: string
  created_at: number
  expires_at: number
  /** Counted before each judgement; at the limit the code is dead. */
  tries: number
  used_at: number | null
}

/** What the sandbox SMS provider "sent": the operator's outbox. Holds code texts, by design of the sandbox. */
export interface SmsOutboxTable {
  id: string
  phone: string
  purpose: PhoneCodePurpose
  text: string
  sent_at: number
}

export interface AccountsTables {
  users: UsersTable
  sessions: SessionsTable
  real_names: RealNamesTable
  payment_pins: PaymentPinsTable
  known_login_addresses: KnownLoginAddressesTable
  phone_codes: PhoneCodesTable
  sms_outbox: SmsOutboxTable
}
