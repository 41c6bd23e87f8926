import crypto from 'node:crypto'
import { promisify } from 'node:util'
import { timingSafeEqualText } from '../secret.js'

const scrypt = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>

const BLOCK_SIZE = 8
const PARALLELISM = 1
const KEY_LENGTH = 32

/** scrypt (memory-hard); the cost is stored with each hash so it can be raised later without a migration. */
export async function hashPassword(password: string, costLog2: number): Promise<string> {
  const salt = crypto.randomBytes(16)
  const key = await derive(password, salt, costLog2, BLOCK_SIZE, PARALLELISM)
  return ['scrypt', costLog2, BLOCK_SIZE, PARALLELISM, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, costLog2, blockSize, parallelism, salt, expected] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !expected) return false
  const key = await derive(
    password,
    Buffer.from(salt, 'base64url'),
    Number(costLog2),
    Number(blockSize),
    Number(parallelism),
  )
  return timingSafeEqualText(key.toString('base64url'), expected)
}

function derive(password: string, salt: Buffer, costLog2: number, blockSize: number, parallelism: number) {
  const N = 2 ** costLog2
  // scrypt needs 128·N·r bytes; allow exactly that plus slack.
  const maxmem = 128 * N * blockSize * 2
  return scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N, r: blockSize, p: parallelism, maxmem })
}

/** A hash of a random password, so that a login for an unknown phone costs as much as a real one. */
let decoy: Promise<string> | undefined
export function decoyHash(costLog2: number): Promise<string> {
  decoy ??= hashPassword(crypto.randomBytes(16).toString('hex'), costLog2)
  return decoy
}
