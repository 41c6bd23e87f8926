import type { Transaction } from 'kysely'
import type { Tables } from '../db/tables.js'
import crypto from 'node:crypto'
import { monotonicFactory } from 'ulid'
import {
  POST_MEDIA_MAX,
  type CommentView,
  type CreateCommentBody,
  type CreatePostBody,
  type FeedQuery,
  type PostsPage,
  type PostView,
} from '../../shared/api/feed.js'
import type { AccountsService, Actor } from '../accounts/service.js'
import type { RealNameService } from '../accounts/real-name-service.js'
import type { Db } from '../db/database.js'
import type { Events } from '../events/hub.js'
import type { PostFacts } from '../events/types.js'
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js'
import { transferIdFor, type IdempotencyScope, type StoredResponse } from '../idempotency/service.js'
import { walletAccountId } from '../ledger/accounts.js'
import type { LedgerService } from '../ledger/service.js'
import { Throttle } from '../limits/throttle.js'
import type { MediaService } from '../media/service.js'
import type { SocialService } from '../social/service.js'
import { chinaDate } from '../../shared/validation/id-number.js'
import { decodeCursor, encodeCursor } from '../db/keyset.js'
import { RecipientNotVerifiedError } from '../wallet/errors.js'
import { refusal, respond, transactionView } from '../wallet/outcome.js'
import { CannotTipYourselfError, TipLimitReachedError, TipsDisabledError } from './errors.js'
import { commentView, personFrom, presentPosts } from './present.js'
import type { Script } from './script.js'
import {
  addToDailyTips,
  authorSkeleton,
  deleteComment,
  deleteLike,
  deletePost,
  feedSkeleton,
  findComment,
  findPosts,
  insertComment,
  insertLike,
  insertPost,
  isPostVisible,
  postIdsWithMedia,
  type PostRow,
} from './store.js'

const newId = monotonicFactory()

export interface FeedRules {
  /** Password-free tips per tipper per China day, in fen (default ¥20). */
  tipDailyCap: number
  /** Product posts per seller per day. */
  productPostsPerDay: number
}

/** What a purchase post shows of an order: only its buyer may share it, and only once it is paid. */
export interface SharedPurchase {
  productPostId: string
  title: string
  unitPrice: number
  mediaId: string | null
}

export interface PurchaseSource {
  shareable(actor: Actor, orderId: string): Promise<SharedPurchase>
}

export interface FeedDeps {
  db: Db
  accounts: AccountsService
  realNames: RealNameService
  social: SocialService
  media: MediaService
  ledger: LedgerService
  events: Events
  clock: () => number
  rules: FeedRules
  /** Commerce, which is built on the feed: a late-bound view of orders for purchase posts. */
  purchases: PurchaseSource
}

/**
 * The Life Circle (朋友動態). Every read is a pipeline: a skeleton of visible post ids in one query (audience,
 * blocks, mutes and hide-my-posts decided in SQL), then batch hydration, then the per-viewer rules (likes and
 * comments only by the viewer's friends), then presentation.
 */
export class FeedService {
  private readonly productPosts: Throttle

  constructor(private readonly deps: FeedDeps) {
    this.productPosts = new Throttle(
      deps.db,
      { name: 'product-posts', limit: deps.rules.productPostsPerDay, windowMs: 24 * 3600_000 },
      deps.clock,
    )
  }

  async createPost(actor: Actor, body: CreatePostBody): Promise<PostView> {
    const kind = body.kind ?? 'status'
    const text = (body.text ?? '').trim()
    const mediaIds = body.mediaIds ?? []
    if (kind === 'product' && !body.product) throw new ValidationError('product', 'required')
    if (kind !== 'product' && body.product) throw new ValidationError('product')
    if (kind === 'purchase' && !body.orderId) throw new ValidationError('orderId', 'required')
    if (kind !== 'purchase' && (body.orderId !== undefined || body.showPrice !== undefined)) {
      throw new ValidationError(body.orderId !== undefined ? 'orderId' : 'showPrice')
    }
    if (!text && mediaIds.length === 0 && kind === 'status') throw new ValidationError('text', 'required')
    const audience = await this.audienceFor(actor, body.visibility)
    const media = await this.deps.media.ownedViews(actor.id, mediaIds)
    // A seller must be able to receive what buyers pay.
    if (kind === 'product') await this.deps.realNames.requireVerified(actor.id)
    const purchase = kind === 'purchase' ? await this.deps.purchases.shareable(actor, body.orderId!) : undefined
    if (kind === 'product') await this.productPosts.consume(actor.id)

    const post: PostRow = {
      id: newId(),
      author_id: actor.id,
      kind,
      text,
      visibility: body.visibility.type,
      tips_enabled: body.tipsEnabled === false ? 0 : 1,
      product_title: body.product?.title.trim() ?? purchase?.title ?? null,
      product_price: body.product?.price ?? (body.showPrice ? purchase?.unitPrice : undefined) ?? null,
      product_stock: body.product?.stock ?? null,
      product_description: body.product?.description?.trim() || null,
      product_delisted: 0,
      order_id: body.orderId ?? null,
      purchase_of_post_id: purchase?.productPostId ?? null,
      created_at: this.deps.clock(),
    }
    await this.deps.db.transaction().execute((trx) =>
      insertPost(
        trx,
        post,
        audience,
        // A purchase post carries the product's photo, so that whoever sees the post may load it.
        [...(purchase?.mediaId ? [purchase.mediaId] : []), ...media.map((m) => m.id)].slice(0, POST_MEDIA_MAX),
      ),
    )
    return this.getPost(actor, post.id)
  }

  async feed(actor: Actor, query: FeedQuery): Promise<PostsPage> {
    const limit = query.limit ?? 20
    const skeleton = await feedSkeleton(this.deps.db, actor.id, limit + 1, decodeCursor(query.cursor))
    return this.page(actor, skeleton, limit, query)
  }

  async userPosts(actor: Actor, userId: string, query: FeedQuery): Promise<PostsPage> {
    const limit = query.limit ?? 20
    if (!(await this.maySeeAuthor(actor.id, userId))) return { items: [], nextCursor: null }
    const skeleton = await authorSkeleton(this.deps.db, actor.id, userId, limit + 1, decodeCursor(query.cursor))
    return this.page(actor, skeleton, limit, query)
  }

  async getPost(actor: Actor, postId: string, script?: Script): Promise<PostView> {
    const post = await this.visiblePost(actor, postId)
    const [view] = await presentPosts(this.deps, actor, [post], { script })
    return view!
  }

  async deletePost(actor: Actor, postId: string): Promise<void> {
    const post = await this.visiblePost(actor, postId)
    if (post.author_id !== actor.id) throw new ForbiddenError()
    await this.deps.db.transaction().execute((trx) => deletePost(trx, postId))
  }

  async like(actor: Actor, postId: string): Promise<void> {
    const post = await this.visiblePost(actor, postId)
    if (await insertLike(this.deps.db, postId, actor.id, this.deps.clock())) {
      this.deps.events.emit({ type: 'post.liked', post: factsOf(post), likerId: actor.id })
    }
  }

  async unlike(actor: Actor, postId: string): Promise<void> {
    await this.visiblePost(actor, postId)
    await deleteLike(this.deps.db, postId, actor.id)
  }

  async comment(actor: Actor, postId: string, body: CreateCommentBody): Promise<CommentView> {
    const post = await this.visiblePost(actor, postId)
    const text = body.text.trim()
    if (!text) throw new ValidationError('text')
    let replyToUserId: string | null = null
    if (body.replyToCommentId) {
      const target = await findComment(this.deps.db, body.replyToCommentId)
      if (!target || target.post_id !== postId) throw new NotFoundError()
      replyToUserId = target.author_id
    }
    const comment = {
      id: newId(),
      post_id: postId,
      author_id: actor.id,
      text,
      reply_to_comment_id: body.replyToCommentId ?? null,
      reply_to_user_id: replyToUserId,
      created_at: this.deps.clock(),
    }
    await insertComment(this.deps.db, comment)
    this.deps.events.emit({
      type: 'post.commented',
      post: factsOf(post),
      commentId: comment.id,
      commenterId: actor.id,
      text,
      replyToUserId,
    })
    const people = await this.deps.accounts.profiles([actor.id, ...(replyToUserId ? [replyToUserId] : [])])
    return commentView(comment, personFrom(people), (_, t) => t)
  }

  /** The commenter may delete their comment; the post's author may delete any comment on it. */
  async deleteComment(actor: Actor, commentId: string): Promise<void> {
    const comment = await findComment(this.deps.db, commentId)
    if (!comment) throw new NotFoundError()
    const post = await this.visiblePost(actor, comment.post_id).catch(() => undefined)
    if (!post) throw new NotFoundError()
    if (comment.author_id !== actor.id && post.author_id !== actor.id) throw new ForbiddenError()
    await deleteComment(this.deps.db, commentId)
  }

  /**
   * 打賞: one tap, a random 1–99 fen drawn here, no PIN; the daily password-free cap is counted in the same
   * ledger transaction that moves the money, so parallel taps cannot overrun it.
   */
  async tip(actor: Actor, postId: string, scope: IdempotencyScope): Promise<StoredResponse> {
    const post = await this.visiblePost(actor, postId)
    if (post.author_id === actor.id) throw new CannotTipYourselfError()
    await this.deps.realNames.requireVerified(actor.id)
    if (post.tips_enabled !== 1) throw new TipsDisabledError()
    if (!(await this.deps.realNames.isVerified(post.author_id))) throw new RecipientNotVerifiedError()

    const amount = crypto.randomInt(1, 100)
    const author = (await this.deps.accounts.profiles([post.author_id])).get(post.author_id) ?? null
    const wallet = walletAccountId(actor.id)
    const toResponse = (result: Parameters<typeof respond>[0]) =>
      respond(result, ([transfer]) => ({
        status: 201,
        body: { amount: transfer!.amount, transaction: transactionView(transfer!, wallet, author) },
      }))
    const result = await this.deps.ledger.submit({
      transfers: [
        {
          id: transferIdFor(scope, 'tip'),
          kind: 'single',
          debitAccountId: wallet,
          creditAccountId: walletAccountId(post.author_id),
          amount,
          code: 'tip',
          refType: 'post',
          refId: post.id,
        },
      ],
      effects: async (trx) => {
        await this.countTip(trx, actor.id, amount)
      },
      remember: { ...scope, response: toResponse },
    })
    if (!refusal(result))
      this.deps.events.emit({ type: 'post.tipped', post: factsOf(post), tipperId: actor.id, amount })
    return toResponse(result)
  }

  /**
   * Counts a password-free tip against the tipper's China-day cap, inside the ledger transaction that moves it; the
   * cap is one for post tips and live tips alike.
   */
  async countTip(trx: Transaction<Tables>, tipperId: string, amount: number): Promise<void> {
    const day = chinaDate(new Date(this.deps.clock()))
    if (!(await addToDailyTips(trx, tipperId, day, amount, this.deps.rules.tipDailyCap)))
      throw new TipLimitReachedError()
  }

  private async page(
    actor: Actor,
    skeleton: Array<{ id: string; created_at: number }>,
    limit: number,
    query: FeedQuery,
  ): Promise<PostsPage> {
    const ids = skeleton.slice(0, limit).map((s) => s.id)
    const rows = await findPosts(this.deps.db, ids)
    const byId = new Map(rows.map((r) => [r.id, r]))
    const posts = ids.flatMap((id) => byId.get(id) ?? [])
    const items = await presentPosts(this.deps, actor, posts, {
      script: query.script,
      foldCommercial: query.foldCommercial,
    })
    const last = skeleton[limit - 1]
    return {
      items,
      nextCursor: skeleton.length > limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
    }
  }

  /** True when the viewer may see some post that carries this image. */
  async showsMedia(actor: Actor, mediaId: string): Promise<boolean> {
    for (const postId of await postIdsWithMedia(this.deps.db, mediaId)) {
      if (
        await this.visiblePost(actor, postId).then(
          () => true,
          () => false,
        )
      )
        return true
    }
    return false
  }

  /** A post the viewer may see, or NOT_FOUND: another's private post must not be told apart from none. */
  async visiblePost(actor: Actor, postId: string): Promise<PostRow> {
    const [post] = await findPosts(this.deps.db, [postId])
    if (!post) throw new NotFoundError()
    if (post.author_id === actor.id) return post
    const visible =
      (await this.maySeeAuthor(actor.id, post.author_id)) && (await isPostVisible(this.deps.db, actor.id, postId))
    if (!visible) throw new NotFoundError()
    return post
  }

  /** Friends who have not blocked each other and whose author does not hide their posts from the viewer. */
  private async maySeeAuthor(viewerId: string, authorId: string): Promise<boolean> {
    if (viewerId === authorId) return true
    const settings = await this.deps.social.friendshipOf(authorId, viewerId)
    if (!settings || settings.hideMyPosts) return false
    return !(await this.deps.social.isBlockedEitherWay(viewerId, authorId))
  }

  private async audienceFor(actor: Actor, visibility: CreatePostBody['visibility']): Promise<string[]> {
    if (visibility.type === 'friends' || visibility.type === 'private') {
      if (visibility.userIds?.length) throw new ValidationError('visibility.userIds')
      return []
    }
    const userIds = visibility.userIds ?? []
    if (userIds.length === 0) throw new ValidationError('visibility.userIds', 'required')
    const friends = new Set(await this.deps.social.friendIds(actor.id))
    if (!userIds.every((id) => friends.has(id))) throw new ValidationError('visibility.userIds')
    return userIds
  }
}

function factsOf(post: PostRow): PostFacts {
  return { id: post.id, authorId: post.author_id, text: post.product_title ?? post.text }
}
