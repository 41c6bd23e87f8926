import { sql, type Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import type { Executor } from '../ledger/store.js'
import type { Cursor } from '../db/keyset.js'
import type { PostCommentsTable, PostsTable } from './tables.js'

export type PostRow = Selectable<PostsTable>
export type CommentRow = Selectable<PostCommentsTable>

/**
 * The rule a viewer's feed and every single read share: the viewer's own posts, or a friend's whose audience
 * admits the viewer. Blocks, mutes and "hide my posts" are applied to the author set by the callers.
 */
function admitsViewer(viewerId: string) {
  return sql<boolean>`(p.author_id = ${viewerId}
    or p.visibility = 'friends'
    or (p.visibility = 'include' and exists (select 1 from post_audience a where a.post_id = p.id and a.user_id = ${viewerId}))
    or (p.visibility = 'exclude' and not exists (select 1 from post_audience a where a.post_id = p.id and a.user_id = ${viewerId})))`
}

/**
 * Friends whose posts reach the viewer's feed: not muted by the viewer, not hiding from them, not blocked either way.
 * The exceptions are few, so each is read once as a set (three index range scans) rather than probed per friend
 * (a reverse friendship row and two block lookups for each of ~150 friends): half the cost on SQLite. Friendship
 * rows are written and deleted in pairs (social/store.ts), so the reverse row's settings are the ones read here;
 * every column is NOT NULL, so `not in` means exactly "not among".
 */
function feedAuthors(viewerId: string) {
  return sql`select f.friend_id from friendships f
    where f.user_id = ${viewerId} and f.mute_their_posts = 0
      and f.friend_id not in (select r.user_id from friendships r where r.friend_id = ${viewerId} and r.hide_my_posts <> 0)
      and f.friend_id not in (select b.blocked_id from blocks b where b.blocker_id = ${viewerId})
      and f.friend_id not in (select b.blocker_id from blocks b where b.blocked_id = ${viewerId})`
}

function before(cursor: Cursor | undefined) {
  return cursor
    ? sql`and (p.created_at < ${cursor.createdAt} or (p.created_at = ${cursor.createdAt} and p.id < ${cursor.id}))`
    : sql``
}

/** Below every timestamp: "no lower bound". */
const NO_BOUND = sql.lit(Number.MIN_SAFE_INTEGER)

/**
 * The skeleton of a feed page: ids and keys only, in one query whose work follows the page size and the number of
 * friends, not the number of posts. Merging every friend's posts and sorting them reads each friend's whole history;
 * instead the query first finds a time at or after which the page must lie, then reads only the posts since then:
 *
 * - `newest`: each feed author's newest post the viewer may see (one index seek per author). If at least `limit`
 *   authors have one, the limit-th newest of those times is a lower bound: those authors alone have `limit` posts
 *   at or after it, so no post before it can make the page.
 * - Fewer active authors than `limit`: the newest limit-th-newest post of any one author is a bound the same way
 *   (computed only then). With neither, the authors have under limit² posts in all: no bound is needed.
 *
 * The final read is a range seek per author on (author_id, created_at) from the bound, filtered and sorted.
 */
export async function feedSkeleton(
  db: Db,
  viewerId: string,
  limit: number,
  cursor: Cursor | undefined,
): Promise<Array<{ id: string; created_at: number }>> {
  const newestOf = (offset: number) => sql`(select p.created_at from posts p
    where p.author_id = a.id and ${admitsViewer(viewerId)} ${before(cursor)}
    order by p.created_at desc, p.id desc limit 1 offset ${offset})`
  const { rows } = await sql<{ id: string; created_at: number }>`
    with authors (id) as materialized (
      select cast(${viewerId} as text) union all ${feedAuthors(viewerId)}
    ),
    newest (t) as materialized (select ${newestOf(0)} from authors a),
    bound (t) as (
      select coalesce(
        (select t from newest where t is not null order by t desc limit 1 offset ${limit - 1}),
        (select max(k.t) from (select ${newestOf(limit - 1)} as t from authors a) k),
        ${NO_BOUND})
    )
    select p.id, p.created_at from posts p
    where p.author_id in (select id from authors) and p.created_at >= (select t from bound)
      and ${admitsViewer(viewerId)} ${before(cursor)}
    order by p.created_at desc, p.id desc
    limit ${limit}`.execute(db)
  return rows.map((r) => ({ id: r.id, created_at: Number(r.created_at) }))
}

/** One author's posts that the viewer may see (the caller checks the two may see each other at all). */
export async function authorSkeleton(
  db: Db,
  viewerId: string,
  authorId: string,
  limit: number,
  cursor: Cursor | undefined,
): Promise<Array<{ id: string; created_at: number }>> {
  const { rows } = await sql<{ id: string; created_at: number }>`
    select p.id, p.created_at from posts p
    where p.author_id = ${authorId} and ${admitsViewer(viewerId)} ${before(cursor)}
    order by p.created_at desc, p.id desc
    limit ${limit}`.execute(db)
  return rows.map((r) => ({ id: r.id, created_at: Number(r.created_at) }))
}

export async function isPostVisible(db: Db, viewerId: string, postId: string): Promise<boolean> {
  const { rows } = await sql`select 1 as ok from posts p where p.id = ${postId} and ${admitsViewer(viewerId)}`.execute(
    db,
  )
  return rows.length > 0
}

export async function findPosts(db: Db, ids: string[]): Promise<PostRow[]> {
  if (ids.length === 0) return []
  return db.selectFrom('posts').selectAll().where('id', 'in', ids).execute()
}

export async function insertPost(db: Executor, post: PostRow, audience: string[], mediaIds: string[]): Promise<void> {
  await db.insertInto('posts').values(post).execute()
  if (audience.length > 0) {
    await db
      .insertInto('post_audience')
      .values(audience.map((user_id) => ({ post_id: post.id, user_id })))
      .execute()
  }
  if (mediaIds.length > 0) {
    await db
      .insertInto('post_media')
      .values(mediaIds.map((media_id, position) => ({ post_id: post.id, media_id, position })))
      .execute()
  }
}

export async function deletePost(db: Executor, postId: string): Promise<void> {
  for (const table of ['post_comments', 'post_likes', 'post_media', 'post_audience'] as const) {
    await db.deleteFrom(table).where('post_id', '=', postId).execute()
  }
  await db.deleteFrom('posts').where('id', '=', postId).execute()
}

export async function mediaIdsOf(db: Db, postIds: string[]): Promise<Map<string, string[]>> {
  const media = new Map<string, string[]>()
  if (postIds.length === 0) return media
  const rows = await db
    .selectFrom('post_media')
    .select(['post_id', 'media_id'])
    .where('post_id', 'in', postIds)
    .orderBy('post_id')
    .orderBy('position')
    .execute()
  for (const row of rows) media.set(row.post_id, [...(media.get(row.post_id) ?? []), row.media_id])
  return media
}

export async function audienceOf(db: Db, postIds: string[]): Promise<Map<string, string[]>> {
  const audience = new Map<string, string[]>()
  if (postIds.length === 0) return audience
  const rows = await db.selectFrom('post_audience').selectAll().where('post_id', 'in', postIds).execute()
  for (const row of rows) audience.set(row.post_id, [...(audience.get(row.post_id) ?? []), row.user_id])
  return audience
}

export async function likesOf(db: Db, postIds: string[]) {
  if (postIds.length === 0) return []
  return db.selectFrom('post_likes').selectAll().where('post_id', 'in', postIds).orderBy('created_at').execute()
}

export async function commentsOf(db: Db, postIds: string[]): Promise<CommentRow[]> {
  if (postIds.length === 0) return []
  return db
    .selectFrom('post_comments')
    .selectAll()
    .where('post_id', 'in', postIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

/** False when this person already liked the post. */
export async function insertLike(db: Db, postId: string, userId: string, now: number): Promise<boolean> {
  const result = await db
    .insertInto('post_likes')
    .values({ post_id: postId, user_id: userId, created_at: now })
    .onConflict((oc) => oc.columns(['post_id', 'user_id']).doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
}

export async function deleteLike(db: Db, postId: string, userId: string): Promise<void> {
  await db.deleteFrom('post_likes').where('post_id', '=', postId).where('user_id', '=', userId).execute()
}

export async function insertComment(db: Db, comment: CommentRow): Promise<void> {
  await db.insertInto('post_comments').values(comment).execute()
}

export async function findComment(db: Db, id: string): Promise<CommentRow | undefined> {
  return db.selectFrom('post_comments').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function deleteComment(db: Db, id: string): Promise<void> {
  await db.deleteFrom('post_comments').where('id', '=', id).execute()
}

/**
 * Adds a tip to the tipper's day total unless it would pass the cap; run inside the ledger batch, so that
 * concurrent tips can never together exceed it. Returns false when over the cap.
 */
export async function addToDailyTips(
  db: Executor,
  userId: string,
  day: string,
  amount: number,
  cap: number,
): Promise<boolean> {
  if (amount > cap) return false
  await db
    .insertInto('tip_daily_totals')
    .values({ user_id: userId, day, amount: 0 })
    .onConflict((oc) => oc.columns(['user_id', 'day']).doNothing())
    .execute()
  const result = await db
    .updateTable('tip_daily_totals')
    .set((eb) => ({ amount: eb('amount', '+', amount) }))
    .where('user_id', '=', userId)
    .where('day', '=', day)
    .where('amount', '<=', cap - amount)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function postIdsWithMedia(db: Db, mediaId: string): Promise<string[]> {
  const rows = await db.selectFrom('post_media').select('post_id').where('media_id', '=', mediaId).execute()
  return rows.map((row) => row.post_id)
}

/**
 * Takes `quantity` units of a listed product in one conditional statement, so that concurrent buyers can never
 * together take more than there is. False: not enough left (or not on sale).
 */
export async function takeStock(db: Executor, postId: string, quantity: number): Promise<boolean> {
  const result = await db
    .updateTable('posts')
    .set((eb) => ({ product_stock: eb('product_stock', '-', quantity) }))
    .where('id', '=', postId)
    .where('kind', '=', 'product')
    .where('product_delisted', '=', 0)
    .where('product_stock', '>=', quantity)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Puts units back (an unpaid order closed, or a refund before shipping); a deleted listing has nothing to return to. */
export async function returnStock(db: Executor, postId: string, quantity: number): Promise<void> {
  await db
    .updateTable('posts')
    .set((eb) => ({ product_stock: eb('product_stock', '+', quantity) }))
    .where('id', '=', postId)
    .where('kind', '=', 'product')
    .execute()
}

export async function updateProduct(
  db: Db,
  postId: string,
  change: { product_price?: number; product_stock?: number; product_delisted?: number },
): Promise<void> {
  await db.updateTable('posts').set(change).where('id', '=', postId).execute()
}
