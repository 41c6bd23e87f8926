import type { Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import type { Executor } from '../ledger/store.js'
import { olderThan, type Cursor } from '../db/keyset.js'
import type { FriendRequestsTable, FriendshipsTable, GroupsTable } from './tables.js'

export type FriendRequestRow = Selectable<FriendRequestsTable>
export type FriendshipRow = Selectable<FriendshipsTable>
export type GroupRow = Selectable<GroupsTable>

export async function findFriendship(
  db: Executor,
  userId: string,
  friendId: string,
): Promise<FriendshipRow | undefined> {
  return db
    .selectFrom('friendships')
    .selectAll()
    .where('user_id', '=', userId)
    .where('friend_id', '=', friendId)
    .executeTakeFirst()
}

/** Both directions at once; a second call is a no-op. */
export async function insertFriendship(db: Executor, a: string, b: string, now: number): Promise<void> {
  await db
    .insertInto('friendships')
    .values([
      { user_id: a, friend_id: b, mute_their_posts: 0, hide_my_posts: 0, created_at: now },
      { user_id: b, friend_id: a, mute_their_posts: 0, hide_my_posts: 0, created_at: now },
    ])
    .onConflict((oc) => oc.columns(['user_id', 'friend_id']).doNothing())
    .execute()
}

export async function deleteFriendship(db: Executor, a: string, b: string): Promise<number> {
  const result = await db
    .deleteFrom('friendships')
    .where((eb) =>
      eb.or([
        eb.and([eb('user_id', '=', a), eb('friend_id', '=', b)]),
        eb.and([eb('user_id', '=', b), eb('friend_id', '=', a)]),
      ]),
    )
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

export async function updateFriendSettings(
  db: Db,
  userId: string,
  friendId: string,
  changes: Partial<Pick<FriendshipRow, 'mute_their_posts' | 'hide_my_posts'>>,
): Promise<void> {
  if (Object.keys(changes).length === 0) return
  await db
    .updateTable('friendships')
    .set(changes)
    .where('user_id', '=', userId)
    .where('friend_id', '=', friendId)
    .execute()
}

export async function listFriendships(
  db: Db,
  userId: string,
  limit: number,
  after: Cursor | undefined,
): Promise<FriendshipRow[]> {
  let query = db
    .selectFrom('friendships')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('friend_id', 'desc')
    .limit(limit)
  if (after) query = query.where(olderThan(after, { time: 'created_at', id: 'friend_id' }))
  return query.execute()
}

export async function friendIdsOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('friendships').select('friend_id').where('user_id', '=', userId).execute()
  return rows.map((row) => row.friend_id)
}

export async function insertFriendRequest(db: Executor, row: FriendRequestRow): Promise<void> {
  await db.insertInto('friend_requests').values(row).execute()
}

export async function findFriendRequest(db: Executor, id: string): Promise<FriendRequestRow | undefined> {
  return db.selectFrom('friend_requests').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function findPendingRequest(
  db: Executor,
  from: string,
  to: string,
): Promise<FriendRequestRow | undefined> {
  return db
    .selectFrom('friend_requests')
    .selectAll()
    .where('from_user_id', '=', from)
    .where('to_user_id', '=', to)
    .where('status', '=', 'pending')
    .executeTakeFirst()
}

/** pending → accepted | declined, only from pending. */
export async function answerFriendRequest(
  db: Executor,
  id: string,
  status: 'accepted' | 'declined',
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('friend_requests')
    .set({ status, responded_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function declinePendingBetween(db: Executor, a: string, b: string, now: number): Promise<void> {
  await db
    .updateTable('friend_requests')
    .set({ status: 'declined', responded_at: now })
    .where('status', '=', 'pending')
    .where((eb) =>
      eb.or([
        eb.and([eb('from_user_id', '=', a), eb('to_user_id', '=', b)]),
        eb.and([eb('from_user_id', '=', b), eb('to_user_id', '=', a)]),
      ]),
    )
    .execute()
}

export async function listFriendRequests(
  db: Db,
  party: { column: 'from_user_id' | 'to_user_id'; userId: string },
  limit: number,
  before: Cursor | undefined,
): Promise<FriendRequestRow[]> {
  let query = db
    .selectFrom('friend_requests')
    .selectAll()
    .where(party.column, '=', party.userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
  if (before) query = query.where(olderThan(before))
  return query.execute()
}

export async function insertBlock(db: Executor, blocker: string, blocked: string, now: number): Promise<void> {
  await db
    .insertInto('blocks')
    .values({ blocker_id: blocker, blocked_id: blocked, created_at: now })
    .onConflict((oc) => oc.columns(['blocker_id', 'blocked_id']).doNothing())
    .execute()
}

export async function deleteBlock(db: Db, blocker: string, blocked: string): Promise<void> {
  await db.deleteFrom('blocks').where('blocker_id', '=', blocker).where('blocked_id', '=', blocked).execute()
}

export async function findBlock(db: Executor, blocker: string, blocked: string) {
  return db
    .selectFrom('blocks')
    .selectAll()
    .where('blocker_id', '=', blocker)
    .where('blocked_id', '=', blocked)
    .executeTakeFirst()
}

export async function listBlocks(db: Db, blocker: string) {
  return db.selectFrom('blocks').selectAll().where('blocker_id', '=', blocker).orderBy('created_at', 'desc').execute()
}

/** True when either has blocked the other. */
export async function isBlockedEitherWay(db: Executor, a: string, b: string): Promise<boolean> {
  const row = await db
    .selectFrom('blocks')
    .select('blocker_id')
    .where((eb) =>
      eb.or([
        eb.and([eb('blocker_id', '=', a), eb('blocked_id', '=', b)]),
        eb.and([eb('blocker_id', '=', b), eb('blocked_id', '=', a)]),
      ]),
    )
    .executeTakeFirst()
  return row !== undefined
}
