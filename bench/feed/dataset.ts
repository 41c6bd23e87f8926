import crypto from 'node:crypto'
import { monotonicFactory } from 'ulid'
import type { Insertable } from 'kysely'
import type { SessionsTable, UsersTable } from '../../src/server/accounts/tables.js'
import type { PostAudienceTable, PostCommentsTable, PostLikesTable, PostsTable } from '../../src/server/feed/tables.js'
import type { BlocksTable, FriendshipsTable } from '../../src/server/social/tables.js'

/**
 * The feed benchmark's data, generated deterministically (seeded) in memory and handed to a bulk loader in
 * batches of rows shaped like the real tables. The shape:
 * - users with exactly `friends` friends each (a circulant graph: half near neighbours, half far ones, so
 *   circles overlap as real ones do), one row per direction as the app stores them;
 * - ~1 % of friendships muted, ~1 % hiding the author's posts from the friend, ~3 % of users blocking one friend;
 * - posts in time order, authors skewed (a fifth of the users write about half the posts); 85 % `friends`,
 *   5 % `private`, 6 % `include`, 4 % `exclude` with 1–5 listed friends; 2 % product posts;
 * - on ~40 % of non-private posts 1–8 likes and on ~15 % 1–3 comments, from the author's friends.
 */

/** Rows exactly as the app's tables hold them. */
export type UserRow = Insertable<UsersTable>
export type SessionRow = SessionsTable
export type FriendshipRow = FriendshipsTable
export type BlockRow = BlocksTable
export type PostRow = PostsTable
export type AudienceRow = PostAudienceTable
export type LikeRow = PostLikesTable
export type CommentRow = PostCommentsTable

export interface PostBatch {
  posts: PostRow[]
  audience: AudienceRow[]
  likes: LikeRow[]
  comments: CommentRow[]
}

export interface SocialRows {
  users: UserRow[]
  sessions: SessionRow[]
  friendships: FriendshipRow[]
  blocks: BlockRow[]
}

/** A viewer who may like or comment `postId` (friends, not hidden from, not blocked either way). */
export interface WriteTarget {
  token: string
  postId: string
}

const DAY_MS = 86_400_000
const TEXTS = [
  '今天天气真好，出去走走',
  '周末和朋友们一起吃火锅 🍲',
  'New coffee place downstairs, recommended',
  '加班到现在，终于下班了',
  '孩子第一次骑自行车！',
  '读完了一本好书，推荐给大家',
  'Sunset at the river, no filter',
  '新年快乐，万事如意',
]

/** mulberry32: a small, fast, seeded generator, so every run builds the same data. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export class FeedDataset {
  readonly userIds: string[]
  readonly tokens: string[]
  private readonly random = seeded(20_240_601)
  private readonly offsets: number[]
  private readonly pairKey: (a: number, b: number) => number
  private readonly muted = new Set<number>()
  private readonly hidden = new Set<number>()
  private readonly blocked = new Set<number>()
  /** Each author's newest few post indexes and visibilities, for choosing write targets. */
  private readonly recent = new Map<number, Array<{ id: string; visibility: string }>>()
  private readonly postIds = monotonicFactory(seeded(7))
  private readonly commentIds = monotonicFactory(seeded(11))
  private generated = 0

  constructor(
    readonly users: number,
    readonly friends: number,
    readonly postsTotal: number,
    /** Time of the newest post of the full data set; posts are spread evenly over the year before it. */
    readonly endMs: number,
  ) {
    if (friends % 2 !== 0 || friends >= users) throw new Error('friends must be even and below users')
    const userIdOf = monotonicFactory(seeded(3))
    const start = endMs - 400 * DAY_MS
    this.userIds = Array.from({ length: users }, (_, i) => userIdOf(start + i))
    this.tokens = this.userIds.map(() => crypto.randomBytes(32).toString('base64url'))
    this.pairKey = (a, b) => a * users + b
    const half = friends / 2
    const near = Math.ceil(half / 2)
    const chosen = new Set<number>()
    for (let d = 1; d <= near; d++) chosen.add(d)
    while (chosen.size < half) {
      const d = near + 1 + Math.floor(this.random() * (Math.floor((users - 1) / 2) - near))
      chosen.add(d)
    }
    this.offsets = [...chosen]
  }

  friendsOf(user: number): number[] {
    const n = this.users
    return this.offsets.flatMap((d) => [(user + d) % n, (user - d + n) % n])
  }

  /** Users, sessions for every user (sha256 of a random token, as the accounts service stores them), friendships, blocks. */
  social(passwordHash: string, nowMs: number): SocialRows {
    const users: UserRow[] = this.userIds.map((id, i) => ({
      id,
      phone: `139${String(10_000_000 + i).padStart(8, '0')}`,
      password_hash: passwordHash,
      display_name: `用户${i}`,
      locale: 'zh-Hans',
      avatar_url: null,
      created_at: nowMs - 400 * DAY_MS + i,
    }))
    const sessions: SessionRow[] = this.tokens.map((token, i) => ({
      token_hash: crypto.createHash('sha256').update(token).digest('base64url'),
      id: `bench-session-${i}`,
      user_id: this.userIds[i]!,
      created_at: nowMs,
      expires_at: nowMs + 30 * DAY_MS,
      user_agent: null,
      address: null,
      last_seen_at: nowMs,
    }))
    const friendships: FriendshipRow[] = []
    const blocks: BlockRow[] = []
    for (let u = 0; u < this.users; u++) {
      const mine = this.friendsOf(u)
      for (const f of mine) {
        const mute = this.random() < 0.01
        const hide = this.random() < 0.01
        if (mute) this.muted.add(this.pairKey(u, f))
        if (hide) this.hidden.add(this.pairKey(u, f))
        friendships.push({
          user_id: this.userIds[u]!,
          friend_id: this.userIds[f]!,
          mute_their_posts: mute ? 1 : 0,
          hide_my_posts: hide ? 1 : 0,
          created_at: nowMs - 300 * DAY_MS,
        })
      }
      if (this.random() < 0.03) {
        const f = mine[Math.floor(this.random() * mine.length)]!
        this.blocked.add(this.pairKey(u, f))
        blocks.push({ blocker_id: this.userIds[u]!, blocked_id: this.userIds[f]!, created_at: nowMs - DAY_MS })
      }
    }
    return { users, sessions, friendships, blocks }
  }

  get postsGenerated(): number {
    return this.generated
  }

  /** The next `count` posts in time order (with their audiences, likes and comments), in batches of `batch`. */
  *posts(count: number, batch: number): Generator<PostBatch> {
    const step = (400 * DAY_MS) / this.postsTotal
    const startMs = this.endMs - this.postsTotal * step
    let out: PostBatch = { posts: [], audience: [], likes: [], comments: [] }
    const last = Math.min(this.postsTotal, this.generated + count)
    for (; this.generated < last; this.generated++) {
      const createdAt = Math.floor(startMs + this.generated * step + this.random() * step * 0.5)
      this.addPost(out, createdAt)
      if (out.posts.length >= batch) {
        yield out
        out = { posts: [], audience: [], likes: [], comments: [] }
      }
    }
    if (out.posts.length > 0) yield out
  }

  /** Like/comment targets: a viewer and a recent `friends` post of one of their friends they may see. */
  writeTargets(count: number): WriteTarget[] {
    const targets: WriteTarget[] = []
    for (let attempt = 0; targets.length < count && attempt < count * 20; attempt++) {
      const viewer = Math.floor(this.random() * this.users)
      const friends = this.friendsOf(viewer)
      const author = friends[Math.floor(this.random() * friends.length)]!
      if (this.hidden.has(this.pairKey(author, viewer))) continue
      if (this.blocked.has(this.pairKey(author, viewer)) || this.blocked.has(this.pairKey(viewer, author))) continue
      const post = this.recent.get(author)?.find((p) => p.visibility === 'friends')
      if (post) targets.push({ token: this.tokens[viewer]!, postId: post.id })
    }
    return targets
  }

  private addPost(out: PostBatch, createdAt: number): void {
    const r = this.random()
    // r² skews authorship: users with low indexes after a fixed shuffle (multiplying by a prime) write most.
    const author = (Math.floor(r * r * this.users) * 7919) % this.users
    const authorId = this.userIds[author]!
    const id = this.postIds(createdAt)
    const v = this.random()
    const visibility = v < 0.85 ? 'friends' : v < 0.9 ? 'private' : v < 0.96 ? 'include' : 'exclude'
    const product = this.random() < 0.02
    out.posts.push({
      id,
      author_id: authorId,
      kind: product ? 'product' : 'status',
      text: TEXTS[Math.floor(this.random() * TEXTS.length)]!,
      visibility,
      tips_enabled: 1,
      product_title: product ? '手工咖啡豆 500g' : null,
      product_price: product ? 6800 : null,
      product_stock: product ? 20 : null,
      product_description: null,
      product_delisted: 0,
      order_id: null,
      purchase_of_post_id: null,
      created_at: createdAt,
    })
    const friends = this.friendsOf(author)
    const pick = () => friends[Math.floor(this.random() * friends.length)]!
    if (visibility === 'include' || visibility === 'exclude') {
      const listed = new Set(Array.from({ length: 1 + Math.floor(this.random() * 5) }, pick))
      for (const f of listed) out.audience.push({ post_id: id, user_id: this.userIds[f]! })
    }
    const recent = this.recent.get(author) ?? []
    recent.unshift({ id, visibility })
    this.recent.set(author, recent.slice(0, 4))
    if (visibility === 'private') return
    if (this.random() < 0.4) {
      const likers = new Set(Array.from({ length: 1 + Math.floor(this.random() * 8) }, pick))
      for (const f of likers) {
        out.likes.push({ post_id: id, user_id: this.userIds[f]!, created_at: createdAt + 60_000 })
      }
    }
    if (this.random() < 0.15) {
      const comments = 1 + Math.floor(this.random() * 3)
      for (let c = 0; c < comments; c++) {
        const at = createdAt + 120_000 + c
        out.comments.push({
          id: this.commentIds(at),
          post_id: id,
          author_id: this.userIds[pick()]!,
          text: '👍 赞',
          reply_to_comment_id: null,
          reply_to_user_id: null,
          created_at: at,
        })
      }
    }
  }
}
