import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Config } from './config.js'

const SECRET_FILE = 'secret'

/**
 * The server secret keys the PIN and ID-number hashes, so it must never live in the database.
 * LIFECIRCLE_SECRET wins; otherwise one is generated once into DATA_DIR, readable by the owner only.
 */
export function loadSecret(config: Config): Buffer {
  if (config.secret) return Buffer.from(config.secret, 'utf8')
  fs.mkdirSync(config.dataDir, { recursive: true })
  const file = path.join(config.dataDir, SECRET_FILE)
  try {
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const secret = fs.readFileSync(file, 'utf8').trim()
  if (secret.length < 32) throw new Error(`${file} holds no usable secret`)
  return Buffer.from(secret, 'utf8')
}

/** HMAC-SHA-256 under the server secret, with a purpose label so one hash can never stand in for another. */
export function keyedHash(secret: Buffer, purpose: string, value: string): string {
  return crypto.createHmac('sha256', secret).update(`${purpose}\0${value}`).digest('base64url')
}

export function timingSafeEqualText(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && crypto.timingSafeEqual(left, right)
}
