import type { CommentView, MediaView, PostView } from '../../shared/api/feed.js'
import type { PersonView } from '../../shared/api/social.js'
import type { Actor } from '../accounts/service.js'
import { toScript, type Script } from './script.js'
import { isCommercial } from './commercial.js'
import type { FeedDeps } from './service.js'
import { audienceOf, commentsOf, likesOf, mediaIdsOf, type CommentRow, type PostRow } from './store.js'

export interface PresentOptions {
  script?: Script | undefined
  foldCommercial?: boolean | undefined
}

/** Looks people up by id, standing in an empty profile for one that no longer exists. */
export function personFrom(people: Map<string, PersonView>): (id: string) => PersonView {
  return (id) => people.get(id) ?? { id, displayName: '', maskedName: null, avatarUrl: null }
}

/**
 * Hydration and rules for a page of posts, in a fixed number of queries whatever the page size. WeChat's rule:
 * a viewer sees only the likes and comments of their own friends (and their own); the author sees all.
 */
export async function presentPosts(
  deps: FeedDeps,
  viewer: Actor,
  posts: PostRow[],
  options: PresentOptions,
): Promise<PostView[]> {
  if (posts.length === 0) return []
  const ids = posts.map((p) => p.id)
  const mine = posts.filter((p) => p.author_id === viewer.id).map((p) => p.id)
  const [mediaIds, likes, comments, audience, tips, friendIds] = await Promise.all([
    mediaIdsOf(deps.db, ids),
    likesOf(deps.db, ids),
    commentsOf(deps.db, ids),
    audienceOf(deps.db, mine),
    deps.ledger.transfersByRef('post', mine, 'tip'),
    deps.social.friendIds(viewer.id),
  ])
  const friends = new Set(friendIds)
  const shown = (post: PostRow, userId: string) =>
    post.author_id === viewer.id || userId === viewer.id || friends.has(userId)

  const productImages = await productImagesOf(deps, posts)
  const media = await deps.media.views([...mediaIds.values()].flat())
  const people = await deps.accounts.profiles([
    ...posts.map((p) => p.author_id),
    ...likes.map((l) => l.user_id),
    ...comments.flatMap((c) => [c.author_id, ...(c.reply_to_user_id ? [c.reply_to_user_id] : [])]),
    ...tips.flatMap((t) => (t.payerId ? [t.payerId] : [])),
  ])
  const person = personFrom(people)
  const convert = (authorId: string, text: string) => (authorId === viewer.id ? text : toScript(text, options.script))

  return posts.map((post) => {
    const postLikes = likes.filter((l) => l.post_id === post.id && shown(post, l.user_id))
    const postComments = comments.filter((c) => c.post_id === post.id && shown(post, c.author_id))
    const isAuthor = post.author_id === viewer.id
    const postTips = isAuthor ? tips.filter((t) => t.refId === post.id) : []
    const commercial = isCommercial(post)
    const ownMedia = mediaIds.get(post.id) ?? []
    const productImage = post.purchase_of_post_id ? productImages.get(post.purchase_of_post_id) : undefined
    const purchaseImage = productImage && ownMedia.includes(productImage) ? productImage : undefined
    const view: PostView = {
      id: post.id,
      author: person(post.author_id),
      kind: post.kind as PostView['kind'],
      text: convert(post.author_id, post.text),
      media: ownMedia.flatMap((id): MediaView[] => {
        const m = id === purchaseImage ? undefined : media.get(id)
        return m ? [m] : []
      }),
      visibility: {
        type: post.visibility as PostView['visibility']['type'],
        ...(isAuthor && (post.visibility === 'include' || post.visibility === 'exclude')
          ? { userIds: audience.get(post.id) ?? [] }
          : {}),
      },
      createdAt: new Date(post.created_at).toISOString(),
      likes: postLikes.map((l) => person(l.user_id)),
      comments: postComments.map((c) => commentView(c, person, convert)),
      likeCount: postLikes.length,
      commentCount: postComments.length,
      likedByMe: likes.some((l) => l.post_id === post.id && l.user_id === viewer.id),
      commercial,
      tipsEnabled: post.tips_enabled === 1,
    }
    if (post.kind === 'product' && post.product_title !== null && post.product_price !== null) {
      view.product = {
        title: convert(post.author_id, post.product_title),
        price: post.product_price,
        stock: post.product_stock ?? 0,
        ...(post.product_description ? { description: convert(post.author_id, post.product_description) } : {}),
        delisted: post.product_delisted === 1,
      }
    }
    if (post.kind === 'purchase' && post.purchase_of_post_id && post.product_title !== null) {
      view.purchase = {
        productPostId: post.purchase_of_post_id,
        title: convert(post.author_id, post.product_title),
        image: purchaseImage ? (media.get(purchaseImage) ?? null) : null,
        ...(post.product_price !== null ? { price: post.product_price } : {}),
      }
    }
    if (commercial && options.foldCommercial && !isAuthor) view.folded = true
    if (isAuthor) {
      view.tipTotal = postTips.reduce((sum, t) => sum + t.amount, 0)
      view.tippers = postTips.map((t) => ({
        user: person(t.payerId ?? ''),
        amount: t.amount,
        createdAt: new Date(t.createdAt).toISOString(),
      }))
    }
    return view
  })
}

export function commentView(
  comment: CommentRow,
  person: (id: string) => PersonView,
  convert: (authorId: string, text: string) => string,
): CommentView {
  return {
    id: comment.id,
    author: person(comment.author_id),
    text: convert(comment.author_id, comment.text),
    replyTo:
      comment.reply_to_comment_id && comment.reply_to_user_id
        ? { id: comment.reply_to_comment_id, author: person(comment.reply_to_user_id) }
        : null,
    createdAt: new Date(comment.created_at).toISOString(),
  }
}

/**
 * A purchase post carries its product's first photo (so that its readers may load it); it is shown as the
 * purchase's image, not among the buyer's own photos. Read only when the page has purchase posts.
 */
async function productImagesOf(deps: FeedDeps, posts: PostRow[]): Promise<Map<string, string>> {
  const productIds = posts.flatMap((p) => (p.purchase_of_post_id ? [p.purchase_of_post_id] : []))
  const images = new Map<string, string>()
  if (productIds.length === 0) return images
  for (const [postId, ids] of await mediaIdsOf(deps.db, productIds)) if (ids[0]) images.set(postId, ids[0])
  return images
}
