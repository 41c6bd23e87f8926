import type { Transaction } from 'kysely'
import type { EditProductBody } from '../../shared/api/commerce.js'
import type { PostView } from '../../shared/api/feed.js'
import type { Actor } from '../accounts/service.js'
import type { Tables } from '../db/tables.js'
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js'
import type { FeedService } from './service.js'
import { mediaIdsOf, returnStock, takeStock, updateProduct } from './store.js'
import type { FeedDeps } from './service.js'

/** A product post as an order sees it. */
export interface Listing {
  postId: string
  sellerId: string
  title: string
  price: number
  stock: number
  delisted: boolean
  /** The first photo, shown with the order. */
  mediaId: string | null
}

/**
 * The products sold through product posts: what commerce reads and reserves, and what the seller edits.
 * Stock lives with the post, so these are the only writes to it.
 */
export class ProductCatalog {
  constructor(
    private readonly deps: FeedDeps,
    private readonly feed: FeedService,
  ) {}

  /** A product the viewer may see; NOT_FOUND for anything else, so that private listings stay unknown. */
  async listing(actor: Actor, postId: string): Promise<Listing> {
    const post = await this.feed.visiblePost(actor, postId)
    if (post.kind !== 'product' || post.product_title === null || post.product_price === null) {
      throw new ValidationError('postId')
    }
    const media = await mediaIdsOf(this.deps.db, [post.id])
    return {
      postId: post.id,
      sellerId: post.author_id,
      title: post.product_title,
      price: post.product_price,
      stock: post.product_stock ?? 0,
      delisted: post.product_delisted === 1,
      mediaId: media.get(post.id)?.[0] ?? null,
    }
  }

  /** In the caller's transaction, with the order it belongs to. False: not enough left. */
  take(trx: Transaction<Tables>, postId: string, quantity: number): Promise<boolean> {
    return takeStock(trx, postId, quantity)
  }

  giveBack(trx: Transaction<Tables>, postId: string, quantity: number): Promise<void> {
    return returnStock(trx, postId, quantity)
  }

  /** The seller changes the price or the stock, or takes it off sale (or back on). Orders placed keep their price. */
  async edit(actor: Actor, postId: string, body: EditProductBody): Promise<PostView> {
    const post = await this.feed.visiblePost(actor, postId)
    if (post.author_id !== actor.id) throw new ForbiddenError()
    if (post.kind !== 'product') throw new NotFoundError()
    await updateProduct(this.deps.db, postId, {
      ...(body.price !== undefined ? { product_price: body.price } : {}),
      ...(body.stock !== undefined ? { product_stock: body.stock } : {}),
      ...(body.delisted !== undefined ? { product_delisted: body.delisted ? 1 : 0 } : {}),
    })
    return this.feed.getPost(actor, postId)
  }
}
