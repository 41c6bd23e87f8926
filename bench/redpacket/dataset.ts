import crypto from 'node:crypto'
import { monotonicFactory } from 'ulid'
import { walletAccountId } from '../../src/server/ledger/accounts.js'
import { keyedHash } from '../../src/server/secret.js'
import { checkCharacter, maskRealName } from '../../src/shared/validation/id-number.js'
import type { Rows, TableName } from '../feed/bulk.js'

/**
 * The red packet bench's people: `users` verified users (user 0 sends, the others claim), each with a session, a
 * real-name row and an open wallet exactly as the accounts and ledger services write them, all in one group with
 * its conversation. Bulk-loaded: none of this is measured.
 */
export interface RedPacketPeople {
  userIds: string[]
  tokens: string[]
  conversationId: string
  /** Parents first, for the bulk loader. */
  tables: Array<[TableName, Rows]>
}

const DAY_MS = 86_400_000
const REAL_NAME = '测试用户'

export function redPacketPeople(users: number, passwordHash: string, secret: Buffer, nowMs: number): RedPacketPeople {
  const newId = monotonicFactory()
  const userIds = Array.from({ length: users }, () => newId(nowMs - DAY_MS))
  const tokens = userIds.map(() => crypto.randomBytes(32).toString('base64url'))
  const groupId = newId(nowMs - DAY_MS)
  const conversationId = newId(nowMs - DAY_MS)
  const created = nowMs - DAY_MS
  const tables: Array<[TableName, Rows]> = [
    [
      'users',
      userIds.map((id, i) => ({
        id,
        phone: `138${String(10_000_000 + i).padStart(8, '0')}`,
        password_hash: passwordHash,
        display_name: `抢红包${i}`,
        locale: 'zh-Hans',
        avatar_url: null,
        created_at: created + i,
      })),
    ],
    [
      'sessions',
      tokens.map((token, i) => ({
        token_hash: crypto.createHash('sha256').update(token).digest('base64url'),
        user_id: userIds[i]!,
        created_at: nowMs,
        expires_at: nowMs + 30 * DAY_MS,
      })),
    ],
    [
      'real_names',
      userIds.map((id, i) => {
        const number = idNumber(i)
        return {
          user_id: id,
          id_number_hash: keyedHash(secret, 'id-number', number),
          masked_name: maskRealName(REAL_NAME),
          birth_date: `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`,
          verified_at: created,
        }
      }),
    ],
    [
      'ledger_accounts',
      userIds.map((id) => ({
        id: walletAccountId(id),
        kind: 'wallet',
        user_id: id,
        must_not_overdraw: 1,
        debits_posted: 0,
        credits_posted: 0,
        debits_pending: 0,
        credits_pending: 0,
        created_at: created,
      })),
    ],
    [
      'groups',
      [{ id: groupId, name: '抢红包群', owner_id: userIds[0]!, conversation_id: conversationId, created_at: created }],
    ],
    ['group_members', userIds.map((id) => ({ group_id: groupId, user_id: id, joined_at: created }))],
    [
      'conversations',
      [
        {
          id: conversationId,
          kind: 'group',
          direct_key: null,
          group_id: groupId,
          last_seq: 0,
          last_message_at: created,
          created_at: created,
        },
      ],
    ],
    [
      'conversation_members',
      userIds.map((id) => ({
        conversation_id: conversationId,
        user_id: id,
        last_read_seq: 0,
        last_delivered_seq: 0,
        created_at: created,
      })),
    ],
  ]
  return { userIds, tokens, conversationId, tables }
}

/** A valid, distinct 18-digit ID number per index (birth dates 1980–1999, so every holder is an adult). */
function idNumber(index: number): string {
  const year = 1980 + (index % 20)
  const day = String(1 + (Math.floor(index / 20_000) % 28)).padStart(2, '0')
  const sequence = String(Math.floor(index / 20) % 1000).padStart(3, '0')
  const first17 = `110105${year}05${day}${sequence}`
  return first17 + checkCharacter(first17)
}
