import type { Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import type { Executor } from '../ledger/store.js'
import type { RedPacketClaimsTable, RedPacketsTable } from './tables.js'

export type PacketRow = Selectable<RedPacketsTable>
export type ClaimRow = Selectable<RedPacketClaimsTable>

export async function insertPacket(db: Executor, packet: PacketRow): Promise<void> {
  await db.insertInto('red_packets').values(packet).execute()
}

export async function findPacket(db: Executor, id: string): Promise<PacketRow | undefined> {
  return db.selectFrom('red_packets').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function claimsOf(db: Db, packetId: string): Promise<ClaimRow[]> {
  return db
    .selectFrom('red_packet_claims')
    .selectAll()
    .where('packet_id', '=', packetId)
    .orderBy('share_index')
    .execute()
}

export async function findClaim(db: Executor, packetId: string, userId: string): Promise<ClaimRow | undefined> {
  return db
    .selectFrom('red_packet_claims')
    .selectAll()
    .where('packet_id', '=', packetId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
}

/**
 * Takes the next share of an active packet that has not expired: the packet row is the one place claims meet, and
 * this guarded increment lets exactly `count` of them through. Returns the share's index, or undefined.
 */
export async function takeShare(db: Executor, packetId: string, now: number): Promise<number | undefined> {
  const row = await db
    .updateTable('red_packets')
    .set((eb) => ({ claimed_count: eb('claimed_count', '+', 1) }))
    .where('id', '=', packetId)
    .where('status', '=', 'active')
    .where('expires_at', '>', now)
    .whereRef('claimed_count', '<', 'count')
    .returning('claimed_count')
    .executeTakeFirst()
  return row ? Number(row.claimed_count) - 1 : undefined
}

export async function recordClaim(db: Executor, claim: ClaimRow, finished: boolean): Promise<void> {
  await db.insertInto('red_packet_claims').values(claim).execute()
  await db
    .updateTable('red_packets')
    .set((eb) => ({
      claimed_amount: eb('claimed_amount', '+', claim.amount),
      ...(finished ? { status: 'finished', settled_at: claim.claimed_at } : {}),
    }))
    .where('id', '=', claim.packet_id)
    .execute()
}

/** Active packets past their time. */
export async function expiredPackets(db: Db, now: number, limit: number): Promise<PacketRow[]> {
  return db
    .selectFrom('red_packets')
    .selectAll()
    .where('status', '=', 'active')
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(limit)
    .execute()
}

/** Active → expired, only once; returns what was left to refund then, or undefined if someone else settled it. */
export async function expirePacket(db: Executor, packetId: string, now: number): Promise<number | undefined> {
  const row = await db
    .updateTable('red_packets')
    .set({ status: 'expired', settled_at: now })
    .where('id', '=', packetId)
    .where('status', '=', 'active')
    .returning(['total', 'claimed_amount'])
    .executeTakeFirst()
  return row ? Number(row.total) - Number(row.claimed_amount) : undefined
}
